import { ComparisonController } from './comparison.controller';
import { GetComparisonHandler } from './comparison.handler';
import { ReviewSheetController } from './review-sheet.controller';

/** Year over year and the review sheet; they read through the report query and its repositories. */
export const comparisonControllers = [ComparisonController, ReviewSheetController];
export const comparisonProviders = [GetComparisonHandler];

import { Pool } from 'pg';
import { Config } from '@app/config';
import { ReportSnapshots } from '@app/projections';
import { GetReportController } from './get-report.controller';
import { GetReportHandler } from './get-report.handler';
import { PublishReportController } from './publish-report.controller';
import { PublishReportHandler } from './publish-report.handler';
import { ReportCutter } from './report-cutter';
import { ReportPublicationsRepository } from '@app/event-store';
import { ReportRecorder } from './report-recorder';
import { ReviewReportController } from './review-report.controller';
import { ReviewReportHandler } from './review-report.handler';
import { CountySettingsRepository, ReviewStepsRepository } from '@app/event-store';
import { CountySettingsController } from '../settings/county-settings.controller';

export const reportsControllers = [
  GetReportController,
  PublishReportController,
  ReviewReportController,
  CountySettingsController,
];

export const reportsProviders = (config: Config) => [
  {
    provide: ReportSnapshots,
    useFactory: (db: Pool) => new ReportSnapshots(db, config.partitions),
    inject: [Pool],
  },
  {
    provide: ReportPublicationsRepository,
    useFactory: (db: Pool) => new ReportPublicationsRepository(db),
    inject: [Pool],
  },
  {
    provide: CountySettingsRepository,
    useFactory: (db: Pool) => new CountySettingsRepository(db),
    inject: [Pool],
  },
  { provide: ReviewStepsRepository, useFactory: (db: Pool) => new ReviewStepsRepository(db), inject: [Pool] },
  ReportCutter,
  ReportRecorder,
  GetReportHandler,
  PublishReportHandler,
  ReviewReportHandler,
];

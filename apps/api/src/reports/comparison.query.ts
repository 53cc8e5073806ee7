import { Query } from '@nestjs/cqrs';
import { Comparison } from '@app/report';
import type { GetReportQuery, ReportEnvelope } from './get-report.query';

/** The comparison of a year with the year before, and the report of the year it was made from. */
export type ComparisonResult = { comparison: Comparison; report: ReportEnvelope };

export class GetComparisonQuery extends Query<ComparisonResult> {
  /** `current`: the year compared, read exactly as the report endpoint reads it. */
  constructor(readonly current: GetReportQuery) {
    super();
  }
}

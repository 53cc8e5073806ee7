import { Query } from '@nestjs/cqrs';
import { Comparison } from '@app/report';
import { Scope } from '@app/projections';
import { Principal } from '../access/principal';
import { ReportEnvelope } from './get-report.query';

/** The comparison of a year with the year before, and the report of the year it was made from. */
export type ComparisonResult = { comparison: Comparison; report: ReportEnvelope };

export class GetComparisonQuery extends Query<ComparisonResult> {
  constructor(
    readonly principal: Principal,
    readonly orgId: string,
    readonly year: number,
    readonly scope: Scope,
    readonly minPosition: number | null,
    readonly waitMs: number,
  ) {
    super();
  }
}

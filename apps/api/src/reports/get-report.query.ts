import { Query } from '@nestjs/cqrs';
import type { ReportEnvelope, Scope } from '@app/report';
import { Principal } from '../access/principal';

export type { PublicationInfo, ReportEnvelope } from '@app/report';

export type ReportVersion = 'current' | 'published';
export class GetReportQuery extends Query<ReportEnvelope> {
  constructor(
    readonly principal: Principal,
    readonly orgId: string,
    readonly year: number,
    readonly scope: Scope,
    readonly minPosition: number | null,
    readonly waitMs: number,
    readonly version: ReportVersion = 'current',
  ) {
    super();
  }
}

import { Query } from '@nestjs/cqrs';
import { Report } from '@app/report';
import { Scope } from '@app/projections';
import { Principal } from '../access/principal';

export type ReportEnvelope = {
  orgId: string;
  year: number;
  format: '2021';
  scope: Scope;
  position: number;
  stale: boolean;
} & Omit<Report, 'orgId' | 'year' | 'format' | 'scope' | 'position' | 'stale'>;

export class GetReportQuery extends Query<ReportEnvelope> {
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

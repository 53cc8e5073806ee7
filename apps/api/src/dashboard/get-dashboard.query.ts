import { Query } from '@nestjs/cqrs';
import { Principal } from '../access/principal';
import type { ReviewInfo } from '@app/report';
import type { ParkedEvent } from '@app/projections';
import type { DashboardFigures, DashboardHeader } from './dashboard-rows';

/** Where a member's report of the year stands in the review (条例 art. 49), without its history. */
export type ReviewSummary = Omit<ReviewInfo, 'history'> & { submittedAt: string | null };

export type Dashboard = DashboardHeader & {
  /** The review of each org's report of the year (the county's own and each member's), by orgId. */
  reviews: Record<string, ReviewSummary>;
  /** Stored events of the subtree that cannot be applied: they count in no figure here. */
  projectionFaults: ParkedEvent[];
} & DashboardFigures;

export class GetDashboardQuery extends Query<Dashboard> {
  constructor(
    readonly principal: Principal,
    readonly orgId: string,
    readonly year: number | null,
  ) {
    super();
  }
}

import { Query } from '@nestjs/cqrs';
import { Principal } from '../access/principal';
import type { ReviewInfo } from '@app/report';
import type { ParkedEvent } from '@app/projections';
import type { DashboardFigures } from './dashboard-rows';

/** Where a member's report of the year stands in the review (条例 art. 49), without its history. */
export type ReviewSummary = Omit<ReviewInfo, 'history'> & { submittedAt: string | null };

export type Dashboard = {
  orgId: string;
  name: string;
  year: number;
  /** The local date the deadline figures are counted at: today in the county's time zone. */
  asOf: string;
  /** Years with any figures in the subtree, ascending. */
  years: number[];
  /** Every event at or below this store position is reflected (low-water mark of the subtree's partitions). */
  position: number;
  headPosition: number;
  /** Committed events the projections of the subtree have not applied yet. */
  lagEvents: number;
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

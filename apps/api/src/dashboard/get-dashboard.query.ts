import { Query } from '@nestjs/cqrs';
import { Principal } from '../access/principal';
import type { ParkedEvent } from '@app/projections';
import type { DashboardFigures } from './dashboard-rows';

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

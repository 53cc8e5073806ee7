import { Query } from '@nestjs/cqrs';
import { Principal } from '../access/principal';
import type { DeadlineItem } from './deadline-items';

export type DeadlineScope = 'self' | 'subtree';
export type DeadlineList = { asOf: string; items: DeadlineItem[] };

export class GetDeadlinesQuery extends Query<DeadlineList> {
  constructor(
    readonly principal: Principal,
    readonly orgId: string,
    readonly scope: DeadlineScope,
    /** 'YYYY-MM-DD', or null for today in the org's time zone. */
    readonly asOf: string | null,
  ) {
    super();
  }
}

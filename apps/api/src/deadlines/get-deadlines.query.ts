import { Query } from '@nestjs/cqrs';
import { Principal } from '../access/principal';
import type { DeadlineItem } from './deadline-items';

export type DeadlineScope = 'self' | 'subtree';
/** `next`: pass it as `after` for the items that follow; null on the last page. */
export type DeadlineList = { asOf: string; items: DeadlineItem[]; next: string | null };

export class GetDeadlinesQuery extends Query<DeadlineList> {
  constructor(
    readonly principal: Principal,
    readonly orgId: string,
    readonly scope: DeadlineScope,
    /** 'YYYY-MM-DD', or null for today in the org's time zone. */
    readonly asOf: string | null,
    /** At most this many items. */
    readonly limit: number,
    /** The `next` token of the page before, or null for the first page. */
    readonly after: string | null,
  ) {
    super();
  }
}

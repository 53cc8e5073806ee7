import type { ClientBase, Pool } from 'pg';
import type { StoredEvent } from '@app/domain';
import { STORED_EVENT_COLUMNS, toStoredEvent } from './event-store';

// Whole-log reads for tools that check the store from outside (the specs' reference fold, the
// drill's verdict, the bench's totals). The service itself never reads the whole log at once.

/** Every stored event in position order (within an org, position order is commit order). */
export async function allStoredEvents(db: Pool | ClientBase): Promise<StoredEvent[]> {
  const r = await db.query(`SELECT ${STORED_EVENT_COLUMNS} FROM events ORDER BY position`);
  return r.rows.map(toStoredEvent);
}

/** How many events the store holds. */
export async function eventCount(db: Pool | ClientBase): Promise<number> {
  return Number((await db.query(`SELECT count(*)::float8 AS n FROM events`)).rows[0].n);
}

/** The highest position stored (0 for an empty store): a minPosition every committed event is at or below. */
export async function headPosition(db: Pool | ClientBase): Promise<number> {
  return Number((await db.query(`SELECT coalesce(max(position), 0)::float8 AS p FROM events`)).rows[0].p);
}

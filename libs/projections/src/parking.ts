import { PoolClient } from 'pg';
import { isRetryable } from '@app/event-store';
import type { ProjectedRow } from './stream-states';

export const PROJECTION = 'reports';

/**
 * Whether a failed batch may hold an event that can never be applied, so that retrying it as it
 * is would fail for ever: the fold threw (a plain error, no SQLSTATE), or PostgreSQL refused the
 * data itself (class 22, data exception: a value out of range; class 23, a violated constraint,
 * as a report cell leaving the exact range). A lost connection, a deadlock, a statement timeout
 * or a lock wait is the moment's fault, not the event's: that batch is tried again as it is.
 */
export function isParkable(e: unknown): boolean {
  if (isRetryable(e)) return false;
  const code = (e as { code?: unknown })?.code;
  if (typeof code !== 'string') return e instanceof Error;
  return code.startsWith('22') || code.startsWith('23');
}

/** The error as it is kept with the parked event: the message, and PostgreSQL's SQLSTATE if any. */
export function describeError(e: unknown): string {
  const code = (e as { code?: unknown })?.code;
  const message = String((e as Error)?.message ?? e);
  return (typeof code === 'string' ? `${message} (SQLSTATE ${code})` : message).slice(0, 2000);
}

/**
 * Applies `rows` (in log order) or, when that fails for a reason the data gives, applies each
 * half on its own, down to the one event that fails alone, which is parked. Every attempt runs
 * under a savepoint, so a failed one leaves nothing behind. The left half is applied before the
 * right one, so each event meets the state of exactly the events before it that were applied:
 * the outcome is the one of applying the events one by one, whatever the batch boundaries were,
 * and a rebuild parks the same events as the incremental run. (A report cell that would leave
 * the exact range is refused by the write of the sum; amounts only add up, so the first event
 * that pushes the sum over, and each one after it, fails alone.) Returns the events applied.
 */
export async function applyOrPark(
  c: PoolClient,
  rows: ProjectedRow[],
  apply: (rows: ProjectedRow[]) => Promise<void>,
  park: (row: ProjectedRow, error: unknown) => Promise<void>,
): Promise<number> {
  await c.query('SAVEPOINT apply_or_park');
  try {
    await apply(rows);
    await c.query('RELEASE SAVEPOINT apply_or_park');
    return rows.length;
  } catch (e) {
    await c.query('ROLLBACK TO SAVEPOINT apply_or_park; RELEASE SAVEPOINT apply_or_park');
    if (!isParkable(e)) throw e;
    if (rows.length === 1) {
      await park(rows[0], e);
      return 0;
    }
    const mid = rows.length >> 1;
    const left = await applyOrPark(c, rows.slice(0, mid), apply, park);
    return left + (await applyOrPark(c, rows.slice(mid), apply, park));
  }
}

/** Sets one event aside with its error; the checkpoint then passes it like any other. */
export async function parkEvent(
  c: PoolClient,
  projection: string,
  position: number,
  error: unknown,
): Promise<void> {
  await c.query(
    `INSERT INTO projection_parked (projection, position, partition, org_id, event_id, type, error)
     SELECT $1, position, partition, org_id, event_id::text, type, $3 FROM events WHERE position = $2
     ON CONFLICT DO NOTHING`,
    [projection, position, describeError(error)],
  );
}

import { PoolClient } from 'pg';
import { createPool } from '@app/event-store';

/**
 * A pool whose transactions stop at COMMIT until the test opens the gate: the way to make a
 * writer commit late on purpose (out-of-order commits, lock waits) instead of hoping for it.
 */
export function gatedPool(url: string, max = 4) {
  const pool = createPool(url, max);
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  let reachedCommit!: () => void;
  const atCommit = new Promise<void>((r) => (reachedCommit = r));
  const connect = pool.connect.bind(pool) as () => Promise<PoolClient>;
  (pool as unknown as { connect: () => Promise<PoolClient> }).connect = async () => {
    const c = await connect();
    const query = c.query.bind(c) as (...a: unknown[]) => Promise<unknown>;
    (c as unknown as { query: (...a: unknown[]) => Promise<unknown> }).query = async (...a: unknown[]) => {
      if (a[0] === 'COMMIT') {
        reachedCommit();
        await gate;
      }
      return query(...a);
    };
    return c;
  };
  return { pool, open, atCommit };
}

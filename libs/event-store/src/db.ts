import { Pool, PoolClient, QueryResult, types } from 'pg';

// bigint columns (positions, counters) come back as JS numbers: every value we store stays far
// below 2^53 (positions ~10^9, amounts in fen ~10^13).
types.setTypeParser(types.builtins.INT8, (v) => Number(v));

export type Db = Pool;

/** `statementTimeoutMs` bounds every statement of the pool's connections (0: no bound). */
export function createPool(url: string, max = 10, applicationName = 'gongkai', statementTimeoutMs = 0): Pool {
  const pool = new Pool({
    connectionString: url,
    max,
    application_name: applicationName,
    // A transaction left open stalls every projector (xmin horizon): cap it. JIT compiles any
    // query the planner over-estimates (a lag scan at 10^6 events) for tens of milliseconds;
    // every query here is short, so it only ever costs. So does a parallel plan: on a log without
    // statistics (after a bulk load) two stream ids were estimated at 100,000 rows at 10^7, and
    // starting the two parallel workers took 24 ms of a town report that reads no row.
    options: `-c idle_in_transaction_session_timeout=60000 -c jit=off -c max_parallel_workers_per_gather=0 -c statement_timeout=${statementTimeoutMs}`,
  });
  // A client that loses its connection (pg_terminate_backend, a restart) must not crash the
  // process: the error event can come while no query is active. Queries on it still reject, and
  // such a client is destroyed on release (see inTransaction) or by the pool when idle.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  // A single statement outside a transaction is a read or an idempotent upsert here, so one that
  // fails because its connection was dropped is tried again on a fresh connection.
  const query = pool.query.bind(pool) as (...a: unknown[]) => Promise<unknown>;
  pool.query = ((...a: unknown[]) => retrying(() => query(...a), isRetryable)) as typeof pool.query;
  return pool;
}

/**
 * Runs `fn` in a transaction. `withBegin` is SQL sent in the same round trip as BEGIN (literals
 * only: a multi-statement query takes no parameters); `fn` gets its results. Each statement has
 * a snapshot of its own (READ COMMITTED), so a read after a lock sees what the lock waited for.
 */
export async function inTransaction<T>(
  pool: Pool,
  fn: (c: PoolClient, opened: QueryResult[]) => Promise<T>,
  withBegin = '',
): Promise<T> {
  const c = await pool.connect();
  // A checked-out client whose backend is terminated emits 'error'; unheard, it would crash the
  // process. The failing query rejects anyway, which is where the error is handled.
  let broken: unknown = null;
  const onError = (e: unknown) => (broken = e);
  c.on('error', onError);
  try {
    const begun = (await c.query(withBegin ? `BEGIN; ${withBegin}` : 'BEGIN')) as unknown as
      QueryResult | QueryResult[];
    const out = await fn(c, Array.isArray(begun) ? begun.slice(1) : []);
    await c.query('COMMIT');
    return out;
  } catch (e) {
    if (!broken) await c.query('ROLLBACK').catch((re) => (broken = re));
    throw e;
  } finally {
    c.off('error', onError);
    // A client that lost its connection is destroyed, not handed to the next caller.
    c.release(broken ? (broken as Error) : undefined);
  }
}

const RETRYABLE = new Set(['40001', '40P01', '57P01', '08006', '08003', '57P03']);

/** Serialization failures, deadlocks and dropped connections are worth one more try. */
/** Runs `fn` up to `attempts` times, again only while `again(error)` says its failure may pass. */
export async function retrying<T>(
  fn: () => Promise<T>,
  again: (e: unknown) => boolean,
  attempts = 3,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt >= attempts || !again(e)) throw e;
    }
  }
}

export function isRetryable(e: unknown): boolean {
  const code = (e as { code?: string })?.code;
  if (code && RETRYABLE.has(code)) return true;
  const msg = String((e as Error)?.message ?? '');
  return /Connection terminated|ECONNRESET|ECONNREFUSED|terminating connection|not queryable/i.test(msg);
}

/** Stable partition of an org (FNV-1a 32-bit), so one org's events always land in one projector. */
export function partitionOf(orgId: string, partitions: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < orgId.length; i++) {
    h ^= orgId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % partitions;
}

import { AsyncLocalStorage } from 'node:async_hooks';
import { Pool } from 'pg';
import { createLogger } from '@app/config';
import { createPool, isRetryable } from '@app/event-store';
import { ProgressWatch, ReadModelsRepository } from '@app/projections';

// The query side on streaming-replication standbys (DATABASE_READ_URLS; docs/operations.md).
// A read request is given one server for its whole run, so that every statement it makes, and
// its minPosition wait, see the same replayed history: a standby, round robin among those up, or
// the primary when none is. A standby that fails a statement for its connection is set aside
// for DOWN_MS and the request finishes on the primary, which is ahead of every standby, so a
// request never reads an older state after a newer one. Writes, commands, the projectors and
// every request outside a read controller stay on the primary.

const log = createLogger('api');
const DOWN_MS = 5_000;
const POLL_MS = 20;
const RECOVERY_CONFLICT = new Set(['40001', '40P01']);
const CONNECT_MS = 2_000;

/** A failure of the server or of the way to it, not of the statement: another server may answer. */
const unreachable = (e: unknown) =>
  isRetryable(e) ||
  /timeout exceeded when trying to connect|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN/i.test(
    String((e as Error)?.message ?? ''),
  );

type Server = {
  name: string;
  query: Pool['query'];
  /** Standbys only: the pool, its ProgressWatch on replay and when it may be tried again. */
  pool: Pool | null;
  downUntil: number;
  replay: ProgressWatch | null;
  progress: ProgressWatch;
};
type Store = { server: Server };

/** A standby's address without its password, as health names it. */
const nameOf = (url: string) => {
  const u = new URL(url);
  return `${u.hostname}:${u.port || 5432}${u.pathname}`;
};

export class ReadSide {
  private readonly als = new AsyncLocalStorage<Store>();
  private readonly primary: Server;
  readonly standbys: Server[];
  private next = 0;

  /**
   * Routes `pool.query` (the primary pool every repository holds): inside a read request, to the
   * request's server. `pool.connect()` (transactions, locks) always stays on the primary.
   */
  constructor(pool: Pool, readUrls: string[], statementTimeoutMs: number) {
    const primaryQuery = pool.query.bind(pool) as Pool['query'];
    this.primary = this.server('primary', primaryQuery, null);
    this.standbys = readUrls.map((url) => {
      const p = createPool(url, 20, 'gongkai-api-read', statementTimeoutMs);
      // A standby that does not answer at all (a host gone from the network) must cost a read
      // seconds, not the operating system's connect timeout, before it falls back.
      (p as unknown as { options: { connectionTimeoutMillis: number } }).options.connectionTimeoutMillis =
        CONNECT_MS;
      return this.server(nameOf(url), p.query.bind(p) as Pool['query'], p);
    });
    if (!this.standbys.length) return;
    pool.query = ((...a: Parameters<Pool['query']>) => this.routed(primaryQuery, a)) as Pool['query'];
  }

  private server(name: string, query: Pool['query'], pool: Pool | null): Server {
    const readModels = new ReadModelsRepository({ query } as Pool);
    // On a standby pg_last_wal_replay_lsn() says how far it has replayed the primary's WAL; read
    // as a number (LSNs stay far below 2^53) it is the "first unapplied" of a single partition 0.
    const replayed = async () => {
      const r = await query(`SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '0/0')::float8 AS at`);
      return new Map([[0, Number(r.rows[0].at ?? -1) + 1]]);
    };
    return {
      name,
      query,
      pool,
      downUntil: 0,
      replay: pool ? new ProgressWatch(replayed, POLL_MS) : null,
      progress: new ProgressWatch((p, upTo) => readModels.firstUnapplied(p, upTo), POLL_MS),
    };
  }

  /** Runs `fn` as a read request: on a standby that is up, round robin, else on the primary. */
  run<T>(fn: () => T): T {
    return this.als.run({ server: this.pick() }, fn);
  }

  private pick(): Server {
    const now = Date.now();
    for (let i = 0; i < this.standbys.length; i++) {
      const s = this.standbys[(this.next + i) % this.standbys.length];
      if (s.downUntil <= now) {
        this.next = (this.next + i + 1) % this.standbys.length;
        return s;
      }
    }
    return this.primary;
  }

  private async routed(primaryQuery: Pool['query'], a: Parameters<Pool['query']>) {
    const store = this.als.getStore();
    const server = store?.server;
    if (!store || !server?.pool) return (primaryQuery as (...x: unknown[]) => unknown)(...a);
    try {
      return await (server.query as (...x: unknown[]) => Promise<unknown>)(...a);
    } catch (e) {
      if (!unreachable(e)) throw e;
      // A statement cancelled by a conflict with recovery (40001) is the standby's moment, not
      // its loss: the request finishes on the primary, later ones still go to the standby.
      if (!RECOVERY_CONFLICT.has((e as { code?: string }).code ?? '')) this.setAside(server, e);
      store.server = this.primary;
      return (primaryQuery as (...x: unknown[]) => unknown)(...a);
    }
  }

  private setAside(s: Server, e: unknown) {
    if (s.downUntil <= Date.now())
      log.warn('standby unreachable: reads fall back to the primary', { standby: s.name, error: String(e) });
    s.downUntil = Date.now() + DOWN_MS;
  }

  /**
   * True once the request's server has applied every event at or below `position` in these
   * partitions; false when `waitMs` passes first. On a standby it first waits until the standby
   * has replayed the primary's WAL as it stood when the wait began (the write the caller saw
   * acknowledged is in it), then for the replicated projection checkpoints: a standby that has
   * not yet replayed an event would otherwise count it as not committed.
   */
  async waitFor(partitions: readonly number[], position: number, waitMs: number): Promise<boolean> {
    const store = this.als.getStore();
    const server = store?.server ?? this.primary;
    if (!server.replay) return server.progress.waitFor(partitions, position, waitMs);
    const until = Date.now() + waitMs;
    let lsn: number;
    try {
      const r = await this.primary.query(`SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::float8 AS at`);
      lsn = Number(r.rows[0].at);
    } catch {
      return false; // the primary cannot say what has been written: the read is not proven fresh
    }
    try {
      if (!(await server.replay.waitFor([0], lsn, Math.max(0, until - Date.now())))) return false;
      return await server.progress.waitFor(partitions, position, Math.max(0, until - Date.now()));
    } catch (e) {
      if (!unreachable(e)) throw e;
      this.setAside(server, e);
      if (store) store.server = this.primary;
      return this.primary.progress.waitFor(partitions, position, Math.max(0, until - Date.now()));
    }
  }

  /** Each standby: whether it answers, its replay lag in bytes of WAL and in seconds. */
  async status(): Promise<
    { name: string; up: boolean; lagBytes?: number; lagSeconds?: number; error?: string }[]
  > {
    if (!this.standbys.length) return [];
    const head = await this.primary
      .query(`SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::float8 AS at`)
      .then((r) => Number(r.rows[0].at))
      .catch(() => null);
    return Promise.all(
      this.standbys.map(async (s) => {
        try {
          const r = await s.query(
            `SELECT pg_wal_lsn_diff(pg_last_wal_replay_lsn(), '0/0')::float8 AS at,
                    coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0)::float8 AS seconds`,
          );
          s.downUntil = 0;
          const at = Number(r.rows[0].at);
          const lagBytes = head === null ? undefined : Math.max(0, head - at);
          // The seconds since the last replayed commit grow while the primary is idle: only a
          // standby that is also behind in bytes is lagging.
          const lagSeconds = lagBytes ? Number(r.rows[0].seconds) : 0;
          return { name: s.name, up: true, lagBytes, lagSeconds };
        } catch (e) {
          this.setAside(s, e);
          return { name: s.name, up: false, error: String((e as Error)?.message ?? e) };
        }
      }),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.standbys.map((s) => s.pool?.end().catch(() => undefined)));
  }
}

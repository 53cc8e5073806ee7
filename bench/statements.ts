import { Client } from 'pg';

// Per-statement figures of a phase from pg_stat_statements, when the PostgreSQL the bench runs on
// preloads it (bench/README.md says how to start one that does). Without it the bench runs as
// before and says so once.

export type StatementFigure = {
  query: string;
  calls: number;
  /** Per call: ms of execution, rows, shared buffers hit / read / dirtied / written, WAL full-page images and bytes. */
  ms: number;
  rows: number;
  hit: number;
  read: number;
  dirtied: number;
  written: number;
  fpi: number;
  walBytes: number;
  /** Share of the phase's execution time in this statement. */
  share: number;
};

export class Statements {
  private available: boolean | null = null;

  constructor(
    private readonly adminUrl: string,
    private readonly database: string,
  ) {}

  private async run<T>(fn: (c: Client) => Promise<T>): Promise<T> {
    const c = new Client({ connectionString: this.adminUrl, application_name: 'gk-bench-statements' });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  }

  async ready(): Promise<boolean> {
    if (this.available !== null) return this.available;
    this.available = await this.run(async (c) => {
      try {
        await c.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
        await c.query('SELECT 1 FROM pg_stat_statements LIMIT 1');
        return true;
      } catch {
        return false;
      }
    });
    return this.available;
  }

  /** Forgets what was counted so far (on the whole PostgreSQL: use a server of the bench's own). */
  async reset(): Promise<void> {
    if (await this.ready()) await this.run((c) => c.query('SELECT pg_stat_statements_reset()'));
  }

  /** The statements of the run's database since the last reset, costliest first. */
  async take(limit = 14): Promise<StatementFigure[]> {
    if (!(await this.ready())) return [];
    const r = await this.run((c) =>
      c.query(
        `SELECT regexp_replace(left(query, 400), '\\s+', ' ', 'g') AS query, calls::float8 AS calls,
                total_exec_time / calls AS ms, rows::float8 / calls AS rows,
                shared_blks_hit::float8 / calls AS hit, shared_blks_read::float8 / calls AS read,
                shared_blks_dirtied::float8 / calls AS dirtied, shared_blks_written::float8 / calls AS written,
                wal_fpi::float8 / calls AS fpi, wal_bytes::float8 / calls AS "walBytes",
                total_exec_time / nullif(sum(total_exec_time) OVER (), 0) AS share
           FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
          WHERE d.datname = $1 AND calls > 0
          ORDER BY total_exec_time DESC LIMIT $2`,
        [this.database, limit],
      ),
    );
    return r.rows as StatementFigure[];
  }
}

/** A short text table of statement figures. */
export function statementLines(list: StatementFigure[]): string {
  const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '—');
  return list
    .map(
      (s) =>
        `  ${f(s.share * 100, 0).padStart(3)}% ${String(s.calls).padStart(7)} calls ${f(s.ms, 3).padStart(8)} ms ` +
        `rows ${f(s.rows)} hit ${f(s.hit)} read ${f(s.read)} dirtied ${f(s.dirtied)} written ${f(s.written)} ` +
        `fpi ${f(s.fpi, 2)} wal ${f(s.walBytes, 0)} B | ${s.query.slice(0, 110)}`,
    )
    .join('\n');
}

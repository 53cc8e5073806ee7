import { readFileSync, readdirSync } from 'node:fs';
import { Client } from 'pg';

export type MemorySample = { rssMb: number; hwmMb: number };

/** VmRSS (now) and VmHWM (peak since the process started) of a process, from /proc. */
export function memoryOf(pid: number): MemorySample | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}

/** Samples a process every `everyMs` and keeps the largest VmRSS seen. */
export class MemorySampler {
  maxRssMb = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    everyMs = 100,
  ) {
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  sample(): MemorySample | null {
    const m = memoryOf(this.pid);
    if (m) this.maxRssMb = Math.max(this.maxRssMb, m.rssMb);
    return m;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/**
 * The projector reads only below the cluster-wide xmin horizon, so a long writing transaction in any
 * other database of the same PostgreSQL (another test suite, a psql session) stalls it. This records the
 * oldest such transaction while a phase runs, so a figure can be read with that in mind.
 */
export class HorizonWatch {
  maxSeconds = 0;
  private readonly client: Client;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    url: string,
    private readonly ownDatabases: string,
  ) {
    this.client = new Client({ connectionString: url });
  }

  async start(everyMs = 250): Promise<void> {
    await this.client.connect();
    this.timer = setInterval(() => void this.sample(), everyMs);
  }

  /** Returns the maximum since the last call and starts over. */
  take(): number {
    const m = this.maxSeconds;
    this.maxSeconds = 0;
    return Math.round(m * 10) / 10;
  }

  private async sample(): Promise<void> {
    try {
      const r = await this.client.query(
        `SELECT coalesce(max(extract(epoch FROM now() - xact_start)), 0)::float8 AS s FROM pg_stat_activity
          WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid() AND coalesce(datname NOT LIKE $1, true)`,
        [this.ownDatabases],
      );
      this.maxSeconds = Math.max(this.maxSeconds, r.rows[0].s);
    } catch {
      /* a sample lost is no figure lost */
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.client.end().catch(() => undefined);
  }
}

const TICK_MS = 1000 / 100; // USER_HZ is 100 on Linux

function cpuMsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_MS; // utime + stime
  } catch {
    return null;
  }
}

/** The PostgreSQL processes of `database` (their process title names it): backends, autovacuum. */
function backendsOf(database: string): [string, number][] {
  const out: [string, number][] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      if (!cmd.startsWith('postgres: ') || !cmd.includes(` ${database}`)) continue;
      out.push([cmd.includes('autovacuum') ? 'autovacuum' : 'postgres', Number(d)]);
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
}

/**
 * CPU time spent by the API, the worker and the database's backends, per phase. On a shared
 * machine wall-clock figures move with the neighbours; CPU per event moves far less, so this is
 * the figure to compare when a change claims to make something cheaper. A backend is counted
 * under the service it serves (`postgres:api`, `postgres:worker`, from its application_name),
 * so PostgreSQL's share is told apart by who asked for the work.
 */
export class CpuMeter {
  private readonly seen = new Map<number, { group: string; first: number; last: number }>();
  private readonly timer: NodeJS.Timeout;
  private readonly names = new Map<number, string>();
  private readonly client: Client;
  private naming: Promise<void> = Promise.resolve();

  constructor(
    url: string,
    private readonly database: string,
    private readonly processes: () => Record<string, number | undefined>,
  ) {
    this.client = new Client({ connectionString: url, application_name: 'gongkai-bench-meter' });
    this.naming = this.client.connect().then(
      () => undefined,
      () => undefined,
    );
    this.timer = setInterval(() => this.sample(), 200);
  }

  /** Which service each backend of the database serves (the pools name themselves). */
  private async refreshNames(): Promise<void> {
    try {
      const r = await this.client.query(
        `SELECT pid, application_name AS name FROM pg_stat_activity WHERE datname = $1`,
        [this.database],
      );
      for (const { pid, name } of r.rows as { pid: number; name: string }[]) {
        const service = /^gongkai-(api|worker)/.exec(name)?.[1];
        if (service) this.names.set(pid, `postgres:${service}`);
      }
    } catch {
      /* unnamed backends count as plain postgres */
    }
  }

  private sample(): void {
    const groups: [string, number][] = Object.entries(this.processes())
      .filter((e): e is [string, number] => e[1] !== undefined)
      .map(([g, pid]) => [g, pid]);
    groups.push(...backendsOf(this.database));
    for (const [group, pid] of groups) {
      const ms = cpuMsOf(pid);
      if (ms === null) continue;
      const s = this.seen.get(pid);
      if (s) s.last = ms;
      else this.seen.set(pid, { group, first: 0, last: ms }); // every process here was started by the run
    }
    this.naming = this.naming.then(() => this.refreshNames());
  }

  /** CPU ms per group since the last call. */
  take(): Record<string, number> {
    this.sample();
    const out: Record<string, number> = {};
    for (const [pid, s] of this.seen) {
      const group = s.group === 'postgres' ? (this.names.get(pid) ?? 'postgres') : s.group;
      out[group] = (out[group] ?? 0) + (s.last - s.first);
      s.first = s.last;
    }
    return out;
  }

  stop(): void {
    clearInterval(this.timer);
    void this.naming.finally(() => this.client.end().catch(() => undefined));
  }
}

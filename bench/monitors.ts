import { readFileSync } from 'node:fs';
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
  last: MemorySample | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    everyMs = 100,
  ) {
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  sample(): MemorySample | null {
    const m = memoryOf(this.pid);
    if (m) {
      this.last = m;
      this.maxRssMb = Math.max(this.maxRssMb, m.rssMb);
    }
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
    private readonly ownDatabase: string,
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
          WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid() AND datname IS DISTINCT FROM $1`,
        [this.ownDatabase],
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

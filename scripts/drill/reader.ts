import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'pg';
import { headPosition } from '@app/event-store';

// The drill's readers: while the writers send and the faults run, report reads through the
// deployment (scaled: through the proxy, answered by the standby, or by the primary while the
// standby is away). Each read asks for minPosition = the highest position stored just before it,
// so an answer that does not say "stale" must have applied every event committed by then
// (read-your-writes across processes and servers); one that has not is a failure of the drill.

export type ReadStats = {
  /** Reads answered 200. */
  reads: number;
  /** Of them, answered "stale": true (the wait ran out, honestly said). */
  stale: number;
  /** Reads that began or ended while the standby was down (served through the fallback). */
  whileStandbyDown: number;
  /** Of them, answered fresh. */
  whileStandbyDownFresh: number;
  /** Answers other than 200, and dropped connections, by kind. */
  errors: Record<string, number>;
};

export class Readers {
  readonly stats: ReadStats = {
    reads: 0,
    stale: 0,
    whileStandbyDown: 0,
    whileStandbyDownFresh: 0,
    errors: {},
  };
  private running = true;
  private loops: Promise<void>[] = [];
  private turn = 0;

  constructor(
    private readonly base: string,
    private readonly admin: string,
    private readonly orgs: readonly string[],
    private readonly years: readonly number[],
    private readonly db: Pool,
    private readonly standbyDown: () => boolean,
    private readonly problem: (m: string) => void,
  ) {}

  start(concurrency: number): void {
    for (let i = 0; i < concurrency; i++) this.loops.push(this.loop());
  }

  async stop(): Promise<ReadStats> {
    this.running = false;
    await Promise.all(this.loops);
    return this.stats;
  }

  private error(kind: string) {
    this.stats.errors[kind] = (this.stats.errors[kind] ?? 0) + 1;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const n = this.turn++;
      const org = this.orgs[n % this.orgs.length];
      const year = this.years[Math.floor(n / this.orgs.length) % this.years.length];
      await this.readOnce(org, year);
      await sleep(50);
    }
  }

  private async readOnce(org: string, year: number): Promise<void> {
    let head: number;
    try {
      head = await headPosition(this.db);
    } catch {
      return this.error('head unknown');
    }
    const downBefore = this.standbyDown();
    let status: number;
    let body: { stale?: boolean; position?: number } | null;
    try {
      const r = await fetch(`${this.base}/v1/orgs/${org}/reports/${year}?minPosition=${head}&waitMs=3000`, {
        headers: { authorization: `Bearer ${this.admin}` },
        signal: AbortSignal.timeout(30_000),
      });
      status = r.status;
      body = (await r.json().catch(() => null)) as typeof body;
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause;
      return this.error(cause?.code ?? (e as Error).name);
    }
    if (status !== 200 || !body) return this.error(`http ${status}`);
    this.stats.reads++;
    const fresh = body.stale === false;
    if (!fresh) this.stats.stale++;
    if (downBefore || this.standbyDown()) {
      this.stats.whileStandbyDown++;
      if (fresh) this.stats.whileStandbyDownFresh++;
    }
    if (fresh && !(Number(body.position) >= head))
      this.problem(
        `report ${org}/${year} answered fresh at position ${body.position}, below minPosition ${head}`,
      );
  }
}

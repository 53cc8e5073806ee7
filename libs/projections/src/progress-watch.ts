// Answers "has every committed event at or below P in these partitions been applied?" for every
// waiting request with one query per tick (a report's minPosition). Polling per request made
// PostgreSQL's load grow with the number of waiting readers, and with the lag itself: under a
// steady load a dashboard's probes cost more than the writes they were waiting for.

type Waiter = {
  partitions: readonly number[];
  position: number;
  until: number;
  done: (reached: boolean) => void;
  fail: (e: unknown) => void;
};

/** Per partition, the first position not yet applied among those at or below `upTo`. */
export type FirstUnapplied = (partitions: number[], upTo: number) => Promise<Map<number, number>>;

export class ProgressWatch {
  private readonly waiters = new Set<Waiter>();
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  private arrived = false;

  constructor(
    private readonly firstUnapplied: FirstUnapplied,
    private readonly everyMs = 20,
  ) {}

  /** True once reached; false when `waitMs` passes first. The first look is immediate. */
  waitFor(partitions: readonly number[], position: number, waitMs: number): Promise<boolean> {
    return new Promise((done, fail) => {
      this.waiters.add({ partitions, position, until: Date.now() + waitMs, done, fail });
      this.arrived = true;
      this.schedule(0);
    });
  }

  private schedule(ms: number): void {
    if (this.ticking) return; // the running tick looks again when it ends
    if (this.timer && ms > 0) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    this.timer = null;
    this.ticking = true;
    this.arrived = false;
    const waiting = [...this.waiters];
    try {
      const partitions = [...new Set(waiting.flatMap((w) => w.partitions))];
      const upTo = waiting.reduce((m, w) => Math.max(m, w.position), 0);
      const first = await this.firstUnapplied(partitions, upTo);
      const now = Date.now();
      for (const w of waiting) {
        const reached = w.partitions.every((p) => (first.get(p) ?? Infinity) > w.position);
        if (reached || now >= w.until) {
          this.waiters.delete(w);
          w.done(reached);
        }
      }
    } catch (e) {
      for (const w of waiting) {
        this.waiters.delete(w);
        w.fail(e);
      }
    } finally {
      this.ticking = false;
    }
    if (this.waiters.size > 0) this.schedule(this.arrived ? 0 : this.everyMs);
  }
}

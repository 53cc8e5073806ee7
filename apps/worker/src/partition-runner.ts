import { setTimeout as sleep } from 'node:timers/promises';
import { Projector } from '@app/projections';
import { Logger } from '@app/config';

/**
 * A wake-up for an idle partition waits this long before draining it. Under a steady stream of
 * small requests the events of several of them then go into one projection transaction instead
 * of one transaction each; it adds this much to the ingest-to-report lag (target p99 < 500 ms).
 */
export const GATHER_MS = 20;
/**
 * A partition woken again while it drains starts its next drain no sooner than this after the
 * last one started. Under a steady stream every partition is woken every few milliseconds; going
 * round at once made batches of one or two events, each paying a transaction's fixed cost (a
 * dozen statements across worker and PostgreSQL). Adds at most this much to the lag.
 */
export const REGATHER_MS = 100;
/** How often the worker says how much it projected: a line per batch would be thousands a second. */
const REPORT_EVERY_MS = 10_000;

/**
 * Runs at most one drain per partition in this process; a wake-up that arrives meanwhile marks
 * the partition so the running drain goes round once more (no signal lost, none doubled).
 * Across processes the projector's advisory lock gives the same guarantee. At most
 * `concurrency` partitions drain at once (WORKER_CONCURRENCY); the others wait their turn.
 * Folding is one thread's work: a few drains at once keep it and PostgreSQL busy, and each
 * drain more holds its batch in memory and makes every garbage collection slower.
 */
export class PartitionRunner {
  private readonly running = new Map<number, Promise<void>>();
  private readonly again = new Set<number>();
  private stopping = false;
  private projected = { events: 0, drains: 0, since: Date.now() };
  private draining = 0;
  private readonly turns: (() => void)[] = [];

  constructor(
    private readonly projector: Projector,
    private readonly log: Logger,
    private readonly concurrency = Infinity,
  ) {}

  /** Drains the partition now (start-up, sweeps, timers). */
  run(partition: number): Promise<void> {
    return this.start(partition, 0);
  }

  /** Drains the partition after GATHER_MS (a wake-up signal: more events are likely close behind). */
  wake(partition: number): Promise<void> {
    return this.start(partition, GATHER_MS);
  }

  private start(partition: number, gatherMs: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    const current = this.running.get(partition);
    if (current) {
      this.again.add(partition);
      return current;
    }
    const p = this.loop(partition, gatherMs).finally(() => this.running.delete(partition));
    this.running.set(partition, p);
    return p;
  }

  private async loop(partition: number, gatherMs: number): Promise<void> {
    if (gatherMs > 0) await sleep(gatherMs);
    if (this.stopping) return;
    let startedAt = 0;
    do {
      const wait = startedAt + REGATHER_MS - Date.now();
      if (startedAt > 0 && wait > 0) await sleep(wait);
      this.again.delete(partition);
      await this.turn();
      startedAt = Date.now();
      try {
        if (this.stopping) return;
        const n = await this.projector.drain(partition, () => this.stopping);
        this.count(n);
      } catch (e) {
        // Nothing of the failed batch was committed; the next wake-up or sweep retries it.
        this.log.warn('projection batch failed; will retry', {
          partition,
          error: String((e as Error)?.message ?? e),
        });
        return;
      } finally {
        this.done();
      }
    } while (this.again.has(partition) && !this.stopping);
  }

  private turn(): Promise<void> {
    if (this.draining < this.concurrency) {
      this.draining++;
      return Promise.resolve();
    }
    return new Promise((go) => this.turns.push(go));
  }

  /** Hands the finished drain's turn to the next partition waiting, if any. */
  private done(): void {
    const next = this.turns.shift();
    if (next) next();
    else this.draining--;
  }

  private count(events: number): void {
    if (events === 0) return;
    this.projected.events += events;
    this.projected.drains++;
    const now = Date.now();
    if (now - this.projected.since < REPORT_EVERY_MS) return;
    this.log.info('projected', { ...this.projected, since: new Date(this.projected.since).toISOString() });
    this.projected = { events: 0, drains: 0, since: now };
  }

  /** Lets the current batches finish, and starts none after them (graceful shutdown). */
  async stop(): Promise<void> {
    this.stopping = true;
    // Partitions waiting for a turn take it only to see that the runner stops.
    for (const go of this.turns.splice(0)) {
      this.draining++;
      go();
    }
    await Promise.allSettled([...this.running.values()]);
    if (this.projected.events > 0)
      this.log.info('projected', { ...this.projected, since: new Date(this.projected.since).toISOString() });
  }
}

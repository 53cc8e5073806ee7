import { Projector } from '@app/projections';
import { Logger } from '@app/config';

/**
 * Runs at most one drain per partition in this process; a wake-up that arrives meanwhile marks
 * the partition so the running drain goes round once more (no signal lost, none doubled).
 * Across processes the projector's advisory lock gives the same guarantee.
 */
export class PartitionRunner {
  private readonly running = new Map<number, Promise<void>>();
  private readonly again = new Set<number>();
  private stopping = false;

  constructor(
    private readonly projector: Projector,
    private readonly log: Logger,
  ) {}

  run(partition: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    const current = this.running.get(partition);
    if (current) {
      this.again.add(partition);
      return current;
    }
    const p = this.loop(partition).finally(() => this.running.delete(partition));
    this.running.set(partition, p);
    return p;
  }

  private async loop(partition: number): Promise<void> {
    do {
      this.again.delete(partition);
      try {
        const n = await this.projector.drain(partition, () => this.stopping);
        if (n > 0) this.log.info('projected', { partition, events: n });
      } catch (e) {
        // Nothing of the failed batch was committed; the next wake-up or sweep retries it.
        this.log.warn('projection batch failed; will retry', {
          partition,
          error: String((e as Error)?.message ?? e),
        });
        return;
      }
    } while (this.again.has(partition) && !this.stopping);
  }

  /** Lets the current batches finish, and starts none after them (graceful shutdown). */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.allSettled([...this.running.values()]);
  }
}

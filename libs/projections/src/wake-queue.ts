import { Queue } from 'bullmq';
import IORedis, { RedisOptions } from 'ioredis';

export const QUEUE = 'projection';
export type WakeJob = { partition: number };

/**
 * A wake-up is only a hint that a partition has new events: the worker reads from PostgreSQL by
 * checkpoint, so a lost, late or doubled wake-up changes nothing but latency.
 */
export function redisConnection(url: string, extra: RedisOptions = {}): IORedis {
  return new IORedis(url, { maxRetriesPerRequest: null, enableOfflineQueue: true, ...extra });
}

export class WakeSignals {
  private readonly queue: Queue;
  private readonly connection: IORedis;
  private pending = new Set<number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    redisUrl: string,
    prefix: string,
    private readonly onError: (e: unknown) => void = () => {},
  ) {
    // Fail fast rather than queue commands while Redis is away: the sweep recovers.
    const connection = redisConnection(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    connection.on('error', () => undefined);
    this.connection = connection;
    this.queue = new Queue(QUEUE, { connection, prefix });
    this.queue.on('error', () => undefined);
  }

  /** Coalesces the wake-ups of one event-loop turn into one addBulk. */
  wake(partitions: Iterable<number>): void {
    for (const p of partitions) this.pending.add(p);
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), 1);
  }

  private flush(): void {
    this.timer = null;
    const parts = [...this.pending];
    this.pending = new Set();
    if (parts.length === 0) return;
    this.queue
      .addBulk(
        parts.map((partition) => ({
          name: 'wake',
          data: { partition } satisfies WakeJob,
          opts: { removeOnComplete: true, removeOnFail: 1000 },
        })),
      )
      .catch(this.onError);
  }

  async ping(): Promise<void> {
    await this.connection.ping();
  }

  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.flush();
    await this.queue.close().catch(() => undefined);
    this.connection.disconnect();
  }
}

import { Queue } from 'bullmq';
import type { RedisTarget } from '@app/config';
import { RedisConnection, redisConnection } from './redis-connection';

export const QUEUE = 'projection';
/** Partitions with new events; `partition` alone is the form older senders use. */
export type WakeJob = { partitions?: number[]; partition?: number };

export const partitionsOf = (job: WakeJob): number[] =>
  job.partitions ?? (job.partition === undefined ? [] : [job.partition]);
const WAKE_GAP_MS = 10;

/**
 * A wake-up is only a hint that a partition has new events: the worker reads from PostgreSQL by
 * checkpoint, so a lost, late or doubled wake-up changes nothing but latency.
 */
export class WakeSignals {
  private readonly queue: Queue;
  private readonly connection: RedisConnection;
  private pending = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  private lastFlush = 0;
  /** Wake-up jobs sent, and the partitions they named (read by the API's metrics). */
  readonly stats = { jobs: 0, partitions: 0 };

  constructor(
    redis: RedisTarget | string,
    prefix: string,
    private readonly onError: (e: unknown) => void = () => {},
  ) {
    // Fail fast rather than queue commands while Redis is away: the sweep recovers.
    const connection = redisConnection(redis, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    connection.on('error', () => undefined);
    this.connection = connection;
    this.queue = new Queue(QUEUE, { connection, prefix });
    this.queue.on('error', () => undefined);
  }

  /**
   * Coalesces wake-ups into one addBulk per event-loop turn, and at most one per
   * WAKE_GAP_MS: under a stream of small commits each addBulk (a Redis script per job) would
   * otherwise cost more than the append it announces. The worker gathers wake-ups for longer.
   */
  wake(partitions: Iterable<number>): void {
    for (const p of partitions) this.pending.add(p);
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), Math.max(1, this.lastFlush + WAKE_GAP_MS - Date.now()));
  }

  private flush(): void {
    this.timer = null;
    this.lastFlush = Date.now();
    const parts = [...this.pending];
    this.pending = new Set();
    if (parts.length === 0) return;
    this.stats.jobs++;
    this.stats.partitions += parts.length;
    // One job for all of them: each BullMQ job costs a Redis script to add, fetch and complete.
    this.queue
      .add('wake', { partitions: parts } satisfies WakeJob, { removeOnComplete: true, removeOnFail: 1000 })
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

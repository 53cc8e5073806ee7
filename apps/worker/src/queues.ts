import { Job, Queue, Worker } from 'bullmq';
import { Pool } from 'pg';
import { Config, Logger } from '@app/config';
import { QUEUE, WakeJob, redisConnection } from '@app/projections/wake-queue';
import { PartitionRunner } from './partition-runner';
import { startYearEnd } from './year-end/year-end.worker';

export type Queues = {
  /** Stops taking wake-ups and re-waking partitions (first step of a graceful shutdown). */
  stopWaking(): Promise<void>;
  /** Closes the year-end job and every Redis connection. */
  close(): Promise<void>;
};

/**
 * BullMQ only wakes the projector up; PostgreSQL checkpoints say what to do. So the worker keeps
 * working when Redis is flushed (it re-creates the sweep schedule) or away (a local timer drains).
 */
export async function startQueues(
  config: Config,
  pool: Pool,
  runner: PartitionRunner,
  log: Logger,
): Promise<Queues> {
  const all = () => Array.from({ length: config.partitions }, (_, p) => p);
  const queueConn = redisConnection(config.redisUrl);
  queueConn.on('error', () => undefined);
  const queue = new Queue(QUEUE, { connection: queueConn, prefix: config.queuePrefix });
  queue.on('error', () => undefined);
  const schedule = () =>
    queue
      .upsertJobScheduler(
        'sweep',
        { every: config.sweepEveryMs },
        { name: 'sweep', opts: { removeOnComplete: true, removeOnFail: 100 } },
      )
      .catch((e) => log.warn('could not schedule the sweep (Redis away?)', { error: String(e) }));
  await schedule();

  const workerConn = redisConnection(config.redisUrl);
  workerConn.on('error', () => undefined);
  const worker = new Worker<WakeJob>(
    QUEUE,
    async (job: Job<WakeJob>) => {
      if (job.name === 'sweep') {
        await queue.addBulk(
          all().map((partition) => ({
            name: 'wake',
            data: { partition },
            opts: { removeOnComplete: true, removeOnFail: 1000 },
          })),
        );
        return;
      }
      // The job only schedules the drain (the runner gathers for a moment, then drains the
      // partition once at a time): a gathering wake-up must not hold one of the worker's slots.
      void runner.wake(job.data.partition);
    },
    { connection: workerConn, prefix: config.queuePrefix, concurrency: config.workerConcurrency },
  );
  worker.on('error', (e) => log.warn('queue connection problem', { error: String(e) }));

  // After a Redis flush the schedule is gone: put it back. If Redis is away, drain anyway.
  const timers = [
    setInterval(schedule, 30_000),
    setInterval(() => all().forEach((p) => void runner.run(p)), Math.max(1_000, config.sweepEveryMs * 5)),
  ];
  const yearEnd = await startYearEnd(config, pool, log);
  return {
    stopWaking: async () => {
      timers.forEach(clearInterval);
      await worker.close().catch(() => undefined);
    },
    close: async () => {
      await yearEnd.close();
      await queue.close().catch(() => undefined);
      queueConn.disconnect();
      workerConn.disconnect();
    },
  };
}

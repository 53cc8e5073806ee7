import { Job, Queue, Worker } from 'bullmq';
import { Pool } from 'pg';
import { Config, Logger } from '@app/config';
import { EventStore, redisConnection } from '@app/event-store';
import { ReportSnapshots } from '@app/projections';
import { YearEndDrafter } from './year-end-drafter';
import { ReviewReminders } from './review-reminders';
import { REMIND_JOB, YEAR_END_QUEUE, firedAtOf, scheduleYearEnd } from './year-end.schedule';

export type YearEnd = { queue: Queue; worker: Worker; close(): Promise<void> };

/** The year-end jobs (drafts, review reminders) on a queue of their own, one job at a time. */
export async function startYearEnd(config: Config, pool: Pool, log: Logger): Promise<YearEnd> {
  const drafter = new YearEndDrafter(
    pool,
    new ReportSnapshots(pool, config.partitions),
    new EventStore(pool, config.partitions),
    log,
  );
  const queueConn = redisConnection(config.redis);
  queueConn.on('error', () => undefined);
  const queue = new Queue(YEAR_END_QUEUE, { connection: queueConn, prefix: config.queuePrefix });
  queue.on('error', () => undefined);
  await scheduleYearEnd(queue).catch((e) =>
    log.warn('could not schedule the year-end drafts (Redis away?)', { error: String(e) }),
  );
  const workerConn = redisConnection(config.redis);
  workerConn.on('error', () => undefined);
  const reminders = new ReviewReminders(pool, log);
  const run = (job: Job) =>
    job.name === REMIND_JOB ? reminders.sendAll(firedAtOf(job)) : drafter.draftAll(firedAtOf(job));
  const worker = new Worker(YEAR_END_QUEUE, run, {
    connection: workerConn,
    prefix: config.queuePrefix,
    concurrency: 1,
  });
  worker.on('error', (e) => log.warn('year-end queue connection problem', { error: String(e) }));
  // A Redis that lost its keys lost the schedule too: put it back (the same upsert is a no-op).
  const again = setInterval(() => void scheduleYearEnd(queue).catch(() => undefined), 60_000);
  again.unref();
  return {
    queue,
    worker,
    close: async () => {
      clearInterval(again);
      await worker.close().catch(() => undefined);
      await queue.close().catch(() => undefined);
      queueConn.disconnect();
      workerConn.disconnect();
    },
  };
}

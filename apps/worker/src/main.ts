import 'reflect-metadata';
import { Job, Queue, Worker } from 'bullmq';
import { Pool } from 'pg';
import { Config, ConfigError, loadConfig, createLogger, workerHeapMb } from '@app/config';
import {
  OrgsRepository,
  QUEUE,
  RedisConnection,
  WakeJob,
  createPool,
  partitionsOf,
  redisConnection,
} from '@app/event-store';
import { Projector, checkPartitionCount } from '@app/projections';
import { PartitionRunner } from './partition-runner';
import { onStopSignal, reportFatal, runCapped, shouldRunCapped } from './heap-cap';
import { YearEnd, startYearEnd } from './year-end/year-end.worker';

const log = createLogger('worker');

/**
 * BullMQ only wakes the projector up; PostgreSQL checkpoints say what to do. So the worker keeps
 * working when Redis is flushed (it re-creates the sweep schedule) or away (a local timer drains).
 */
async function main() {
  const config = loadConfig();
  const { pool, runner } = await startProjecting(config);
  const all = () => Array.from({ length: config.partitions }, (_, p) => p);
  // Whatever is stored already is drained from the start (a rebuild, a restart after a pause);
  // Redis, the queues and the year-end job are set up meanwhile.
  all().forEach((p) => void runner.run(p));
  const wakeUps = await listenForWakeUps(config, runner, all);
  const drainAnyway = setInterval(
    () => all().forEach((p) => void runner.run(p)),
    Math.max(1_000, config.sweepEveryMs * 5),
  );
  const yearEnd = await startYearEnd(config, pool, log);
  log.info('worker started', { partitions: config.partitions, concurrency: config.workerConcurrency });
  stopOnSignals(() => stop({ runner, wakeUps, yearEnd, pool, timers: [drainAnyway] }));
}

/** The projector on its own pool, its checkpoints checked against the store's partition count. */
async function startProjecting(config: Config): Promise<{ pool: Pool; runner: PartitionRunner }> {
  const pool = createPool(
    config.databaseUrl,
    config.workerConcurrency + 2,
    'gongkai-worker',
    config.workerStatementTimeoutMs,
  );
  const projector = new Projector(pool, new OrgsRepository(pool), config.projectionBatchSize, {
    batchDelayMs: config.projectionBatchDelayMs,
  });
  await checkPartitionCount(pool, config.partitions);
  await projector.ensureCheckpoints(config.partitions);
  return { pool, runner: new PartitionRunner(projector, log, config.workerConcurrency) };
}

type WakeUps = { queue: Queue; worker: Worker; connections: RedisConnection[]; timer: NodeJS.Timeout };

/**
 * The projection queue: wake-ups name partitions to drain, and the sweep (a job scheduler every
 * SWEEP_EVERY_MS, shared by all workers) wakes every partition, so a lost wake-up costs latency.
 */
async function listenForWakeUps(
  config: Config,
  runner: PartitionRunner,
  all: () => number[],
): Promise<WakeUps> {
  const queueConn = redisConnection(config.redis);
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

  const workerConn = redisConnection(config.redis);
  workerConn.on('error', () => undefined);
  const worker = new Worker<WakeJob>(
    QUEUE,
    async (job: Job<WakeJob>) => {
      if (job.name === 'sweep') {
        await queue.add('wake', { partitions: all() }, { removeOnComplete: true, removeOnFail: 1000 });
        return;
      }
      // The job only schedules the drain (the runner gathers for a moment, then drains the
      // partition once at a time): a gathering wake-up must not hold one of the worker's slots.
      for (const p of partitionsOf(job.data)) void runner.wake(p);
    },
    { connection: workerConn, prefix: config.queuePrefix, concurrency: config.workerConcurrency },
  );
  worker.on('error', (e) => log.warn('queue connection problem', { error: String(e) }));
  // After a Redis flush (or a cluster master's restart without persistence) the schedule is
  // gone: put it back.
  const timer = setInterval(schedule, 30_000);
  return { queue, worker, connections: [queueConn, workerConn], timer };
}

/**
 * SIGTERM: the batches in progress finish and commit with their checkpoints; the backlog is left
 * to the other workers or the next start.
 */
async function stop(parts: {
  runner: PartitionRunner;
  wakeUps: WakeUps;
  yearEnd: YearEnd;
  pool: Pool;
  timers: NodeJS.Timeout[];
}): Promise<void> {
  const { runner, wakeUps, yearEnd, pool, timers } = parts;
  [...timers, wakeUps.timer].forEach(clearInterval);
  // Stop the drains first: BullMQ's close waits for its active jobs, and a job's drain would
  // otherwise work through the whole backlog before it returns.
  const drained = runner.stop();
  await wakeUps.worker.close().catch(() => undefined);
  await drained;
  await yearEnd.close();
  await wakeUps.queue.close().catch(() => undefined);
  wakeUps.connections.forEach((c) => c.disconnect());
  await pool.end().catch(() => undefined);
}

function stopOnSignals(stopAll: () => Promise<void>): void {
  let closing = false;
  const onSignal = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info('worker stopping: finishing the current batches', { signal });
    void stopAll().finally(() => process.exit(0));
  };
  onStopSignal(onSignal);
}

const failed = (e: unknown) => {
  const line =
    e instanceof ConfigError
      ? `worker refuses to start: ${e.message}`
      : `worker failed to start: ${String((e as Error)?.stack ?? e)}`;
  // In the capped thread the process logs the line and exits: a thread's own output may be lost
  // when it exits at once.
  if (reportFatal(line)) return;
  log.error(line);
  process.exit(1);
};

try {
  const capMb = workerHeapMb();
  if (shouldRunCapped(capMb)) runCapped(__filename, capMb, (message) => log.error(message));
  else main().catch(failed);
} catch (e) {
  failed(e);
}

import 'reflect-metadata';
import { loadConfig, createLogger } from '@app/config';
import { createPool } from '@app/event-store/db';
import { OrgDirectory } from '@app/projections/org-directory';
import { Projector } from '@app/projections/projector';
import { PartitionRunner } from './partition-runner';

const log = createLogger('worker');

async function main() {
  const config = loadConfig();
  const pool = createPool(config.databaseUrl, config.workerConcurrency + 2, 'gongkai-worker');
  const projector = new Projector(pool, new OrgDirectory(pool), config.projectionBatchSize, {
    batchDelayMs: config.projectionBatchDelayMs,
  });
  await projector.ensureCheckpoints(config.partitions);
  const runner = new PartitionRunner(projector, log, config.workerConcurrency);
  // Whatever is stored already is drained from the start (a rebuild, a restart after a pause);
  // BullMQ, Redis and the year-end job are loaded and set up meanwhile.
  for (let p = 0; p < config.partitions; p++) void runner.run(p);
  const { startQueues } = await import('./queues.js');
  const queues = await startQueues(config, pool, runner, log);
  log.info('worker started', { partitions: config.partitions, concurrency: config.workerConcurrency });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info('worker stopping: finishing the current batches', { signal });
    // Stop the drains first: BullMQ's close waits for its active jobs, and a job's drain would
    // otherwise work through the whole backlog before it returns.
    const drained = runner.stop();
    await queues.stopWaking();
    await drained;
    await queues.close();
    await pool.end().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((e) => {
  log.error('worker failed to start', { error: String(e?.stack ?? e) });
  process.exit(1);
});

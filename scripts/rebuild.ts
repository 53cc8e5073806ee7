// `npm run rebuild`: drops every read model and replays the event store from position 0, for after a
// change to the report fold or a read model nobody trusts. `npm run rebuild -- --resume` skips the
// drop and only catches up from the checkpoints (after an interrupted rebuild).
//
// Safe beside running API and workers: the drop waits for every partition's lock, and workers that
// wake up meanwhile share the replay. Reports read during it are partial; their "position" says how
// far they are. SIGTERM or Ctrl-C stop after the batch in progress; the checkpoints stay consistent.
import { loadConfig, createLogger } from '@app/config';
import { createPool } from '@app/event-store';
import { OrgsRepository } from '@app/event-store';
import { Projector, checkPartitionCount } from '@app/projections';

const log = createLogger('rebuild');

async function main(): Promise<number> {
  const config = loadConfig();
  const resume = process.argv.includes('--resume');
  const pool = createPool(config.databaseUrl, 2, 'gongkai-rebuild');
  const projector = new Projector(pool, new OrgsRepository(pool), config.projectionBatchSize, {
    batchDelayMs: config.projectionBatchDelayMs,
  });
  let stopping = false;
  const stop = (signal: string) => {
    stopping = true;
    log.info('stopping after the batch in progress', { signal });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  try {
    await checkPartitionCount(pool, config.partitions);
    await projector.ensureCheckpoints(config.partitions);
    const started = Date.now();
    let events = 0;
    if (resume)
      for (let p = 0; p < config.partitions && !stopping; p++)
        events += await projector.drain(p, () => stopping);
    else events = await projector.rebuild(config.partitions, () => stopping);
    const seconds = (Date.now() - started) / 1000;
    log.info(
      stopping ? 'stopped; run `npm run rebuild -- --resume` or let a worker finish' : 'read models rebuilt',
      {
        events,
        seconds,
        eventsPerSecond: Math.round(events / Math.max(seconds, 0.001)),
      },
    );
    return 0;
  } finally {
    await pool.end().catch(() => undefined);
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    log.error('rebuild failed; the read models may be partial: run it again', {
      error: String(e?.stack ?? e),
    });
    process.exit(1);
  },
);

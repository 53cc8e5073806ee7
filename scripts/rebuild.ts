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
import { Projector, ReadModelsRepository, checkPartitionCount } from '@app/projections';
import { cliArgs, progressLine } from './cli';

const USAGE = `usage: npm run rebuild [-- --resume]

Drops every read model and replays the event store from position 0. Progress goes to stderr.

  --resume     keep the read models; only catch up from the checkpoints (after an interrupted rebuild)
  -h, --help   this text

Environment: DATABASE_URL and the service's other settings (README.md).`;

const log = createLogger('rebuild');

async function main(): Promise<number> {
  const { values } = cliArgs(USAGE, { resume: { type: 'boolean', default: false } });
  const config = loadConfig();
  const resume = values.resume;
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
    const head = await new ReadModelsRepository(pool).head();
    const progress = progressLine('rebuild');
    let events = 0;
    const onBatch = (p: number, read: number) => {
      events += read;
      progress(`partition ${p + 1} of ${config.partitions}: ${events} event(s) applied, store head ${head}`);
    };
    if (resume)
      for (let p = 0; p < config.partitions && !stopping; p++)
        await projector.drain(
          p,
          () => stopping,
          (read) => onBatch(p, read),
        );
    else await projector.rebuild(config.partitions, () => stopping, onBatch);
    progress(`${events} event(s) applied`, true);
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

import { ChildProcess, fork } from 'node:child_process';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig, createLogger, refuseDevelopmentAdminToken } from '@app/config';
import { runMigrations } from '@app/event-store';
import { Stoppable, ensureRedis, startEmbeddedPostgres } from './local-services';

const log = createLogger('launcher');
const DATA = resolve(process.cwd(), '.data');
const PATHS = resolve(__dirname, '../../../../scripts/paths.js');

/**
 * `npm start`: finds or starts PostgreSQL and Redis, migrates, then runs the API and the worker
 * as two processes (two cores), restarting either if it dies.
 */
async function main() {
  // Before anything is started: a production service never runs on the published admin token.
  refuseDevelopmentAdminToken(process.env);
  const stops: Stoppable[] = [];
  if (!process.env.DATABASE_URL) {
    const pg = await startEmbeddedPostgres(DATA, log);
    stops.push(pg);
    process.env.DATABASE_URL = pg.url;
  }
  const redis = await ensureRedis(process.env.REDIS_URL, DATA, log);
  stops.push(redis);
  process.env.REDIS_URL = redis.url;

  const config = loadConfig();
  const applied = await runMigrations(config.databaseUrl);
  if (applied.length) log.info('migrations applied', { applied });

  const children = new Map<string, ChildProcess>();
  let stopping = false;
  const start = (name: string, entry: string) => {
    const child = fork(resolve(__dirname, entry), [], { execArgv: ['-r', PATHS], env: process.env });
    children.set(name, child);
    child.on('exit', (code, signal) => {
      children.delete(name);
      if (stopping) return;
      log.warn(`${name} exited; restarting it`, { code, signal });
      setTimeout(() => start(name, entry), 1000);
    });
  };
  start('api', '../../api/src/main.js');
  start('worker', '../../worker/src/main.js');

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping', { signal });
    const exits = [...children.values()].map((c) => new Promise((r) => c.once('exit', r)));
    children.forEach((c) => c.kill('SIGTERM'));
    await Promise.race([Promise.all(exits), sleep(15_000)]);
    children.forEach((c) => c.kill('SIGKILL'));
    for (const s of stops.reverse()) await s.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((e) => {
  log.error(String(e?.message ?? e));
  process.exit(1);
});

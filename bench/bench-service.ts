import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { WriteStream, createWriteStream } from 'node:fs';
import IORedis from 'ioredis';
import { API, WORKER, createDatabase, freePort, kill, spawnNode, waitForHealth } from '@app/harness';

// The service as a user runs it: the built API and worker as their own processes, against a
// fresh database and a BullMQ prefix of the run's own, so other work on the machine is untouched.

export const PG_URL =
  process.env.BENCH_PG_URL || process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL =
  process.env.BENCH_REDIS_URL || process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';
export const ADMIN = `bench-admin-${randomBytes(6).toString('hex')}`;

export type BenchDb = { name: string; url: string; drop(): Promise<void> };

/** LIKE pattern of every database this run creates (the service's and the COPY baseline's). */
export const OWN_DATABASES = `gk\\_bench\\_%\\_${process.pid}\\_%`;

/** A fresh database with the service's migrations applied. */
export function freshDatabase(label: string): Promise<BenchDb> {
  return createDatabase(PG_URL, `bench_${label}_${process.pid}`);
}

export type Service = {
  base: string;
  env: NodeJS.ProcessEnv;
  api: ChildProcess;
  worker: ChildProcess | null;
  startWorker(): ChildProcess;
  stopWorker(): Promise<void>;
  stop(): Promise<void>;
  log: string[];
};

function node(entry: string, env: NodeJS.ProcessEnv, log: string[], file: WriteStream): ChildProcess {
  // BENCH_PROFILE=DIR writes a V8 CPU profile of each service process into DIR when it stops.
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  // BENCH_WORKER_NODE_FLAGS="--max-old-space-size=128" runs the worker alone under such flags:
  // a cap on its heap tells memory it holds from memory V8 merely has not collected yet.
  const flags = entry.includes('worker')
    ? (process.env.BENCH_WORKER_NODE_FLAGS ?? '').split(' ').filter(Boolean)
    : [];
  return spawnNode(entry, env, { stream: file, tail: log, keep: 400 }, [...profile, ...flags]);
}

const stopChild = (c: ChildProcess | null): Promise<void> =>
  c ? kill(c, 'SIGTERM', 15_000) : Promise.resolve();

/**
 * Starts the API (and, when asked, the worker) on `databaseUrl`. The caller's environment passes
 * through, so `WORKER_CONCURRENCY=2 npm run bench` measures that setting.
 */
export async function startService(
  databaseUrl: string,
  queuePrefix: string,
  logFile: string,
): Promise<Service> {
  const port = await freePort();
  const log: string[] = [];
  const file = createWriteStream(logFile);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'production',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    REDIS_URL,
    ADMIN_TOKEN: ADMIN,
    QUEUE_PREFIX: queuePrefix,
  };
  const svc: Service = {
    base: `http://127.0.0.1:${port}`,
    env,
    api: node(API, env, log, file),
    worker: null,
    log,
    startWorker: () => (svc.worker = node(WORKER, env, log, file)),
    stopWorker: async () => {
      await stopChild(svc.worker);
      svc.worker = null;
    },
    stop: async () => {
      await Promise.all([stopChild(svc.api), stopChild(svc.worker)]);
      file.end();
    },
  };
  await waitForHealth(svc.base, 60_000, log);
  return svc;
}

/** Removes every Redis key under the run's own prefix (and nothing else). */
export async function dropQueueKeys(prefix: string): Promise<void> {
  const r = new IORedis(REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

export const benchQueuePrefix = () => `{gk-bench-${randomBytes(3).toString('hex')}}`;

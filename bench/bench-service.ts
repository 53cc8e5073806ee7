import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { WriteStream, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import IORedis from 'ioredis';
import { Client } from 'pg';
import { runMigrations } from '@app/event-store';

// The service as a user runs it: the built API and worker as their own processes, against a
// fresh database and a BullMQ prefix of the run's own, so other work on the machine is untouched.

const ROOT = resolve(__dirname, '..', '..');
const PATHS = resolve(ROOT, 'scripts/paths.js');
const API = resolve(ROOT, 'dist/apps/api/src/main.js');
const WORKER = resolve(ROOT, 'dist/apps/worker/src/main.js');

export const PG_URL = process.env.BENCH_PG_URL || process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres'; // prettier-ignore
export const REDIS_URL = process.env.BENCH_REDIS_URL || process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379'; // prettier-ignore
export const ADMIN = `bench-admin-${randomBytes(6).toString('hex')}`;

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: PG_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export type BenchDb = { name: string; url: string; drop(): Promise<void> };

/** LIKE pattern of every database this run creates (the service's and the COPY baseline's). */
export const OWN_DATABASES = `gk\\_bench\\_%\\_${process.pid}\\_%`;

/** A fresh database with the service's migrations applied. */
export async function freshDatabase(label: string): Promise<BenchDb> {
  const name = `gk_bench_${label}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  await runMigrations(url);
  return { name, url, drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined) }; // prettier-ignore
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
  });
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
  const flags = entry.includes('worker') ? (process.env.BENCH_WORKER_NODE_FLAGS ?? '').split(' ').filter(Boolean) : []; // prettier-ignore
  const child = spawn(process.execPath, [...profile, ...flags, '-r', PATHS, entry], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (b: Buffer) => {
    file.write(b);
    log.push(b.toString());
    if (log.length > 400) log.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return child;
}

function stopChild(c: ChildProcess | null): Promise<void> {
  if (!c || c.exitCode !== null || c.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const t = setTimeout(() => c.kill('SIGKILL'), 15_000);
    c.once('exit', () => {
      clearTimeout(t);
      done();
    });
    c.kill('SIGTERM');
  });
}

async function waitForHealth(base: string, log: string[]): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${base}/health`)).status === 200) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the API did not become healthy at ${base}: ${log.slice(-10).join('')}`);
}

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
  await waitForHealth(svc.base, log);
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

import { ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { API, ROOT, WORKER, freePort, kill, spawnNode, waitForHealth } from '@app/harness';
import { TEST_REDIS_URL, testQueuePrefix } from './test-db';

export { freePort, waitForHealth };

export const ADMIN = 'test-admin-token';

export type Service = {
  base: string;
  env: NodeJS.ProcessEnv;
  api: ChildProcess;
  workers: ChildProcess[];
  startWorker(extraEnv?: NodeJS.ProcessEnv): ChildProcess;
  startApi(): Promise<void>;
  stop(): Promise<void>;
};

const LOGS = resolve(ROOT, 'test-artifacts/logs');

/** Each process's output is kept in memory (for failure messages) and in test-artifacts/logs/. */
function node(entry: string, env: NodeJS.ProcessEnv, log: string[]): ChildProcess {
  const out = new PassThrough();
  const child = spawnNode(entry, env, { stream: out, tail: log, keep: 200 });
  mkdirSync(LOGS, { recursive: true });
  const role = entry.includes('worker') ? 'worker' : 'api';
  out.pipe(
    createWriteStream(resolve(LOGS, `${env.QUEUE_PREFIX?.replace(/[{}]/g, '')}-${role}-${child.pid}.log`)),
  );
  child.once('exit', (code, signal) => out.end(`\n[exit code=${code} signal=${signal}]\n`));
  return child;
}

/**
 * The built API and worker(s) as real processes against a test database and an isolated queue
 * prefix: SIGKILL, restarts and HTTP behave exactly as in production. Run `npm run build` first
 * (`npm test` does).
 */
export async function startService(opts: {
  databaseUrl: string;
  workers?: number;
  env?: NodeJS.ProcessEnv;
}): Promise<Service> {
  if (!existsSync(API)) throw new Error('dist/ is missing: run `npm run build` (npm test does it) first');
  const port = await freePort();
  const log: string[] = [];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATABASE_URL: opts.databaseUrl,
    REDIS_URL: TEST_REDIS_URL,
    ADMIN_TOKEN: ADMIN,
    QUEUE_PREFIX: testQueuePrefix('svc'),
    SWEEP_EVERY_MS: '500',
    ...opts.env,
  };
  const base = `http://127.0.0.1:${port}`;
  const svc: Service = {
    base,
    env,
    api: node(API, env, log),
    workers: [],
    startWorker: (extra = {}) => {
      const w = node(WORKER, { ...env, ...extra }, log);
      svc.workers.push(w);
      return w;
    },
    startApi: async () => {
      svc.api = node(API, env, log);
      await waitForHealth(base, 30_000, log);
    },
    stop: async () => {
      await Promise.all([svc.api, ...svc.workers].map((c) => kill(c, 'SIGTERM')));
    },
  };
  for (let i = 0; i < (opts.workers ?? 1); i++) svc.startWorker();
  try {
    await waitForHealth(base, 30_000, log);
  } catch (e) {
    // A service that never became healthy must not outlive the test that started it.
    for (const c of [svc.api, ...svc.workers]) c.kill('SIGKILL');
    throw e;
  }
  return svc;
}

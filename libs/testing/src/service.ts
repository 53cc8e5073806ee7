import { ChildProcess, spawn } from 'node:child_process';
import { AddressInfo, createServer } from 'node:net';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { TEST_REDIS_URL, testQueuePrefix } from './test-db';

const ROOT = resolve(__dirname, '../../..');
const PATHS = resolve(ROOT, 'scripts/paths.js');
const API = resolve(ROOT, 'dist/apps/api/src/main.js');
const WORKER = resolve(ROOT, 'dist/apps/worker/src/main.js');

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

/** A port the OS says is free now: jest loads this module afresh per test file, so a counter would repeat. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolvePort(port));
    });
  });
}

const LOGS = resolve(ROOT, 'test-artifacts/logs');

/** Each process's output is kept in memory (for failure messages) and in test-artifacts/logs/. */
function node(entry: string, env: NodeJS.ProcessEnv, log: string[]): ChildProcess {
  const child = spawn(process.execPath, ['-r', PATHS, entry], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  mkdirSync(LOGS, { recursive: true });
  const role = entry.includes('worker') ? 'worker' : 'api';
  const file = createWriteStream(
    resolve(LOGS, `${env.QUEUE_PREFIX?.replace(/[{}]/g, '')}-${role}-${child.pid}.log`),
  );
  const keep = (b: Buffer) => {
    file.write(b);
    log.push(b.toString());
    if (log.length > 200) log.shift();
  };
  child.once('exit', (code, signal) => file.end(`\n[exit code=${code} signal=${signal}]\n`));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return child;
}

export async function waitForHealth(base: string, ms = 30_000, log: string[] = []): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) });
      if (r.status === 200) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`service did not become healthy at ${base}: ${log.slice(-5).join('')}`);
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
      const all = [svc.api, ...svc.workers].filter((c) => c.exitCode === null && c.signalCode === null);
      await Promise.all(
        all.map(
          (c) =>
            new Promise<void>((r) => {
              const t = setTimeout(() => c.kill('SIGKILL'), 10_000);
              c.once('exit', () => {
                clearTimeout(t);
                r();
              });
              c.kill('SIGTERM');
            }),
        ),
      );
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

import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A private redis-server from PATH on 127.0.0.1:`port`, without persistence, its log in `dir`;
 * `extra` adds settings (a cluster node's). Resolves once `ping` answers.
 */
export async function startRedisServer(
  port: number,
  dir: string,
  ping: () => Promise<boolean>,
  extra: string[] = [],
): Promise<ChildProcess> {
  mkdirSync(dir, { recursive: true });
  const fd = openSync(join(dir, 'redis.log'), 'a');
  const child = spawn(
    'redis-server',
    [
      ...['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      ...['--dir', dir, '--maxmemory-policy', 'noeviction', ...extra],
    ],
    { stdio: ['ignore', fd, fd] },
  );
  closeSync(fd);
  child.once('error', () => undefined);
  for (let i = 0; i < 100; i++) {
    if (await ping()) return child;
    await sleep(50);
  }
  throw new Error(`redis-server did not answer on port ${port}; is redis-server on PATH?`);
}

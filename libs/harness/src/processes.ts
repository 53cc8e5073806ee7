import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import type { Writable } from 'node:stream';

// The service's real processes, started the way production starts them (the built tree, the
// @app/* aliases resolved at run time), so that SIGKILL, restarts and HTTP behave as they would
// there. The specs, the bench and the drill all start them through here.

/** The repository root: the nearest folder above with a package.json (from source or from dist/). */
function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(resolve(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const ROOT = repositoryRoot(__dirname);
export const PATHS = resolve(ROOT, 'scripts/paths.js');
export const API = resolve(ROOT, 'dist/apps/api/src/main.js');
export const WORKER = resolve(ROOT, 'dist/apps/worker/src/main.js');

/** A port the OS says is free now (a counter would repeat across processes and jest's module copies). */
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

/**
 * Where a process's output goes: straight into a file (`appendTo`: the child holds the file itself,
 * so nothing is lost when the parent is busy or gone), or piped into `stream` with the last `keep`
 * chunks held in `tail` for failure messages.
 */
export type Output = { appendTo: string } | { stream: Writable; tail: string[]; keep: number };

/** A node process of the built tree; `nodeFlags` go before the entry (e.g. --cpu-prof). */
export function spawnNode(
  entry: string,
  env: NodeJS.ProcessEnv,
  output: Output,
  nodeFlags: string[] = [],
): ChildProcess {
  const args = [...nodeFlags, '-r', PATHS, entry];
  if ('appendTo' in output) {
    const fd = openSync(output.appendTo, 'a');
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    return child;
  }
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (b: Buffer) => {
    output.stream.write(b);
    output.tail.push(b.toString());
    if (output.tail.length > output.keep) output.tail.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return child;
}

export function exited(c: ChildProcess): Promise<void> {
  if (c.exitCode !== null || c.signalCode !== null) return Promise.resolve();
  return new Promise((r) => c.once('exit', () => r()));
}

/** Sends `signal`, then SIGKILL after `graceMs` if the process is still there. */
export async function kill(c: ChildProcess, signal: NodeJS.Signals, graceMs = 10_000): Promise<void> {
  if (c.exitCode !== null || c.signalCode !== null) return;
  const t = setTimeout(() => c.kill('SIGKILL'), graceMs);
  c.kill(signal);
  await exited(c);
  clearTimeout(t);
}

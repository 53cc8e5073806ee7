import { Worker, isMainThread, parentPort } from 'node:worker_threads';

// The worker caps its own heap: the projection runs in a thread whose V8 old space is limited
// (WORKER_HEAP_MB), so the process's memory stays flat without the operator passing V8 flags.
// The process keeps one pid: a SIGKILL ends it whole, and SIGTERM/SIGINT are handed to the
// thread, which finishes its batches and exits as the process would.

/** Whether V8's heap size was already chosen on the command line or in NODE_OPTIONS. */
export function heapSizeGiven(execArgv: readonly string[], nodeOptions = ''): boolean {
  return [...execArgv, ...nodeOptions.split(/\s+/)].some((a) => a.startsWith('--max-old-space-size'));
}

/** In the main thread with a cap to set: the entry file runs again in a capped thread. */
export function shouldRunCapped(capMb: number): boolean {
  return isMainThread && capMb > 0 && !heapSizeGiven(process.execArgv, process.env.NODE_OPTIONS);
}

/**
 * Runs `entry` in a thread with its old space capped at `capMb` and mirrors its end as the
 * process's exit code. Returns once the thread has started.
 */
export function runCapped(entry: string, capMb: number, onFailure: (message: string) => void): void {
  const thread = new Worker(entry, {
    argv: process.argv.slice(2),
    resourceLimits: { maxOldGenerationSizeMb: capMb },
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const)
    process.on(signal, () => thread.postMessage({ signal }));
  thread.on('error', (e: Error & { code?: string }) => {
    onFailure(
      e.code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? `worker stopped: it ran out of its ${capMb} MB heap (WORKER_HEAP_MB): raise it`
        : `worker stopped: ${String(e.stack ?? e)}`,
    );
    process.exitCode = 1;
  });
  thread.on('message', (m: { fatal?: string }) => {
    if (typeof m?.fatal !== 'string') return;
    onFailure(m.fatal);
    process.exit(1);
  });
  thread.on('exit', (code) => process.exit(process.exitCode || code));
}

/**
 * In the capped thread: hands the line that says why the worker cannot run to the process, which
 * logs it and exits 1. False outside a thread (the caller logs and exits itself).
 */
export function reportFatal(line: string): boolean {
  if (!parentPort) return false;
  parentPort.postMessage({ fatal: line });
  return true;
}

/** Calls `stop` with the signal's name when the process receives SIGTERM or SIGINT, in a thread or not. */
export function onStopSignal(stop: (signal: string) => void): void {
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  parentPort?.on('message', (m: { signal?: string }) => {
    if (m?.signal) stop(m.signal);
  });
}

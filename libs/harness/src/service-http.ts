import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

export type HealthWait = {
  /** Any HTTP answer will do (/health says 503 while Redis is away). */
  anyStatus?: boolean;
  /** Fail at once when this process (the API) exits. */
  process?: ChildProcess | null;
};

/** Until GET /health answers 200 (or anything, with `anyStatus`); `log` is quoted on failure. */
export async function waitForHealth(
  base: string,
  ms = 30_000,
  log: string[] = [],
  opts: HealthWait = {},
): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (opts.process && opts.process.exitCode !== null)
      throw new Error(`the API at ${base} exited (${opts.process.exitCode}): ${log.slice(-5).join('')}`);
    try {
      const r = await fetch(`${base}/health`, { signal: AbortSignal.timeout(2000) });
      if (opts.anyStatus || r.status === 200) return;
    } catch {
      /* not up yet */
    }
    await sleep(100);
  }
  throw new Error(`service did not become healthy at ${base}: ${log.slice(-5).join('')}`);
}

export type CatchUpWait = {
  /** Give up after this long in all. */
  ms?: number;
  /** Give up when the lag has not moved for this long (a stuck projector, not a slow one). */
  stallMs?: number;
  /** Milliseconds between polls. */
  everyMs?: number;
};

/**
 * Until GET /v1/projections says every committed event is applied (no lag, the low-water mark at
 * the head). Returns how long that took.
 */
export async function waitForCatchUp(base: string, admin: string, opts: CatchUpWait = {}): Promise<number> {
  const { ms = Infinity, stallMs = Infinity, everyMs = 200 } = opts;
  const started = Date.now();
  let progress = { lag: -1, at: started };
  for (;;) {
    const s = await fetch(`${base}/v1/projections`, {
      headers: { authorization: `Bearer ${admin}` },
      signal: AbortSignal.timeout(30_000),
    })
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      .then(async (r) => ({ status: r.status, body: (await r.json()) as any }))
      .catch(() => null);
    const p = s?.body?.projections?.[0];
    if (s?.status === 200 && p && p.lagEvents === 0 && p.position === s.body.headPosition)
      return Date.now() - started;
    const lag = s?.status === 200 && p ? p.lagEvents : -2;
    if (lag !== progress.lag) progress = { lag, at: Date.now() };
    const body = JSON.stringify(s?.body).slice(0, 400);
    if (Date.now() - started > ms) throw new Error(`projections did not catch up in ${ms} ms: ${body}`);
    if (Date.now() - progress.at > stallMs)
      throw new Error(`the projection did not catch up (no progress for ${stallMs} ms): ${body}`);
    await sleep(everyMs);
  }
}

import { Pool } from 'undici';

// Load generation with undici's connection pool: keep-alive connections, no pipelining, and the
// latency of every request taken with process.hrtime.bigint().

export type Reply = { status: number; json: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

export class Http {
  private readonly pool: Pool;

  constructor(
    base: string,
    private readonly token: string,
    connections: number,
  ) {
    this.pool = new Pool(base, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
  }

  async post(path: string, body: string | Buffer, token = this.token): Promise<Reply> {
    const r = await this.pool.request({
      path,
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    return { status: r.statusCode, json: await r.body.json() };
  }

  async get(path: string, token = this.token): Promise<Reply> {
    const r = await this.pool.request({ path, method: 'GET', headers: { authorization: `Bearer ${token}` } });
    return { status: r.statusCode, json: await r.body.json() };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/** Runs `work(i)` for i in [0, count) on `concurrency` loops; returns the latency of each (ms). */
export async function closedLoop(
  count: number,
  concurrency: number,
  work: (i: number, loop: number) => Promise<void>,
): Promise<{ elapsedMs: number; latencies: Float64Array }> {
  const latencies = new Float64Array(count);
  let next = 0;
  const t0 = nowMs();
  await Promise.all(
    Array.from({ length: concurrency }, async (_, loop) => {
      for (let i = next++; i < count; i = next++) {
        const s = nowMs();
        await work(i, loop);
        latencies[i] = nowMs() - s;
      }
    }),
  );
  return { elapsedMs: nowMs() - t0, latencies };
}

/**
 * Starts `work(i)` at a steady `perSecond` whatever the replies do (an open loop: a slow service
 * does not slow the offered load down, so queueing shows up in the figures).
 */
export async function openLoop(count: number, perSecond: number, work: (i: number) => Promise<void>) {
  const t0 = nowMs();
  const running: Promise<void>[] = [];
  let failure: { e: unknown } | null = null;
  for (let i = 0; i < count && !failure; i++) {
    const due = t0 + (i * 1000) / perSecond;
    const wait = due - nowMs();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    running.push(work(i).catch((e) => void (failure ??= { e })));
  }
  await Promise.all(running);
  if (failure) throw (failure as { e: unknown }).e;
  return { elapsedMs: nowMs() - t0 };
}

export function percentile(values: ArrayLike<number>, p: number): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

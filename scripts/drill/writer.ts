import { setTimeout as sleep } from 'node:timers/promises';
import { Lane, Request, SIZES, makePlan } from './plan';

// One writer process of the drill: sends its lanes concurrently, each lane in order, and keeps
// sending a request until it gets an answer that is not a 5xx or a dropped connection, always
// with the same eventIds (at-least-once from the client's side, exactly-once in the store).

export type WriterStart = {
  base: string;
  seed: number;
  size: keyof typeof SIZES;
  writer: number;
  writers: number;
  tokens: Record<string, string>;
  durationMs: number;
};
export type Outcome = {
  label: Request['label'];
  n: number;
  status: number;
  accepted: number;
  duplicates: number;
  attempts: number;
};
export type WriterReport = {
  outcomes: Outcome[];
  failures: string[];
  transientErrors: Record<string, number>;
};
export type WriterMessage = { inflight: number } | { report: WriterReport };

const send = (m: WriterMessage) => process.send?.(m);

async function post(base: string, token: string, body: string) {
  const r = await fetch(`${base}/v1/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body,
    signal: AbortSignal.timeout(30_000),
  });
  return { status: r.status, body: (await r.json().catch(() => null)) as Record<string, unknown> | null };
}

async function runLane(s: WriterStart, lane: Lane, report: WriterReport, deadline: number) {
  const gap = s.durationMs / Math.max(1, lane.requests.length);
  let failures = 0;
  for (const req of lane.requests) {
    const started = Date.now();
    const body = JSON.stringify({ events: req.events });
    const token = s.tokens[req.as];
    for (let attempt = 1; ; attempt++) {
      let res: Awaited<ReturnType<typeof post>> | null = null;
      send({ inflight: +1 });
      try {
        res = await post(s.base, token, body);
      } catch (e) {
        const why = String((e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name);
        report.transientErrors[why] = (report.transientErrors[why] ?? 0) + 1;
      } finally {
        send({ inflight: -1 });
      }
      if (res && res.status < 500) {
        const problem = judge(req, res);
        if (problem) {
          report.failures.push(`${req.label} batch of ${req.events.length} as ${req.as}: ${problem}`);
          failures++;
        }
        const b = res.body ?? {};
        report.outcomes.push({
          label: req.label,
          n: req.events.length,
          status: res.status,
          accepted: Number(b.accepted ?? 0),
          duplicates: Number(b.duplicates ?? 0),
          attempts: attempt,
        });
        break;
      }
      if (res)
        report.transientErrors[`http ${res.status}`] =
          (report.transientErrors[`http ${res.status}`] ?? 0) + 1;
      if (Date.now() > deadline) {
        report.failures.push(
          `${req.label} batch gave up after ${attempt} attempts (last: ${res?.status ?? 'no answer'})`,
        );
        return;
      }
      await sleep(Math.min(1000, 50 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random()));
    }
    if (failures >= 5) {
      report.failures.push('lane stopped after 5 wrong answers');
      return;
    }
    await sleep(Math.max(0, gap - (Date.now() - started)));
  }
}

/** What is wrong with an answer, or null: the contract's figures for each kind of request. */
function judge(req: Request, res: { status: number; body: Record<string, unknown> | null }): string | null {
  const b = res.body ?? {};
  const text = JSON.stringify(b).slice(0, 300);
  if (res.status !== req.expect.status) return `expected ${req.expect.status}, got ${res.status} ${text}`;
  if (req.expect.status === 409) {
    const code = (b.error as { code?: string })?.code;
    return code === req.expect.code ? null : `expected error ${req.expect.code}, got ${text}`;
  }
  const accepted = Number(b.accepted);
  const duplicates = Number(b.duplicates);
  if (accepted + duplicates !== req.events.length)
    return `accepted + duplicates ≠ ${req.events.length}: ${text}`;
  if (duplicates < req.expect.dupAtLeast)
    return `expected at least ${req.expect.dupAtLeast} duplicates: ${text}`;
  if (accepted > req.expect.acceptedAtMost)
    return `expected at most ${req.expect.acceptedAtMost} accepted: ${text}`;
  if (!(Number(b.lastPosition) > 0)) return `no lastPosition: ${text}`;
  return null;
}

process.once('message', async (s: WriterStart) => {
  const plan = makePlan(s.seed, SIZES[s.size]);
  const mine = plan.lanes.filter((_, i) => i % s.writers === s.writer);
  const report: WriterReport = { outcomes: [], failures: [], transientErrors: {} };
  const deadline = Date.now() + s.durationMs * 4 + 180_000;
  await Promise.all(mine.map((lane) => runLane(s, lane, report, deadline)));
  send({ report });
  process.disconnect?.();
});

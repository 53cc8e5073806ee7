import { Client } from 'pg';
import { eventCount } from '@app/event-store';
import { waitForCatchUp } from '@app/harness';
import { appliedEvents } from '@app/projections';
import { Service } from './bench-service';
import { Http, closedLoop, nowMs, openLoop, percentile } from './http-load';
import { MemorySampler } from './monitors';
import { Fleet, Request, buildRequest, expectStatus } from './write-phases';
import { COUNTY } from './workload';

// The query side: the projector catching up, ingest-to-report lag, and report reads.

/** A projector that applies nothing for this long is stuck, not slow: fail with its log. */
const STALL_MS = 60_000;

/**
 * Starts a worker that has never run against a store of `total` events (empty read models, every
 * checkpoint at 0: a full rebuild) and times it until every event is applied. The worker's
 * VmHWM is read when a tenth of the events is applied and again at the end.
 */
export async function rebuild(svc: Service, dbUrl: string) {
  const c = new Client({ connectionString: dbUrl });
  await c.connect();
  try {
    const total = await eventCount(c);
    const t0 = nowMs();
    const worker = svc.startWorker();
    const sampler = new MemorySampler(worker.pid!, 50);
    let atTenth: { applied: number; hwmMb: number; rssMb: number } | null = null;
    let startupMs: number | null = null;
    let progress = { applied: -1, at: nowMs() };
    try {
      for (;;) {
        await new Promise((r) => setTimeout(r, 50));
        if (worker.exitCode !== null) throw new Error(`the worker exited: ${svc.log.slice(-10).join('')}`);
        const applied = await appliedEvents(c);
        if (applied !== progress.applied) progress = { applied, at: nowMs() };
        else if (nowMs() - progress.at > STALL_MS)
          throw new Error(
            `the worker applied nothing for ${STALL_MS / 1000} s at ${applied} of ${total}: ${svc.log.slice(-10).join('')}`,
          );
        const m = sampler.sample();
        if (applied > 0 && startupMs === null) startupMs = nowMs() - t0;
        if (!atTenth && applied >= total / 10 && m) atTenth = { applied, hwmMb: m.hwmMb, rssMb: m.rssMb };
        if (applied >= total) break;
      }
      const elapsedMs = nowMs() - t0;
      const end = sampler.sample()!;
      return {
        events: total,
        elapsedMs,
        startupMs,
        eventsPerSecond: (total * 1000) / elapsedMs,
        memory: {
          atTenth,
          atEnd: { applied: total, hwmMb: end.hwmMb, rssMb: end.rssMb },
          maxRssMb: sampler.maxRssMb,
        },
      };
    } finally {
      sampler.stop();
    }
  } finally {
    await c.end();
  }
}

/** Waits until the projection has applied every committed event. */
export function caughtUp(base: string, admin: string): Promise<number> {
  return waitForCatchUp(base, admin, { stallMs: STALL_MS, everyMs: 100 });
}

/**
 * Offers `perSecond` events in batches of `batch` at a steady pace (an open loop) for `seconds`,
 * and for every `probeEvery`-th accepted batch asks for its org's report with minPosition set
 * to the batch's lastPosition: the time from the 202 to that report is the ingest-to-report lag.
 */
export async function steadyLag(
  fleet: Fleet,
  base: string,
  perSecond: number,
  seconds: number,
  batch = 10,
  probeEvery = 10,
) {
  const count = Math.round((perSecond * seconds) / batch);
  const orgs = fleet.orgs.map((o) => o.orgId);
  const requests: Request[] = Array.from({ length: count }, (_, i) =>
    buildRequest(fleet, orgs[i % orgs.length], batch),
  );
  const writer = new Http(base, '', 64);
  const reader = new Http(base, fleet.reader, 64);
  const chains = new Map<string, Promise<void>>();
  const postMs: number[] = [];
  const lagMs: number[] = [];
  const fromSendMs: number[] = [];
  let stale = 0;
  const probes: Promise<void>[] = [];
  const failures: unknown[] = [];
  const probe = async (q: Request, position: number, sentAt: number) => {
    const t0 = nowMs();
    const r = await reader.get(
      `/v1/orgs/${q.orgId}/reports/${q.lastYear}?minPosition=${position}&waitMs=10000`,
    );
    expectStatus(r, 200, `report of ${q.orgId}`);
    if (r.json.stale || r.json.position < position) stale++;
    else {
      lagMs.push(nowMs() - t0);
      fromSendMs.push(nowMs() - sentAt);
    }
  };
  const send = async (i: number) => {
    const q = requests[i];
    const s = nowMs();
    const r = await writer.post('/v1/events', q.body, fleet.tokens.get(q.orgId));
    postMs.push(nowMs() - s);
    expectStatus(r, 202, `events of ${q.orgId}`);
    if (i % probeEvery === 0)
      probes.push(probe(q, r.json.lastPosition, s).catch((e) => void failures.push(e)));
  };
  try {
    // An org's batches are chained: a slow reply must not let its next batch overtake it.
    const { elapsedMs } = await openLoop(count, perSecond / batch, (i) => {
      const org = requests[i].orgId;
      const p = (chains.get(org) ?? Promise.resolve()).then(() => send(i));
      chains.set(org, p);
      return p;
    });
    await Promise.all(probes);
    if (failures.length) throw failures[0];
    return {
      events: count * batch,
      offeredEventsPerSecond: perSecond,
      batch,
      achievedEventsPerSecond: (count * batch * 1000) / elapsedMs,
      probes: lagMs.length + stale,
      stale,
      postP50Ms: percentile(postMs, 50),
      postP99Ms: percentile(postMs, 99),
      p50Ms: percentile(lagMs, 50),
      p99Ms: percentile(lagMs, 99),
      maxMs: percentile(lagMs, 100),
      /** From sending the batch (not from its 202) to the report that shows it. */
      fromSendP50Ms: percentile(fromSendMs, 50),
      fromSendP99Ms: percentile(fromSendMs, 99),
    };
  } finally {
    await Promise.all([writer.close(), reader.close()]);
  }
}

/** `count` report reads from `clients` concurrent clients after a short warm-up; latencies in ms. */
export async function reportReads(
  fleet: Fleet,
  base: string,
  year: number,
  scope: 'self' | 'rollup',
  count: number,
  clients = 8,
) {
  const members = fleet.orgs.filter((o) => o.orgId !== COUNTY).map((o) => o.orgId);
  const path = (i: number) =>
    scope === 'rollup'
      ? `/v1/orgs/${COUNTY}/reports/${year}?scope=rollup`
      : `/v1/orgs/${members[i % members.length]}/reports/${year}`;
  const http = new Http(base, fleet.reader, clients);
  let last: unknown = null;
  const one = async (i: number) => {
    const r = await http.get(path(i));
    expectStatus(r, 200, path(i));
    last = r.json;
  };
  try {
    await closedLoop(Math.min(100, count), clients, one);
    const { elapsedMs, latencies } = await closedLoop(count, clients, one);
    return {
      scope,
      clients,
      requests: count,
      requestsPerSecond: (count * 1000) / elapsedMs,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      last,
    };
  } finally {
    await http.close();
  }
}

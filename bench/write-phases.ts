import { Client } from 'pg';
import { Http, Reply, nowMs, percentile } from './http-load';
import { COUNTY, OrgSpec, OrgStream, prng, weightedPicker } from './workload';

// The command side under load: registration, backfill batches, single events.

export type Fleet = {
  orgs: OrgSpec[];
  streams: Map<string, OrgStream>;
  /** A submitter token per org: each org's systems send with their own. */
  tokens: Map<string, string>;
  /** The county's reader token: the disclosure office reads every report with it. */
  reader: string;
};

export function expectStatus(r: Reply, status: number, what: string): void {
  if (r.status !== status)
    throw new Error(`${what}: expected ${status}, got ${r.status} ${JSON.stringify(r.json).slice(0, 600)}`);
}

/** Registers the county and its members over HTTP, with a submitter token each. */
export async function registerFleet(
  base: string,
  admin: string,
  orgs: OrgSpec[],
  streams: Map<string, OrgStream>,
): Promise<Fleet> {
  const http = new Http(base, admin, 8);
  try {
    for (const o of orgs) {
      const body = {
        orgId: o.orgId,
        name: o.name,
        kind: o.kind,
        ...(o.orgId === COUNTY ? {} : { parentId: COUNTY }),
      };
      expectStatus(await http.post('/v1/orgs', JSON.stringify(body)), 201, `register ${o.orgId}`);
    }
    const tokens = new Map<string, string>();
    await Promise.all(
      orgs.map(async (o) => {
        const r = await http.post(`/v1/orgs/${o.orgId}/tokens`, JSON.stringify({ role: 'submitter' }));
        expectStatus(r, 201, `token for ${o.orgId}`);
        tokens.set(o.orgId, r.json.token);
      }),
    );
    const r = await http.post(`/v1/orgs/${COUNTY}/tokens`, JSON.stringify({ role: 'reader' }));
    expectStatus(r, 201, 'reader token');
    return { orgs, streams, tokens, reader: r.json.token };
  } finally {
    await http.close();
  }
}

export type Request = { orgId: string; body: string; events: number; lastYear: number };

export function buildRequest(fleet: Fleet, orgId: string, events: number): Request {
  const stream = fleet.streams.get(orgId)!;
  const list = Array.from({ length: events }, () => stream.next());
  const lastYear = Number(list[list.length - 1].occurredAt.slice(0, 4));
  return { orgId, body: JSON.stringify({ events: list }), events, lastYear };
}

/** Sends each client's requests in order on its own loop; every one must be accepted whole. */
async function sendAll(fleet: Fleet, http: Http, perClient: Request[][]) {
  const latencies: number[] = [];
  let accepted = 0;
  const t0 = nowMs();
  await Promise.all(
    perClient.map(async (list) => {
      for (const q of list) {
        const s = nowMs();
        const r = await http.post('/v1/events', q.body, fleet.tokens.get(q.orgId));
        latencies.push(nowMs() - s);
        expectStatus(r, 202, `events of ${q.orgId}`);
        if (r.json.accepted !== q.events)
          throw new Error(`events of ${q.orgId}: ${r.json.accepted} of ${q.events} accepted`);
        accepted += r.json.accepted;
      }
    }),
  );
  const elapsedMs = nowMs() - t0;
  return {
    accepted,
    elapsedMs,
    eventsPerSecond: (accepted * 1000) / elapsedMs,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

/** Client c is the system of orgs c, c + clients, c + 2 × clients, ...: an org always sends from one client. */
function orgsPerClient(fleet: Fleet, clients: number): OrgSpec[][] {
  return Array.from({ length: clients }, (_, c) => fleet.orgs.filter((_, i) => i % clients === c));
}

/**
 * Backfill: `total` events in batches of `batchSize` from `clients` concurrent clients. Each client
 * is the system of its own orgs (org i belongs to client i mod clients), so an org's batches go
 * out in order, as they do from one departmental system. Bodies are built before the clock starts.
 */
export async function batchIngest(
  fleet: Fleet,
  base: string,
  dbUrl: string,
  total: number,
  batchSize = 500,
  clients = 4,
) {
  const owned = orgsPerClient(fleet, clients);
  const pickers = owned.map((list, c) => weightedPicker(list, prng(77 + c)));
  const perClient: Request[][] = owned.map(() => []);
  for (let b = 0, left = total; left > 0; b++, left -= batchSize)
    perClient[b % clients].push(buildRequest(fleet, pickers[b % clients]().orgId, Math.min(batchSize, left)));
  await checkpoint(dbUrl);
  const http = new Http(base, '', clients);
  try {
    return { batchSize, clients, ...(await sendAll(fleet, http, perClient)) };
  } finally {
    await http.close();
  }
}

/**
 * One event per request from `clients` concurrent clients for `seconds`, each client the system
 * of its own orgs (taking them in turn). A body is built per request: one event, a few µs.
 */
export async function singleEvents(fleet: Fleet, base: string, seconds: number, clients = 32) {
  const owned = orgsPerClient(fleet, clients);
  const http = new Http(base, '', clients);
  const latencies: number[] = [];
  const t0 = nowMs();
  const until = t0 + seconds * 1000;
  try {
    await Promise.all(
      owned.map(async (list) => {
        for (let k = 0; nowMs() < until; k++) {
          const q = buildRequest(fleet, list[k % list.length].orgId, 1);
          const s = nowMs();
          const r = await http.post('/v1/events', q.body, fleet.tokens.get(q.orgId));
          latencies.push(nowMs() - s);
          expectStatus(r, 202, `event of ${q.orgId}`);
          if (r.json.accepted !== 1)
            throw new Error(`event of ${q.orgId}: not accepted (${JSON.stringify(r.json)})`);
        }
      }),
    );
    const elapsedMs = nowMs() - t0;
    return {
      clients,
      accepted: latencies.length,
      elapsedMs,
      eventsPerSecond: (latencies.length * 1000) / elapsedMs,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
    };
  } finally {
    await http.close();
  }
}

/** Writes dirty pages out so that neither ingest nor COPY pays for the other's checkpoint. */
export async function checkpoint(url: string): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  await c.query('CHECKPOINT').finally(() => c.end());
}

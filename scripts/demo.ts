// `npm run demo`: fills a running service with a fictional county (青山县: 20 towns, 40 departments)
// and two years of events through the public API, then prints the dashboard's address with a
// reader token and the workbench's with a town clerk's token. Every event has a deterministic eventId and content, so a second run changes
// nothing; a later run only adds the events whose time has come since.
//
//   GONGKAI_URL   the service (default http://127.0.0.1:3000)
//   ADMIN_TOKEN   its admin token (default dev-admin-token)
//   DEMO_SCALE    "small" for 3 towns and 3 departments (tests)
//   --live        afterwards, keep sending an event every few seconds until Ctrl-C

import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { cliArgs, progressLine } from './cli';
import { COUNTY_ID, demoOrgs, type DemoOrg } from './demo/orgs';
import { planApplications, type Planned } from './demo/plan-applications';
import { planProactive } from './demo/plan-proactive';
import { RETURN_COMMENTS, lateEvent, narratives, restates, reviewStage } from './demo/reports';
import { dayOf, isoAt, isoDay, rng, uuidFrom } from './demo/rng';

const BASE = (process.env.GONGKAI_URL || 'http://127.0.0.1:3000').replace(/\/+$/, '');
const ADMIN = process.env.ADMIN_TOKEN || 'dev-admin-token';
const TOKENS_FILE = resolve(process.cwd(), '.data', 'demo-tokens.json');
const BATCH = 1000;
const USAGE = `usage: npm run demo [-- --live]

Fills the service at GONGKAI_URL with a fictional county (青山县) and two years of events, then
prints the dashboard's and the workbench's addresses with tokens. Progress goes to stderr.

  --live       afterwards, keep sending an event every few seconds until Ctrl-C
  -h, --help   this text

Environment: GONGKAI_URL (default http://127.0.0.1:3000), ADMIN_TOKEN, DEMO_SCALE=small.`;

type Sendable = { eventId: string; type: string; orgId: string; occurredAt: string; data: object };

async function call(method: string, path: string, body?: unknown, token = ADMIN) {
  const r = await fetch(BASE + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}

function fail(message: string, detail?: unknown): never {
  console.error(`demo: ${message}`);
  if (detail) console.error(JSON.stringify(detail, null, 2).slice(0, 4000));
  process.exit(1);
}

const yearOf = (ms: number) => Number(isoDay(dayOf(ms)).slice(0, 4));

/** Events up to now, in time order, each with an eventId derived from its org and plan key. */
function sendable(planned: (Planned & { orgId: string })[], nowMs: number): Sendable[] {
  return planned
    .filter((p) => p.at <= nowMs)
    .sort((a, b) => a.at - b.at)
    .map((p) => ({
      eventId: uuidFrom(`${p.orgId}/${p.key}`),
      type: p.type,
      orgId: p.orgId,
      occurredAt: isoAt(p.at),
      data: p.data,
    }));
}

/** Two years up to now: last year (with its carry-over into this one and its report prose) and this year so far. */
export function planEvents(orgs: DemoOrg[], nowMs: number): Sendable[] {
  const year = yearOf(nowMs);
  const all: (Planned & { orgId: string })[] = [];
  for (const org of orgs) {
    for (const y of [year - 1, year]) {
      const r = rng(`${org.orgId}/${y}`);
      for (const p of [...planApplications(org, y, r), ...planProactive(org, y, r, y === year - 1)])
        all.push({ ...p, orgId: org.orgId });
    }
    for (const p of narratives(org, year - 1)) all.push({ ...p, orgId: org.orgId });
  }
  return sendable(all, nowMs);
}

/**
 * Takes last year's report of each org as far through the county's review as its stage says:
 * submitted, returned with comments, cleared, published (a county publishes its own). Once: a
 * report that already went further is left alone, so a rerun neither republishes nor clears a
 * pending restatement.
 */
async function reviewLastYear(orgs: DemoOrg[], year: number, reviewer: string) {
  let published = 0;
  const refused: string[] = [];
  const step = async (org: DemoOrg, verb: string, body?: unknown, token = ADMIN) => {
    const r = await call('POST', `/v1/orgs/${org.orgId}/reports/${year}/${verb}`, body, token);
    if (r.status >= 300) refused.push(`${org.orgId} ${verb} (${r.status}: ${r.body?.error?.message})`);
    return r.status;
  };
  await eachLimited(orgs, 4, async (org) => {
    const stage = reviewStage(org);
    const r = await call('GET', `/v1/orgs/${org.orgId}/reports/${year}`);
    if (stage === 'draft' || (r.body?.review?.status ?? 'draft') !== 'draft') return;
    if (org.kind !== 'county') {
      if ((await step(org, 'submit')) >= 300 || stage === 'submitted') return;
      if (stage === 'returned')
        return void (await step(org, 'return', { comments: RETURN_COMMENTS }, reviewer));
      if ((await step(org, 'clear', {}, reviewer)) >= 300 || stage === 'cleared') return;
    }
    if ((await step(org, 'publish')) === 201) published++;
  });
  if (refused.length)
    console.warn(`demo: ${refused.length} review steps of ${year} were refused: ${refused[0]}, …`);
  return published;
}

/** Runs `fn` over `items`, `width` at a time: a handful of requests in flight, not sixty. */
async function eachLimited<T>(items: T[], width: number, fn: (item: T) => Promise<void>) {
  const queue = [...items];
  const worker = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item);
  };
  await Promise.all(Array.from({ length: width }, worker));
}

async function register(orgs: DemoOrg[]) {
  const one = async (o: DemoOrg) => {
    const body = {
      orgId: o.orgId,
      name: o.name,
      kind: o.kind,
      ...(o.kind === 'county' ? {} : { parentId: COUNTY_ID }),
    };
    const r = await call('POST', '/v1/orgs', { ...body, timeZone: 'Asia/Shanghai' });
    if (r.status !== 201 && r.status !== 200) fail(`registering ${o.orgId} failed (${r.status})`, r.body);
  };
  await one(orgs[0]); // the county, parent of the rest
  await eachLimited(orgs.slice(1), 6, one);
}

async function send(events: Sendable[], progress?: (line: string, force?: boolean) => void) {
  let accepted = 0;
  let duplicates = 0;
  let lastPosition = 0;
  for (let i = 0; i < events.length; i += BATCH) {
    const r = await call('POST', '/v1/events', { events: events.slice(i, i + BATCH) });
    if (r.status !== 202) fail(`a batch of events was refused (${r.status})`, r.body);
    accepted += r.body.accepted;
    duplicates += r.body.duplicates;
    lastPosition = Math.max(lastPosition, r.body.lastPosition ?? 0);
    const sent = Math.min(i + BATCH, events.length);
    progress?.(`sent ${sent} of ${events.length} event(s)`, sent === events.length);
  }
  return { accepted, duplicates, lastPosition };
}

/** A reader token of the county, kept in .data/ so that reruns print the same address. */
/**
 * A token of an org, kept in .data/ per service so that a second run prints the same address. The
 * reader's entry keeps its old key (the service's address) so that earlier files still serve.
 */
async function demoToken(
  orgId: string,
  role: 'reader' | 'submitter' | 'reviewer',
  label: string,
): Promise<string> {
  let saved: Record<string, string> = {};
  try {
    saved = JSON.parse(readFileSync(TOKENS_FILE, 'utf8'));
  } catch {
    /* first run */
  }
  const key = role === 'reader' ? BASE : `${BASE} ${orgId} ${role}`;
  const known = saved[key];
  if (known && (await call('GET', `/v1/orgs/${orgId}`, undefined, known)).status === 200) return known;
  const r = await call('POST', `/v1/orgs/${orgId}/tokens`, { role, label });
  if (r.status !== 201) fail(`issuing a ${role} token failed (${r.status})`, r.body);
  mkdirSync(resolve(TOKENS_FILE, '..'), { recursive: true });
  writeFileSync(TOKENS_FILE, JSON.stringify({ ...saved, [key]: r.body.token }, null, 2));
  return r.body.token;
}

async function waitForProjection(position: number, ms = 60_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const r = await call('GET', '/v1/projections');
    if (r.status === 200 && r.body.projections.every((p: { position: number }) => p.position >= position))
      return true;
    await sleep(250);
  }
  return false;
}

/** --live: a new application (and now and then a reply or a post) every few seconds. */
async function live(orgs: DemoOrg[]) {
  const r = rng(randomUUID());
  const open: { orgId: string; id: string }[] = [];
  console.log('Sending live events every 4 s; Ctrl-C to stop.');
  for (;;) {
    const now = isoAt(Date.now());
    const org = r.weighted(orgs.map((o) => [o, o.load] as const));
    const id = `LIVE-${Date.now().toString(36)}`;
    const events: Sendable[] = [
      {
        eventId: randomUUID(),
        type: 'ApplicationReceived',
        orgId: org.orgId,
        occurredAt: now,
        data: { applicationId: id, applicantType: 'naturalPerson', channel: 'online' },
      },
    ];
    open.push({ orgId: org.orgId, id });
    if (open.length > 3 && r.chance(0.6)) {
      const done = open.splice(r.int(0, open.length - 2), 1)[0];
      events.push({
        eventId: randomUUID(),
        type: 'ApplicationConcluded',
        orgId: done.orgId,
        occurredAt: now,
        data: { applicationId: done.id, outcome: r.chance(0.7) ? 'disclosed' : 'unavailable.notHeld' },
      });
    }
    const res = await send(events);
    console.log(
      `${now}  ${org.name} received ${id}${events.length > 1 ? ', one reply sent' : ''} (position ${res.lastPosition})`,
    );
    await sleep(4000);
  }
}

async function main() {
  const { values } = cliArgs(USAGE, { live: { type: 'boolean', default: false } });
  const progress = progressLine('demo');
  const started = Date.now();
  const health = await fetch(`${BASE}/health`).catch(() => null);
  if (!health) fail(`no service answers at ${BASE}. Start it with \`npm start\`, or set GONGKAI_URL.`);
  const orgs = demoOrgs(process.env.DEMO_SCALE === 'small');
  progress(`registering ${orgs.length} orgs`, true);
  await register(orgs);
  const now = Date.now();
  const events = planEvents(orgs, now);
  const sent = await send(events, progress);
  progress('waiting for the figures to catch up', true);
  await waitForProjection(sent.lastPosition);
  progress(`reviewing the reports of ${yearOf(now) - 1}`, true);
  const reviewer = await demoToken(COUNTY_ID, 'reviewer', '青山县政务公开办 审核（演示）');
  const published = await reviewLastYear(orgs, yearOf(now) - 1, reviewer);
  // After publication, so that these reports call for a restatement (更正).
  const late = sendable(
    orgs.filter(restates).map((o) => ({ ...lateEvent(o, yearOf(now) - 1), orgId: o.orgId })),
    now,
  );
  const sentLate = late.length ? await send(late) : { accepted: 0, duplicates: 0, lastPosition: 0 };
  const token = await demoToken(COUNTY_ID, 'reader', '青山县政务公开办（演示）');
  const town = orgs.find((o) => o.kind === 'town')!;
  const clerk = await demoToken(town.orgId, 'submitter', `${town.name}党政办（演示）`);
  const caughtUp = await waitForProjection(Math.max(sent.lastPosition, sentLate.lastPosition));
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  const total = events.length + late.length;
  console.log(
    `青山县 demo: ${orgs.length} orgs, ${total} events (${sent.accepted + sentLate.accepted} new, ${sent.duplicates + sentLate.duplicates} already stored), ` +
      `${published} reports of ${yearOf(now) - 1} published, in ${secs} s` +
      (caughtUp ? '; the figures are up to date.' : '; the projection is still catching up.'),
  );
  console.log(`Reader token of ${COUNTY_ID} (county): ${token}`);
  console.log(`Dashboard: ${BASE}/dashboard?token=${encodeURIComponent(token)}`);
  console.log(
    `Reviewer token of ${COUNTY_ID} (政务公开办, returns and clears members' reports): ${reviewer}`,
  );
  console.log(`Dashboard for review: ${BASE}/dashboard?token=${encodeURIComponent(reviewer)}`);
  // The workbench stores a token handed over in the address and takes it out of the address bar.
  console.log(`Clerk token of ${town.orgId} (${town.name}, submitter): ${clerk}`);
  console.log(`Workbench: ${BASE}/workbench/?token=${encodeURIComponent(clerk)}`);
  if (values.live) await live(orgs);
}

if (require.main === module) main().catch((e) => fail(String(e?.stack ?? e)));

import { randomUUID } from 'node:crypto';
import { TestDb, createTestDb } from '@app/testing/test-db';
import { ADMIN, Service, startService } from '@app/testing/service';
import { client } from '@app/testing/http';

// Who may do what, route by route and scope by scope: every role, against its own org, a child,
// its parent and a sibling. The expectation comes from a small model written out below, not from
// the service: a submitter reads its own org only (a rollup, subtree or dashboard that takes in
// other orgs is refused); a reader reads its org and everything below it; a reviewer is a
// county's and reads the county's subtree; only a submitter (of its own org) and the admin write.

//            mx-county ─┬─ mx-town ── mx-office
//                       └─ mx-sib
//            mx-far (another county)
const ORGS = [
  { orgId: 'mx-county', name: '本县', kind: 'county', path: ['mx-county'] },
  { orgId: 'mx-town', name: '本县一镇', kind: 'town', parentId: 'mx-county', path: ['mx-county', 'mx-town'] },
  { orgId: 'mx-office', name: '一镇党政办', kind: 'department', parentId: 'mx-town', path: ['mx-county', 'mx-town', 'mx-office'] }, // prettier-ignore
  { orgId: 'mx-sib', name: '本县二镇', kind: 'town', parentId: 'mx-county', path: ['mx-county', 'mx-sib'] },
  { orgId: 'mx-far', name: '邻县', kind: 'county', path: ['mx-far'] },
];
const pathOf = (id: string) => ORGS.find((o) => o.orgId === id)!.path;
const subtreeOf = (id: string) => ORGS.filter((o) => o.path.includes(id)).map((o) => o.orgId);

type Role = 'admin' | 'submitter' | 'reader' | 'reviewer';
type Who = { name: string; role: Role; home: string | null };
/** Each non-admin role at an org with a parent, a child and a sibling (a reviewer: its county). */
const WHO: Who[] = [
  { name: 'admin', role: 'admin', home: null },
  { name: 'submitter@mx-town', role: 'submitter', home: 'mx-town' },
  { name: 'submitter@mx-county', role: 'submitter', home: 'mx-county' },
  { name: 'submitter@mx-office', role: 'submitter', home: 'mx-office' },
  { name: 'reader@mx-town', role: 'reader', home: 'mx-town' },
  { name: 'reader@mx-county', role: 'reader', home: 'mx-county' },
  { name: 'reviewer@mx-county', role: 'reviewer', home: 'mx-county' },
  { name: 'reviewer@mx-far', role: 'reviewer', home: 'mx-far' },
];
/** Relative to the token's org: itself, a child, its parent, a sibling (each when it exists). */
const TARGETS = ORGS.map((o) => o.orgId);

const reads = (w: Who, target: string) =>
  w.role === 'admin' || (w.role === 'submitter' ? w.home === target : pathOf(target).includes(w.home!));
const readsAll = (w: Who, target: string) => subtreeOf(target).every((o) => reads(w, o));
const writes = (w: Who, target: string) =>
  w.role === 'admin' || (w.role === 'submitter' && w.home === target);
const adminOnly = (w: Who) => w.role === 'admin';
/** Returning and clearing: a reviewer of a county above (or of the county itself, which then has nothing to review). */
const reviews = (w: Who, target: string) =>
  w.role === 'admin' || (w.role === 'reviewer' && pathOf(target).includes(w.home!));
/** A county's settings: its readers and reviewers (for any other org: a 422, not a refusal). */
const readsSettings = (w: Who, target: string) => w.role !== 'submitter' && reads(w, target);

type Route = { name: string; method: string; path: (org: string) => string; body?: (org: string) => unknown; allowed: (w: Who, org: string) => boolean }; // prettier-ignore
const ROUTES: Route[] = [
  { name: 'GET org', method: 'GET', path: (o) => `/v1/orgs/${o}`, allowed: reads },
  { name: 'GET report scope=self', method: 'GET', path: (o) => `/v1/orgs/${o}/reports/2024`, allowed: reads },
  { name: 'GET report scope=self (explicit)', method: 'GET', path: (o) => `/v1/orgs/${o}/reports/2024?scope=self`, allowed: reads }, // prettier-ignore
  { name: 'GET report scope=rollup', method: 'GET', path: (o) => `/v1/orgs/${o}/reports/2024?scope=rollup`, allowed: readsAll }, // prettier-ignore
  { name: 'GET report scope=rollup, waiting on minPosition', method: 'GET', path: (o) => `/v1/orgs/${o}/reports/2024?scope=rollup&minPosition=1`, allowed: readsAll }, // prettier-ignore
  { name: 'GET deadlines scope=self', method: 'GET', path: (o) => `/v1/orgs/${o}/deadlines?scope=self`, allowed: reads }, // prettier-ignore
  { name: 'GET deadlines scope=subtree', method: 'GET', path: (o) => `/v1/orgs/${o}/deadlines?scope=subtree`, allowed: readsAll }, // prettier-ignore
  {
    name: 'GET dashboard',
    method: 'GET',
    path: (o) => `/v1/orgs/${o}/dashboard?year=2024`,
    allowed: readsAll,
  },
  { name: 'POST events', method: 'POST', path: () => '/v1/events', body: (o) => ({ events: [decision(o)] }), allowed: writes }, // prettier-ignore
  {
    name: 'POST publish',
    method: 'POST',
    path: (o) => `/v1/orgs/${o}/reports/2024/publish`,
    allowed: writes,
  },
  { name: 'POST tokens', method: 'POST', path: (o) => `/v1/orgs/${o}/tokens`, body: () => ({ role: 'reader', label: 'matrix' }), allowed: adminOnly }, // prettier-ignore
  { name: 'GET tokens', method: 'GET', path: (o) => `/v1/orgs/${o}/tokens`, allowed: adminOnly },
  { name: 'POST orgs', method: 'POST', path: () => '/v1/orgs', body: (o) => ({ orgId: `${o}-x`, name: 'x', kind: 'department', parentId: o }), allowed: adminOnly }, // prettier-ignore
  { name: 'DELETE token', method: 'DELETE', path: () => `/v1/tokens/${spare}`, allowed: adminOnly },
  { name: 'POST submit', method: 'POST', path: (o) => `/v1/orgs/${o}/reports/2024/submit`, allowed: writes },
  { name: 'POST return', method: 'POST', path: (o) => `/v1/orgs/${o}/reports/2024/return`, body: () => ({ comments: [{ text: '请核实' }] }), allowed: reviews }, // prettier-ignore
  { name: 'POST clear', method: 'POST', path: (o) => `/v1/orgs/${o}/reports/2024/clear`, allowed: reviews },
  { name: 'GET settings', method: 'GET', path: (o) => `/v1/orgs/${o}/settings`, allowed: readsSettings },
  { name: 'PUT settings', method: 'PUT', path: (o) => `/v1/orgs/${o}/settings`, body: () => ({ townReportDue: null }), allowed: adminOnly }, // prettier-ignore
  {
    name: 'GET comparison',
    method: 'GET',
    path: (o) => `/v1/orgs/${o}/reports/2024/comparison`,
    allowed: reads,
  },
  { name: 'GET review sheet', method: 'GET', path: (o) => `/v1/orgs/${o}/reports/2024/review-sheet`, allowed: reads }, // prettier-ignore
  {
    name: 'GET history',
    method: 'GET',
    path: (o) => `/v1/orgs/${o}/history?entity=app:2024-001`,
    allowed: reads,
  },
  { name: 'GET ledger template', method: 'GET', path: () => '/v1/ledgers/applications/template.xlsx', allowed: () => true }, // prettier-ignore
  {
    name: 'GET ledger',
    method: 'GET',
    path: (o) => `/v1/orgs/${o}/ledgers/applications?year=2024`,
    allowed: reads,
  },
  { name: 'POST ledger', method: 'POST', path: (o) => `/v1/orgs/${o}/ledgers/applications`, body: () => 'not a workbook', allowed: writes }, // prettier-ignore
  { name: 'GET application', method: 'GET', path: (o) => `/v1/orgs/${o}/applications/mx-app`, allowed: reads }, // prettier-ignore
  { name: 'POST import (dry run)', method: 'POST', path: (o) => `/v1/orgs/${o}/imports/report?year=2024&dryRun=1`, body: () => 'not a report', allowed: reads }, // prettier-ignore
  { name: 'GET fee quote', method: 'GET', path: (o) => `/v1/orgs/${o}/applications/mx-app/fee-quote?pages=40`, allowed: reads }, // prettier-ignore
  { name: 'GET session', method: 'GET', path: () => '/v1/session', allowed: () => true },
  { name: 'GET labels', method: 'GET', path: () => '/v1/labels', allowed: () => true },
  { name: 'GET projections', method: 'GET', path: () => '/v1/projections', allowed: () => true },
  { name: 'GET dashboards', method: 'GET', path: () => '/v1/dashboards', allowed: () => true },
];

function decision(orgId: string) {
  return {
    eventId: randomUUID(),
    type: 'AdministrativeDecisionRecorded',
    orgId,
    occurredAt: '2024-05-06T10:00:00+08:00',
    data: { decisionId: randomUUID(), kind: 'licensing' },
  };
}

let db: TestDb;
let svc: Service;
const tokens = new Map<string, string>();
/** A token for DELETE to revoke: revoking it again changes nothing, so every admin call is a 200. */
let spare = '';

beforeAll(async () => {
  db = await createTestDb('access_matrix');
  svc = await startService({ databaseUrl: db.url });
  const admin = client(svc.base, ADMIN);
  for (const { path: _p, ...o } of ORGS) expect((await admin.post('/v1/orgs', o)).status).toBe(201);
  tokens.set('admin', ADMIN);
  for (const w of WHO.filter((x) => x.home)) {
    const r = await admin.post(`/v1/orgs/${w.home}/tokens`, { role: w.role, label: w.name });
    expect(r.status).toBe(201);
    tokens.set(w.name, r.body.token);
  }
  spare = (await admin.post('/v1/orgs/mx-sib/tokens', { role: 'reader' })).body.tokenId;
  // One application in every org, so that reading it is a 200 where allowed, not a 404.
  const apps = ORGS.map(({ orgId }) => ({ ...decision(orgId), type: 'ApplicationReceived', data: { applicationId: 'mx-app', applicantType: 'naturalPerson' } })); // prettier-ignore
  expect((await admin.post('/v1/events', { events: apps })).status).toBe(202);
}, 60_000);

it('covers every /v1 route of the OpenAPI document', async () => {
  const doc = (await client(svc.base).get('/docs-json')).body as { paths: Record<string, object> };
  const listed = Object.entries(doc.paths)
    .filter(([template]) => template.startsWith('/v1/'))
    .flatMap(([template, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${template}`));
  const covered = new Set(
    ROUTES.map((r) => `${r.method} ${r.path('{orgId}').replace(/\?.*$/, '').replace('/2024', '/{year}').replace(spare, '{tokenId}').replace('/ledgers/applications', '/ledgers/{kind}').replace('/mx-app', '/{applicationId}')}`), // prettier-ignore
  );
  expect(listed.filter((k) => !covered.has(k))).toEqual([]);
});
afterAll(async () => {
  await svc?.stop();
  await db?.drop();
});

describe.each(ROUTES)('$name', (route) => {
  it('answers every role and every org as the model says', async () => {
    const wrong: string[] = [];
    for (const w of WHO)
      for (const target of TARGETS) {
        const r = await client(svc.base, tokens.get(w.name)).call(route.method, route.path(target), route.body?.(target)); // prettier-ignore
        const allowed = route.allowed(w, target);
        const refused = r.status === 403 || r.status === 404;
        if (r.status === 401 || r.status >= 500 || allowed === refused)
          wrong.push(`${w.name} → ${target}: ${r.status} (${allowed ? 'allowed' : 'refused'} expected) ${JSON.stringify(r.body).slice(0, 160)}`); // prettier-ignore
        if (refused) expect(typeof r.body?.error?.code).toBe('string');
      }
    expect(wrong).toEqual([]);
  }, 60_000);
});

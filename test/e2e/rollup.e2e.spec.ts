import type { ApplicantType, DisclosureEvent, Outcome } from '@app/domain';
import * as b from '@app/testing/builders';
import { client } from '@app/testing/http';
import { waitUntil } from '@app/testing/reference';
import { ADMIN, Service, startService } from '@app/testing/service';
import { TestDb, createTestDb } from '@app/testing/test-db';

// scope=rollup (docs/reports.md) sums the org and every org below it: for every figure of every
// table, the county's rollup equals the sum of its members' own reports, across a year boundary
// (carry-over, balances in force, pending cases) and with an org two levels down.

const COUNTY = 'ru-county';
const TOWN_A = 'ru-town-a';
const TOWN_B = 'ru-town-b';
const DEPT = 'ru-dept';
const NESTED = 'ru-town-a-office';
const ORGS = [COUNTY, TOWN_A, TOWN_B, DEPT, NESTED];
const YEARS = [2024, 2025, 2026];

const OUTCOMES: Outcome[] = ['disclosed', 'partiallyDisclosed', 'withheld.thirdPartyRights', 'unavailable.notHeld', 'notProcessed.repeated', 'other.noSupplement']; // prettier-ignore
const TYPES: ApplicantType[] = [
  'naturalPerson',
  'commercialEnterprise',
  'legalServiceAgency',
  'otherOrganization',
];

/** A varied year and a half for one org; `n` makes the orgs differ. */
function eventsOf(org: string, n: number): DisclosureEvent[] {
  const e: DisclosureEvent[] = [b.inForceDeclared({ org, count: 3 + n, at: '2024-01-01T00:00:00+08:00' })];
  for (let i = 0; i < 4 + n; i++) {
    const id = `A${i}`;
    const month = String(1 + ((i * 5 + n) % 12)).padStart(2, '0');
    const at = `2024-${month}-1${i % 9}T10:00:00+08:00`;
    e.push(b.received({ id, org, at, applicantType: TYPES[(i + n) % TYPES.length] }));
    if (i % 4 === 3) continue; // still open: carried over into 2025 and beyond
    const later = i % 3 === 0 ? '2025-01-15T10:00:00+08:00' : `2024-12-2${i % 9}T10:00:00+08:00`;
    e.push(b.concluded({ id, org, at: later, outcome: OUTCOMES[(i + n) % OUTCOMES.length] }));
    if (i === 1) e.push(b.corrected({ id, org, outcome: 'disclosed', at: '2025-02-01T10:00:00+08:00' }));
  }
  e.push(
    b.received({ id: 'F1', org, at: '2025-03-03T09:00:00+08:00' }),
    b.feeNoticed({ id: 'F1', org, amountYuan: `${10 + n}.50`, at: '2025-03-05T09:00:00+08:00' }),
    b.feePaid({ id: 'F1', org, amountYuan: `${10 + n}.50`, at: '2025-03-07T09:00:00+08:00' }),
    b.documentIssued({ id: 'D1', org, at: '2024-05-06T09:00:00+08:00' }),
    b.documentIssued({ id: 'D2', org, kind: 'rule', at: '2025-05-06T09:00:00+08:00' }),
    b.documentRepealed({ id: 'D1', org, at: '2025-06-06T09:00:00+08:00' }),
    b.decisionRecorded({
      id: 'X1',
      org,
      kind: 'licensing',
      count: 10 * (n + 1),
      at: '2024-07-31T17:00:00+08:00',
    }),
    b.decisionRecorded({ id: 'X2', org, kind: 'penalty', count: n + 2, at: '2025-07-31T17:00:00+08:00' }),
    b.adminFeeCollected({ id: 'R1', org, amountYuan: `${1234 + n}.56`, at: '2025-08-01T09:00:00+08:00' }),
    b.posted({ id: 'P1', org, channel: n % 2 ? 'wechat' : 'govWebsite', at: '2025-02-02T09:00:00+08:00' }),
    b.posted({ id: 'P2', org, category: 'policy', at: '2025-02-03T09:00:00+08:00' }),
    b.withdrawn({ id: 'P2', org, at: '2025-02-04T09:00:00+08:00' }),
    b.reviewFiled({ id: 'C1', org, at: '2024-11-11T09:00:00+08:00' }),
    b.reviewConcluded({
      id: 'C1',
      org,
      result: n % 2 ? 'corrected' : 'upheld',
      at: '2025-01-20T09:00:00+08:00',
    }),
    b.litigationFiled({ id: 'L1', org, afterReview: n % 2 === 0, at: '2025-04-01T09:00:00+08:00' }),
  );
  return e;
}

/** Every figure of a report by its path; amounts (decimal strings) scaled to integers of 10^-6. */
function figures(report: Record<string, unknown>): Map<string, bigint> {
  const out = new Map<string, bigint>();
  const skip = new Set(['orgId', 'orgName', 'year', 'format', 'scope', 'position', 'stale', 'checks', 'narrative', 'draft', 'publication', 'review', 'columns']); // prettier-ignore
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'number') out.set(path, BigInt(v) * 1_000_000n);
    else if (typeof v === 'string' && /^-?\d+(\.\d{1,6})?$/.test(v)) {
      const [whole, frac = ''] = v.replace('-', '').split('.');
      const scaled = BigInt(whole) * 1_000_000n + BigInt(frac.padEnd(6, '0'));
      out.set(path, v.startsWith('-') ? -scaled : scaled);
    } else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) if (!(path === '' && skip.has(k))) walk(x, `${path}/${k}`);
  };
  walk(report, '');
  return out;
}

function sum(maps: Map<string, bigint>[]): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const m of maps) for (const [k, v] of m) out.set(k, (out.get(k) ?? 0n) + v);
  return out;
}

let db: TestDb;
let svc: Service;
let http: ReturnType<typeof client>;

beforeAll(async () => {
  db = await createTestDb('rollup');
  svc = await startService({ databaseUrl: db.url, workers: 2 });
  http = client(svc.base, ADMIN);
  await http.post('/v1/orgs', { orgId: COUNTY, name: '青山县人民政府', kind: 'county' });
  await http.post('/v1/orgs', { orgId: TOWN_A, name: '城关镇', kind: 'town', parentId: COUNTY });
  await http.post('/v1/orgs', { orgId: TOWN_B, name: '河口镇', kind: 'town', parentId: COUNTY });
  await http.post('/v1/orgs', { orgId: DEPT, name: '教育局', kind: 'department', parentId: COUNTY });
  await http.post('/v1/orgs', {
    orgId: NESTED,
    name: '城关镇便民服务中心',
    kind: 'department',
    parentId: TOWN_A,
  });
  const events = ORGS.flatMap((org, n) => eventsOf(org, n));
  const sent = await http.post('/v1/events', { events });
  expect(sent.status).toBe(202);
  expect(sent.body.accepted).toBe(events.length);
  const applied = async () => (await http.get('/v1/projections')).body.projections[0].position;
  await waitUntil(async () => (await applied()) >= sent.body.lastPosition, 30_000, 'the projection');
}, 60_000);

afterAll(async () => {
  await svc?.stop();
  await db?.drop();
});

const report = async (org: string, year: number, scope: 'self' | 'rollup') => {
  const r = await http.get(`/v1/orgs/${org}/reports/${year}?scope=${scope}`);
  expect(r.status).toBe(200);
  return r.body;
};

describe('scope=rollup', () => {
  it.each(YEARS)('of the county equals the sum of its five orgs in every cell of %i', async (year) => {
    const selves = await Promise.all(ORGS.map((o) => report(o, year, 'self')));
    const rollup = await report(COUNTY, year, 'rollup');
    expect(rollup.scope).toBe('rollup');
    const expected = sum(selves.map(figures));
    expect(Object.fromEntries(figures(rollup))).toEqual(Object.fromEntries(expected));
    // Not vacuous: the year has figures, and the rollup is more than the county's own.
    expect(rollup.applications.rows.carriedOut[6]).toBeGreaterThan(selves[0].applications.rows.carriedOut[6]);
    expect(rollup.checks.every((c: { ok: boolean }) => c.ok)).toBe(true);
  });

  it('of a town two levels up from an office sums the town and the office', async () => {
    const [town, office, rollup] = await Promise.all([
      report(TOWN_A, 2025, 'self'),
      report(NESTED, 2025, 'self'),
      report(TOWN_A, 2025, 'rollup'),
    ]);
    expect(Object.fromEntries(figures(rollup))).toEqual(Object.fromEntries(sum([town, office].map(figures))));
  });

  it('of an org without orgs below it is its own report', async () => {
    const [self, rollup] = await Promise.all([report(DEPT, 2025, 'self'), report(DEPT, 2025, 'rollup')]);
    expect(Object.fromEntries(figures(rollup))).toEqual(Object.fromEntries(figures(self)));
  });
});

describe('the dashboard member table', () => {
  it('has one row per org below the county (their rollups) and the county itself, adding up to the total', async () => {
    const d = (await http.get(`/v1/orgs/${COUNTY}/dashboard?year=2025`)).body;
    expect(d.rows.map((r: { orgId: string; scope: string }) => [r.orgId, r.scope])).toEqual([
      [COUNTY, 'self'],
      [TOWN_A, 'rollup'],
      [TOWN_B, 'rollup'],
      [DEPT, 'rollup'],
    ]);
    const rollup = await report(COUNTY, 2025, 'rollup');
    const rows = rollup.applications.rows;
    expect(d.total).toMatchObject({
      received: rows.newReceived[6],
      carriedIn: rows.carriedIn[6],
      concluded: rows.concludedTotal[6],
      carriedOut: rows.carriedOut[6],
      publications: rollup.publications.total,
    });
    for (const k of [
      'received',
      'carriedIn',
      'concluded',
      'carriedOut',
      'publications',
      'open',
      'overdue',
      'dueSoon',
    ])
      expect(d.rows.reduce((s: number, r: Record<string, number>) => s + r[k], 0)).toBe(d.total[k]);
    const townA = await report(TOWN_A, 2025, 'rollup');
    expect(d.rows[1]).toMatchObject({ carriedIn: townA.applications.rows.carriedIn[6], balanced: true });
    expect(d.months.received.reduce((s: number, n: number) => s + n, 0)).toBe(d.total.received);
    expect(Object.values(d.outcomes).reduce((s: number, n) => s + (n as number), 0)).toBe(d.total.concluded);
  });

  it('counts open and overdue applications of the subtree as the deadline list does', async () => {
    const d = (await http.get(`/v1/orgs/${COUNTY}/dashboard`)).body;
    const list = (await http.get(`/v1/orgs/${COUNTY}/deadlines?scope=subtree&asOf=${d.asOf}`)).body;
    expect(d.total.open).toBe(list.items.length);
    expect(d.total.overdue).toBe(list.items.filter((i: { overdue: boolean }) => i.overdue).length);
    expect(d.total.overdue).toBeGreaterThan(0); // the 2024 applications left open
    const townA = list.items.filter(
      (i: { orgId: string }) => i.orgId === TOWN_A || i.orgId === NESTED,
    ).length;
    expect(d.rows.find((r: { orgId: string }) => r.orgId === TOWN_A).open).toBe(townA);
  });

  it('refuses a bad year and a reader of a town', async () => {
    expect((await http.get(`/v1/orgs/${COUNTY}/dashboard?year=20x5`)).status).toBe(400);
    const token = (await http.post(`/v1/orgs/${TOWN_B}/tokens`, { role: 'reader' })).body.token;
    expect((await client(svc.base, token).get(`/v1/orgs/${COUNTY}/dashboard`)).status).toBe(403);
  });
});

import { Client } from 'pg';
import * as b from '@app/testing/builders';
import { client } from '@app/testing/http';
import { waitUntil } from '@app/testing/reference';
import { ADMIN, Service, startService } from '@app/testing/service';
import { TestDb, createTestDb } from '@app/testing/test-db';

// Every read is bounded: statements by STATEMENT_TIMEOUT_MS, a past asOf by its range, a list by
// limit with a continuation token. Each bound, when hit, is answered with what to do about it.

const COUNTY = 'bd-county';
const TOWNS = ['bd-town-a', 'bd-town-b', 'bd-town-c'];
const received = (org: string, i: number) =>
  b.received({ id: `A${i}`, org, at: `2026-11-${String(2 + (i % 20)).padStart(2, '0')}T10:00:00+08:00` });

let db: TestDb;
let svc: Service;
const admin = () => client(svc.base, ADMIN);

beforeAll(async () => {
  db = await createTestDb('bounds');
  svc = await startService({ databaseUrl: db.url, env: { STATEMENT_TIMEOUT_MS: '300' } });
  await admin().post('/v1/orgs', { orgId: COUNTY, name: '界县人民政府', kind: 'county' });
  for (const t of TOWNS)
    await admin().post('/v1/orgs', { orgId: t, name: t, kind: 'town', parentId: COUNTY });
  const sent = await admin().post('/v1/events', {
    events: TOWNS.flatMap((t) => Array.from({ length: 9 }, (_, i) => received(t, i))),
  });
  expect(sent.status).toBe(202);
  await waitUntil(
    async () => (await admin().get('/v1/projections')).body.projections[0].position >= sent.body.lastPosition,
    30_000,
    'the projection',
  );
}, 60_000);
afterAll(async () => {
  await svc?.stop();
  await db?.drop();
});

describe('bounded reads', () => {
  it('pages a large subtree with limit and next, every item once, the shape unchanged', async () => {
    const whole = (await admin().get(`/v1/orgs/${COUNTY}/deadlines?scope=subtree`)).body;
    expect(whole.items).toHaveLength(27);
    expect(whole.next).toBeNull();
    const seen: unknown[] = [];
    let after = '';
    for (let pages = 1; ; pages++) {
      const r = await admin().get(`/v1/orgs/${COUNTY}/deadlines?scope=subtree&limit=5${after}`);
      expect(r.status).toBe(200);
      expect(r.body.asOf).toBe(whole.asOf);
      expect(r.body.items.length).toBeLessThanOrEqual(5);
      seen.push(...r.body.items);
      if (r.body.next === null) {
        expect(pages).toBe(6);
        break;
      }
      after = `&after=${encodeURIComponent(r.body.next)}`;
    }
    expect(seen).toEqual(whole.items);
  });

  it('refuses a limit out of range and a token it did not give, naming the parameter', async () => {
    for (const q of ['limit=0', 'limit=5001', 'limit=ten', 'after=forged'])
      expect(await admin().get(`/v1/orgs/${COUNTY}/deadlines?scope=subtree&${q}`)).toMatchObject({
        status: 400,
        body: { error: { code: 'query.invalid', details: [{ field: q.split('=')[0] }] } },
      });
  });

  it('refuses an asOf too far back with the range it accepts', async () => {
    const r = await admin().get(`/v1/orgs/${COUNTY}/deadlines?scope=subtree&asOf=2000-01-01`);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('query.invalid');
    expect(r.body.error.message).toMatch(
      /^asOf must be from \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d .*got "2000-01-01"$/,
    );
  });

  it('stops a statement at STATEMENT_TIMEOUT_MS and answers 503 query.timeout', async () => {
    const blocker = new Client({ connectionString: db.url });
    await blocker.connect();
    try {
      await blocker.query('BEGIN; LOCK TABLE rm_entities IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const r = await admin().get(`/v1/orgs/${COUNTY}/deadlines?scope=subtree`);
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe('query.timeout');
      expect(r.body.error.message).toMatch(/took longer than the service allows/);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      await blocker.end();
    }
    expect((await admin().get(`/v1/orgs/${COUNTY}/deadlines?scope=subtree`)).status).toBe(200);
  });
});

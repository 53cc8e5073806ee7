import * as b from '@app/testing/builders';
import { client } from '@app/testing/http';
import { ADMIN, Service, startService } from '@app/testing/service';
import { TestDb, createTestDb } from '@app/testing/test-db';

// The routes the workbench reads over HTTP: who a token is, the words of the codes, one
// application with the steps it may take next, and the built pages under /workbench.

const TOWN = 'wb-town';
const OTHER = 'wb-other';
const at = (date: string) => `${date}T10:00:00+08:00`;

let db: TestDb;
let svc: Service;
let submitter: string;
let stranger: string;

beforeAll(async () => {
  db = await createTestDb('workbench_routes');
  svc = await startService({ databaseUrl: db.url });
  const admin = client(svc.base, ADMIN);
  await admin.post('/v1/orgs', { orgId: TOWN, name: '青山县城关镇', kind: 'town' });
  await admin.post('/v1/orgs', { orgId: OTHER, name: '青山县东城镇', kind: 'town' });
  submitter = (await admin.post(`/v1/orgs/${TOWN}/tokens`, { role: 'submitter' })).body.token;
  stranger = (await admin.post(`/v1/orgs/${OTHER}/tokens`, { role: 'reader' })).body.token;
}, 90_000);

afterAll(async () => {
  await svc?.stop();
  await db?.drop();
});

describe('GET /v1/session', () => {
  it("tells a token's role and org, and the admin's lack of one; 401 without a token", async () => {
    const mine = await client(svc.base, submitter).get('/v1/session');
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ role: 'submitter', orgId: TOWN, orgName: '青山县城关镇', orgKind: 'town', expiresAt: null }); // prettier-ignore
    const admin = await client(svc.base, ADMIN).get('/v1/session');
    expect(admin.body).toEqual({ role: 'admin', orgId: null, orgName: null, orgKind: null, tokenId: 'admin', label: '管理员', expiresAt: null }); // prettier-ignore
    expect((await client(svc.base).get('/v1/session')).status).toBe(401);
  });
});

describe('GET /v1/labels', () => {
  it('gives the Chinese words of the codes and the national tables with the report path of each figure', async () => {
    const r = await client(svc.base, submitter).get('/v1/labels');
    expect(r.status).toBe(200);
    expect(r.body.applicantType.naturalPerson).toBe('自然人');
    expect(r.body.outcome['withheld.stateSecret']).toBe('(三) 不予公开 · 1.属于国家秘密');
    expect(r.body.outcomeGroups).toHaveLength(6);
    const paths = r.body.tables.applications.rows
      .flat()
      .map((c: { path?: string }) => c.path)
      .filter(Boolean);
    expect(paths).toContain('applications/rows/withheld.stateSecret/6');
  });
});

describe('GET /v1/orgs/{orgId}/applications/{applicationId}', () => {
  const path = (id: string, q = '') => `/v1/orgs/${TOWN}/applications/${id}${q}`;

  it('shows the due date and the steps the command side accepts now, and reads its own write', async () => {
    const sent = await client(svc.base, submitter).post('/v1/events', {
      events: [b.received({ id: 'A1', org: TOWN, at: at('2025-01-20') }), b.supplementRequested({ id: 'A1', org: TOWN, at: at('2025-01-22') })], // prettier-ignore
    });
    expect(sent.status).toBe(202);
    const r = await client(svc.base, submitter).get(path('A1', `?minPosition=${sent.body.lastPosition}`));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ applicationId: 'A1', state: 'awaitingSupplement', receivedOn: '2025-01-20', dueOn: null, stale: false }); // prettier-ignore
    expect(r.body.nextActions).toContain('ApplicationSupplementReceived');
    expect(r.body.nextActions).not.toContain('ApplicationSupplementRequested');
    // What nextActions offers is accepted; what it leaves out is refused.
    const received = await client(svc.base, submitter).post('/v1/events', { events: [b.supplementReceived({ id: 'A1', org: TOWN, at: at('2025-01-27') })] }); // prettier-ignore
    expect(received.status).toBe(202);
    const again = await client(svc.base, submitter).post('/v1/events', { events: [b.supplementReceived({ id: 'A1', org: TOWN, at: at('2025-01-28') })] }); // prettier-ignore
    expect(again.status).toBe(422);
    const after = await client(svc.base, submitter).get(
      path('A1', `?minPosition=${received.body.lastPosition}`),
    );
    expect(after.body).toMatchObject({ state: 'running', dueOn: '2025-03-03' });
    expect(after.body.nextActions).not.toContain('ApplicationSupplementReceived');
  });

  it('is 404 for an unknown application and 403 for a token of another org', async () => {
    const unknown = await client(svc.base, submitter).get(path('NOPE'));
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('application.unknown');
    expect((await client(svc.base, stranger).get(path('A1'))).status).toBe(403);
  });
});

describe('/workbench', () => {
  it('serves the page at every path of the app, and hashed assets cached for a year', async () => {
    const page = await fetch(`${svc.base}/workbench/applications/2025-001`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    expect(html).toContain('<div id="app"></div>');
    const asset = /\/workbench\/assets\/[^"]+\.js/.exec(html)![0];
    const js = await fetch(svc.base + asset);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('max-age=31536000');
    expect((await fetch(`${svc.base}/workbench/assets/nothing.js`)).status).toBe(404);
  });
});

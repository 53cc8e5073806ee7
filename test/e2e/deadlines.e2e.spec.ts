import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DisclosureEvent } from '@app/domain';
import * as b from '@app/testing/builders';
import { client } from '@app/testing/http';
import { waitUntil } from '@app/testing/reference';
import { ADMIN, Service, startService } from '@app/testing/service';
import { TEST_REDIS_URL, TestDb, createTestDb } from '@app/testing/test-db';

// The deadline list (docs/dashboard.md) over HTTP: the working-day arithmetic of the shipped
// calendar against dates worked out by hand from the State Council notices.

const COUNTY = 'dl-county';
const TOWN = 'dl-town';
const FAR = 'dl-kiritimati';
const at = (date: string, time = '10:00') => `${date}T${time}:00+08:00`;
const app = (id: string) => ({ id, org: TOWN });

const EVENTS: DisclosureEvent[] = [
  b.received({ ...app('CNY25'), at: at('2025-01-24') }),
  b.received({ ...app('CNY26'), at: at('2026-02-13') }),
  b.received({ ...app('ND24'), at: at('2024-09-30') }),
  b.received({ ...app('ND25'), at: at('2025-09-28') }),
  b.received({ ...app('LATE'), at: at('2025-01-20') }),
  b.received({ ...app('EXT'), at: at('2025-01-20') }),
  b.extended({ ...app('EXT'), at: at('2025-02-18') }),
  b.received({ ...app('SUP'), at: at('2025-03-03') }),
  b.supplementRequested({ ...app('SUP'), at: at('2025-03-05') }),
  b.supplementReceived({ ...app('SUP'), at: at('2025-03-12') }),
  b.received({ ...app('CON'), at: at('2025-03-03') }),
  b.consultationStarted({ ...app('CON'), at: at('2025-03-10') }),
  b.consultationEnded({ ...app('CON'), at: at('2025-03-14') }),
  b.received({ ...app('DONE'), at: at('2025-05-06') }),
  b.concluded({ ...app('DONE'), at: at('2025-06-20') }),
  b.received({ ...app('NOV26'), at: at('2026-11-02') }),
  // 40 working days from 2026-11-20 run into 2027, a year the shipped calendar lacks.
  b.received({ ...app('EXT26'), at: at('2026-11-20') }),
  b.extended({ ...app('EXT26'), at: at('2026-11-24') }),
  b.received({ id: 'FAR1', org: FAR, at: at('2025-01-20') }),
];

let db: TestDb;
let svc: Service;
const tokens: Record<string, string> = {};

const projected = (http: ReturnType<typeof client>, position: number) =>
  waitUntil(
    async () => (await http.get('/v1/projections')).body.projections[0].position >= position,
    30_000,
    `the projection to reach ${position}`,
  );

beforeAll(async () => {
  db = await createTestDb('deadlines');
  svc = await startService({ databaseUrl: db.url });
  const admin = client(svc.base, ADMIN);
  await admin.post('/v1/orgs', { orgId: COUNTY, name: '青山县人民政府', kind: 'county' });
  await admin.post('/v1/orgs', { orgId: TOWN, name: '青山县城关镇', kind: 'town', parentId: COUNTY });
  await admin.post('/v1/orgs', { orgId: FAR, name: '远方镇', kind: 'town', parentId: COUNTY, timeZone: 'Pacific/Kiritimati' }); // prettier-ignore
  for (const [name, org, role] of [
    ['countyReader', COUNTY, 'reader'],
    ['countySubmitter', COUNTY, 'submitter'],
    ['townReader', TOWN, 'reader'],
    ['townSubmitter', TOWN, 'submitter'],
  ])
    tokens[name] = (await admin.post(`/v1/orgs/${org}/tokens`, { role })).body.token;
  const sent = await admin.post('/v1/events', { events: EVENTS });
  expect(sent.status).toBe(202);
  await projected(admin, sent.body.lastPosition);
}, 60_000);

afterAll(async () => {
  await svc?.stop();
  await db?.drop();
});

const list = async (query: string, token = tokens.townReader, org = TOWN) =>
  client(svc.base, token).get(`/v1/orgs/${org}/deadlines?${query}`);
const item = async (id: string, asOf: string) => {
  const r = await list(`asOf=${asOf}`);
  expect(r.status).toBe(200);
  return r.body.items.find((i: { applicationId: string }) => i.applicationId === id);
};

describe('the 20th working day after receipt', () => {
  it('answers the contract example in the contract shape', async () => {
    const r = await list('asOf=2025-02-20');
    expect(r.body.asOf).toBe('2025-02-20');
    expect(r.body.items.find((i: { applicationId: string }) => i.applicationId === 'LATE')).toEqual({
      orgId: TOWN,
      applicationId: 'LATE',
      applicantType: 'naturalPerson',
      receivedOn: '2025-01-20',
      state: 'running',
      dueOn: '2025-02-21',
      extended: false,
      workingDaysLeft: 1,
      overdue: false,
    });
  });

  it.each([
    [
      'CNY25',
      '2025-01-24',
      '2025-02-27',
      'before the 2025 Spring Festival; Sunday 01-26 and Saturday 02-08 count',
    ],
    ['CNY26', '2026-02-13', '2026-03-19', 'before the 2026 Spring Festival; Saturdays 02-14 and 02-28 count'],
    ['ND24', '2024-09-30', '2024-11-01', 'before the 2024 National Day; Saturday 10-12 counts'],
    ['ND25', '2025-09-28', '2025-10-31', 'on the working Sunday before the 2025 National Day'],
  ])('%s received %s is due %s (%s)', async (id, on, dueOn) =>
    expect(await item(id, on)).toMatchObject({
      receivedOn: on,
      state: 'running',
      dueOn,
      workingDaysLeft: 20,
    }),
  );

  it('is overdue after the due date, with minus the working days since', async () => {
    expect(await item('LATE', '2025-02-21')).toMatchObject({ workingDaysLeft: 0, overdue: false });
    expect(await item('LATE', '2025-02-26')).toMatchObject({ workingDaysLeft: -3, overdue: true });
  });
});

describe('pauses and extensions (arts. 30, 33)', () => {
  it('extends by 20 working days', async () =>
    expect(await item('EXT', '2025-02-18')).toMatchObject({ dueOn: '2025-03-21', extended: true, workingDaysLeft: 23 })); // prettier-ignore

  it('has no due date while awaiting a supplement, and counts afresh from its receipt', async () => {
    expect(await item('SUP', '2025-03-11')).toMatchObject({ state: 'awaitingSupplement', dueOn: null, workingDaysLeft: null }); // prettier-ignore
    expect(await item('SUP', '2025-03-12')).toMatchObject({ state: 'running', dueOn: '2025-04-10' });
  });

  it('has no due date while consulting, and adds the days consulted', async () => {
    expect(await item('CON', '2025-03-12')).toMatchObject({
      state: 'consulting',
      dueOn: null,
      overdue: false,
    });
    expect(await item('CON', '2025-03-14')).toMatchObject({ state: 'running', dueOn: '2025-04-07', workingDaysLeft: 15 }); // prettier-ignore
  });
});

describe('the list', () => {
  it('is sorted by due date, the ones without one last', async () => {
    const r = await list('asOf=2025-03-12');
    expect(
      r.body.items.map((i: { applicationId: string; dueOn: string }) => [i.applicationId, i.dueOn]),
    ).toEqual([
      ['ND24', '2024-11-01'], // open since 2024, long overdue
      ['LATE', '2025-02-21'],
      ['CNY25', '2025-02-27'],
      ['EXT', '2025-03-21'],
      ['SUP', '2025-04-10'],
      ['CON', null], // consulting
    ]);
  });

  it('holds, for a past asOf, an application concluded after it, but not one concluded by then', async () => {
    expect(await item('DONE', '2025-06-10')).toMatchObject({ dueOn: '2025-06-04', overdue: true, workingDaysLeft: -4 }); // prettier-ignore
    expect(await item('DONE', '2025-06-19')).toBeDefined();
    expect(await item('DONE', '2025-06-20')).toBeUndefined();
    expect(await item('CNY26', '2026-02-12')).toBeUndefined(); // not received yet
  });

  it('marks calendarMissing for a count running into 2027, without failing the list', async () => {
    const r = await list('asOf=2026-11-25');
    expect(r.status).toBe(200);
    const ext = r.body.items.find((i: { applicationId: string }) => i.applicationId === 'EXT26');
    expect(ext).toMatchObject({ dueOn: null, workingDaysLeft: null, overdue: false, calendarMissing: true });
    // 40 working days: 29 to the end of 2026, 元旦 off, then 11 more by the statutory holidays.
    expect(ext).toMatchObject({ provisional: true, provisionalDueOn: '2027-01-18', provisionalWorkingDaysLeft: 37 }); // prettier-ignore
    expect(r.body.items.at(-1).applicationId).toBe('EXT26');
    expect(r.body.items.find((i: { applicationId: string }) => i.applicationId === 'NOV26')).toMatchObject({ dueOn: '2026-11-30' }); // prettier-ignore
  });

  it('keeps a known due date when only asOf lies in 2027', async () =>
    expect(await item('NOV26', '2027-01-04')).toMatchObject({ dueOn: '2026-11-30', overdue: true, workingDaysLeft: null, calendarMissing: true })); // prettier-ignore

  it('defaults asOf to today in the org time zone', async () => {
    const today = () =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Pacific/Kiritimati' }).format(new Date());
    const before = today();
    const r = await list('', tokens.countyReader, FAR);
    expect([before, today()]).toContain(r.body.asOf);
    expect(r.body.items.map((i: { applicationId: string }) => i.applicationId)).toEqual(['FAR1']);
  });
});

describe('input and access', () => {
  it.each(['2025-02-30', '2025-2-3', '20250220', 'today'])('refuses asOf=%s with 400', async (asOf) => {
    const r = await list(`asOf=${asOf}`);
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'query.invalid', details: [{ field: 'asOf' }] });
  });

  it('refuses an unknown scope', async () => expect((await list('scope=all')).status).toBe(400));

  it('lets a county reader see the whole subtree', async () => {
    const r = await list('scope=subtree&asOf=2025-03-12', tokens.countyReader, COUNTY);
    expect(new Set(r.body.items.map((i: { orgId: string }) => i.orgId))).toEqual(new Set([TOWN, FAR]));
    expect((await list('scope=self&asOf=2025-03-12', tokens.countyReader, COUNTY)).body.items).toEqual([]);
  });

  it('keeps a town reader out of the county, and a submitter to its own org', async () => {
    expect((await list('', tokens.townReader, COUNTY)).status).toBe(403);
    expect((await list('scope=self', tokens.townSubmitter)).status).toBe(200);
    expect((await list('scope=subtree', tokens.countySubmitter, COUNTY)).status).toBe(403);
    expect((await list('scope=self', tokens.countySubmitter, COUNTY)).status).toBe(200);
    expect((await list('', 'not-a-token')).status).toBe(401);
  });
});

describe('CALENDAR_FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gk-calendar-'));
  // A made-up 2027, as an operator would add the real notice once it is published.
  const Y2027 = {
    year: 2027,
    notice: '示例〔2026〕1号',
    daysOff: ['2027-01-01/2027-01-03'],
    workingWeekends: [],
  };

  it('adds years: the count into 2027 gets a due date', async () => {
    const file = join(dir, 'good.json');
    writeFileSync(file, JSON.stringify([Y2027]));
    const api = await startService({ databaseUrl: db.url, workers: 0, env: { CALENDAR_FILE: file } });
    try {
      const r = await client(api.base, tokens.townReader).get(`/v1/orgs/${TOWN}/deadlines?asOf=2026-11-25`);
      const ext = r.body.items.find((i: { applicationId: string }) => i.applicationId === 'EXT26');
      expect(ext).toMatchObject({ dueOn: '2027-01-18', extended: true, workingDaysLeft: 37 });
      expect(ext.calendarMissing).toBeUndefined();
      expect(ext.provisional).toBeUndefined();
    } finally {
      await api.stop();
    }
  }, 60_000);

  it('stops the start with the entry to fix when the file is invalid', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify([{ ...Y2027, daysOff: ['2027-02-30'] }]));
    const env = { ...svc.env, PORT: '0', CALENDAR_FILE: file, REDIS_URL: TEST_REDIS_URL };
    const root = resolve(__dirname, '../..');
    const args = ['-r', resolve(root, 'scripts/paths.js'), resolve(root, 'dist/apps/api/src/main.js')];
    const child = spawn(process.execPath, args, { env });
    let out = '';
    child.stdout.on('data', (x) => (out += x));
    child.stderr.on('data', (x) => (out += x));
    const code = await new Promise((ok) => child.on('exit', ok));
    expect(code).not.toBe(0);
    expect(out).toContain(`CALENDAR_FILE ${file}: entry 0: year 2027: daysOff entry '2027-02-30'`);
  }, 30_000);
});

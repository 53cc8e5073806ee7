import type { DisclosureEvent } from '@app/domain';
import * as b from '@app/testing/builders';
import { client } from '@app/testing/http';
import { ADMIN, Service, startService } from '@app/testing/service';
import { TestDb, createTestDb } from '@app/testing/test-db';

// The review before publication over HTTP, for every role: a town submits, the county's reviewer
// returns it with a comment, the clerk rewrites and resubmits, the reviewer clears, a late event
// makes publication fail naming the cell, and only a re-cleared report goes out.

const COUNTY = 'rv-county';
const TOWN = 'rv-town';
const DEPT = 'rv-dept';
const OTHER_COUNTY = 'rv-other';
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
/** The last year that has ended: its report is the one being reviewed. */
const Y = Number(today.slice(0, 4)) - 1;
const at = (md: string) => `${Y}-${md}T09:00:00+08:00`;

let db: TestDb;
let svc: Service;
const t: Record<string, string> = {};
const as = (who: string) => client(svc.base, who === 'admin' ? ADMIN : t[who]);
const path = (org: string, verb = '') => `/v1/orgs/${org}/reports/${Y}${verb ? `/${verb}` : ''}`;

async function send(events: DisclosureEvent[], who = 'admin'): Promise<number> {
  const r = await as(who).post('/v1/events', { events });
  if (r.status !== 202) throw new Error(`events: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.lastPosition;
}

const narratives = (org: string, overview: string) =>
  (['overview', 'problems', 'otherMatters'] as const).map((section) =>
    b.narrativeWritten({
      org,
      year: Y,
      section,
      text: section === 'overview' ? overview : `${section} 已填写`,
      at: at('12-31'),
    }),
  );

beforeAll(async () => {
  db = await createTestDb('review');
  svc = await startService({ databaseUrl: db.url });
  const admin = as('admin');
  await admin.post('/v1/orgs', { orgId: COUNTY, name: '青山县', kind: 'county' });
  await admin.post('/v1/orgs', { orgId: OTHER_COUNTY, name: '白水县', kind: 'county' });
  await admin.post('/v1/orgs', { orgId: TOWN, name: '青山县城关镇', kind: 'town', parentId: COUNTY });
  await admin.post('/v1/orgs', { orgId: DEPT, name: '青山县公安局', kind: 'department', parentId: COUNTY });
  const issue = async (name: string, orgId: string, role: string) => {
    const r = await admin.post(`/v1/orgs/${orgId}/tokens`, { role, label: name });
    if (r.status !== 201) throw new Error(`token ${name}: ${r.status} ${JSON.stringify(r.body)}`);
    t[name] = r.body.token;
  };
  await issue('townSubmitter', TOWN, 'submitter');
  await issue('townReader', TOWN, 'reader');
  await issue('countySubmitter', COUNTY, 'submitter');
  await issue('countyReader', COUNTY, 'reader');
  await issue('reviewer', COUNTY, 'reviewer');
  await issue('otherReviewer', OTHER_COUNTY, 'reviewer');
  await send([
    ...b.application({ id: 'A1', org: TOWN, receivedAt: at('03-02'), concludedAt: at('03-20'), outcome: 'disclosed' }), // prettier-ignore
    ...narratives(TOWN, '本镇全年主动公开信息若干条。'),
    ...narratives(COUNTY, '本县全年主动公开信息若干条。'),
  ]);
});

afterAll(async () => {
  await svc?.stop();
  await db?.drop();
});

const review = async (org = TOWN, who = 'admin') => (await as(who).get(path(org))).body.review;

describe('the review lifecycle', () => {
  it('lets only the org’s submitter submit, and a repeat records nothing', async () => {
    for (const who of ['townReader', 'reviewer', 'countySubmitter', 'countyReader'])
      expect([who, (await as(who).post(path(TOWN, 'submit'))).status]).toEqual([who, 403]);
    const first = await as('townSubmitter').post(path(TOWN, 'submit'));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'submitted', created: true });
    const again = await as('townSubmitter').post(path(TOWN, 'submit'));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'submitted', created: false });
    expect((await review()).status).toBe('submitted');
  });

  it('lets only a reviewer of a county above return or clear', async () => {
    for (const who of ['townSubmitter', 'townReader', 'countyReader', 'countySubmitter', 'otherReviewer'])
      for (const verb of ['return', 'clear'])
        expect([who, verb, (await as(who).post(path(TOWN, verb), { comments: [{ text: 'x' }] })).status]).toEqual([who, verb, 403]); // prettier-ignore
    expect((await review()).status).toBe('submitted');
  });

  it('returns with comments on a section and a cell, which the org reads back', async () => {
    const bad = await as('reviewer').post(path(TOWN, 'return'), {});
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('review.invalidComments');
    const comments = [
      { section: 'overview', text: '请补充政府信息公开平台建设情况。' },
      { path: 'applications.rows.disclosed[6]', text: '予以公开数与台账不一致，请核实。' },
    ];
    const r = await as('reviewer').post(path(TOWN, 'return'), { comments });
    expect(r.status).toBe(201);
    const seen = await review(TOWN, 'townSubmitter');
    expect(seen.status).toBe('returned');
    expect(seen.history.map((h: { status: string }) => h.status)).toEqual(['submitted', 'returned']);
    expect(seen.history[1].comments).toEqual(comments);
    expect((await as('reviewer').post(path(TOWN, 'clear'))).status).toBe(409);
    const early = await as('townSubmitter').post(path(TOWN, 'publish'));
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('review.notCleared');
  });

  it('clears the resubmitted report, refuses to publish after a late event, and publishes once re-cleared', async () => {
    await send(
      narratives(TOWN, '本镇全年主动公开信息若干条，政务公开平台运行平稳。').slice(0, 1),
      'townSubmitter',
    );
    expect((await as('townSubmitter').post(path(TOWN, 'submit'))).status).toBe(201);
    expect((await as('reviewer').post(path(TOWN, 'clear'))).status).toBe(201);
    expect((await review()).status).toBe('cleared');

    await send([b.received({ id: 'A2', org: TOWN, at: at('12-30') })], 'townSubmitter');
    const refused = await as('townSubmitter').post(path(TOWN, 'publish'));
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('review.changedSinceCleared');
    expect(refused.body.error.details).toContainEqual(
      expect.objectContaining({ field: 'applications.rows.newReceived[0]' }),
    );
    const back = await review();
    expect(back.status).toBe('draft');
    expect(back.history[back.history.length - 1].changed).toContainEqual(
      expect.objectContaining({ path: 'applications.rows.newReceived[0]' }),
    );

    expect((await as('townSubmitter').post(path(TOWN, 'submit'))).status).toBe(201);
    expect((await as('reviewer').post(path(TOWN, 'clear'))).status).toBe(201);
    const published = await as('townSubmitter').post(path(TOWN, 'publish'));
    expect(published.status).toBe(201);
    expect((await review()).status).toBe('published');
    expect((await as('reviewer').post(path(TOWN, 'publish'))).status).toBe(403);
  });

  it('lets a county publish its own report without review', async () => {
    expect((await as('reviewer').post(path(COUNTY, 'submit'))).status).toBe(403);
    const ret = await as('reviewer').post(path(COUNTY, 'return'), { comments: [{ text: 'x' }] });
    expect(ret.status).toBe(422);
    expect(ret.body.error.code).toBe('review.notReviewed');
    expect((await as('countySubmitter').post(path(COUNTY, 'publish'))).status).toBe(201);
  });
});

describe('due dates and the dashboard', () => {
  it('gives departments and towns 31 January and the county 31 March', async () => {
    const past = (due: string) => today > due;
    expect(await review(DEPT)).toMatchObject({ status: 'draft', dueOn: `${Y + 1}-01-31`, running: false, overdue: past(`${Y + 1}-01-31`) }); // prettier-ignore
    expect(await review(COUNTY)).toMatchObject({
      status: 'published',
      dueOn: `${Y + 1}-03-31`,
      overdue: false,
    });
    expect(await review(TOWN)).toMatchObject({ dueOn: `${Y + 1}-01-31`, overdue: false });
  });

  it('shows the running year as running, not late', async () => {
    const r = await as('admin').get(`/v1/orgs/${DEPT}/reports/${Y + 1}`);
    expect(r.body.review).toMatchObject({ status: 'draft', running: true, overdue: false });
  });

  it('lists every member’s status and days left for the county office', async () => {
    const d = await as('reviewer').get(`/v1/orgs/${COUNTY}/dashboard?year=${Y}`);
    expect(d.status).toBe(200);
    expect(d.body.reviews[TOWN]).toMatchObject({ status: 'published', dueOn: `${Y + 1}-01-31` });
    expect(d.body.reviews[DEPT]).toMatchObject({ status: 'draft', needsClearance: true });
    expect(d.body.reviews[COUNTY]).toMatchObject({ status: 'published', needsClearance: false });
    expect(typeof d.body.reviews[DEPT].daysLeft).toBe('number');
  });
});

describe('the county’s settings', () => {
  it('lets the admin give the county’s towns another due date, and refuses what cannot be a date', async () => {
    const put = (who: string, body: unknown, org = COUNTY) =>
      as(who).call('PUT', `/v1/orgs/${org}/settings`, body);
    expect((await put('reviewer', { townReportDue: '02-15' })).status).toBe(403);
    const bad = await put('admin', { townReportDue: '02-30', reminderWebhookUrl: 'ftp://x', colour: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['colour', 'reminderWebhookUrl', 'townReportDue']); // prettier-ignore
    expect((await put('admin', { townReportDue: '02-15' }, TOWN)).status).toBe(422);
    const ok = await put('admin', { townReportDue: '02-15', reminderWebhookUrl: null });
    expect(ok.status).toBe(200);
    expect((await as('reviewer').get(`/v1/orgs/${COUNTY}/settings`)).body).toMatchObject({
      townReportDue: '02-15',
    });
    expect((await as('townSubmitter').get(`/v1/orgs/${COUNTY}/settings`)).status).toBe(403);
    expect((await review(TOWN)).dueOn).toBe(`${Y + 1}-02-15`);
    expect((await review(DEPT)).dueOn).toBe(`${Y + 1}-01-31`);
  });
});

import JSZip from 'jszip';
import type { DisclosureEvent } from '@app/domain';
import * as b from '@app/testing/builders';
import { client } from '@app/testing/http';
import { ADMIN, Service, startService } from '@app/testing/service';
import { TestDb, createTestDb } from '@app/testing/test-db';

// Year over year over HTTP: the county publishes 2024 (the year has ended), 2025 is compared with
// what was published; an event of 2024 recorded after publication breaks the carry-over, and the
// check says so naming both figures; the review sheet carries the comparison, in html and docx.

const COUNTY = 'cmp-county';
const TOWN = 'cmp-town';
const FRESH = 'cmp-fresh';
const at = (d: string) => `${d}T10:00:00+08:00`;
const on = (org: string, events: DisclosureEvent[]) => events.map((e) => ({ ...e, orgId: org }));

const EVENTS: DisclosureEvent[] = [
  ...on(COUNTY, [
    b.inForceDeclared({ kind: 'rule', count: 3, at: at('2024-01-02') }),
    b.documentIssued({ id: 'R1', kind: 'rule', at: at('2024-03-01') }),
    b.decisionRecorded({ id: 'X1', count: 12, at: at('2024-05-01') }),
    b.received({ id: 'A1', applicantType: 'naturalPerson', at: at('2024-12-20') }),
    b.reviewFiled({ id: 'C1', at: at('2024-11-01') }),
    b.narrativeWritten({
      year: 2024,
      section: 'overview',
      text: '全年主动公开政府信息。',
      at: at('2025-01-05'),
    }),
    b.narrativeWritten({
      year: 2024,
      section: 'problems',
      text: '一是公开质量有待提高。',
      at: at('2025-01-05'),
    }),
    b.documentIssued({ id: 'R2', kind: 'rule', at: at('2025-03-01') }),
    b.concluded({ id: 'A1', at: at('2025-01-10') }),
    b.decisionRecorded({ id: 'X2', count: 40, at: at('2025-05-01') }),
  ]),
  ...on(TOWN, [
    b.received({ id: 'T1', at: at('2024-06-01') }),
    b.received({ id: 'T2', at: at('2025-06-01') }),
  ]),
  ...on(FRESH, [b.received({ id: 'F1', at: at('2025-06-01') })]),
];

let db: TestDb;
let svc: Service;
let admin: ReturnType<typeof client>;
const tokens: Record<string, string> = {};
let last = 0;

async function submit(events: DisclosureEvent[]): Promise<number> {
  const r = await admin.post('/v1/events', { events });
  if (r.status !== 202) throw new Error(`submit: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.lastPosition;
}
const comparison = (org: string, year: number, query = '', token = ADMIN) =>
  client(svc.base, token).get(`/v1/orgs/${org}/reports/${year}/comparison?minPosition=${last}&waitMs=30000${query}`); // prettier-ignore
const row = (body: { rows: { path: string }[] }, path: string) => body.rows.find((r) => r.path === path);
type Check = { code: string; ok: boolean; severity: string; message: string };
const check = (body: { checks: Check[] }, code: string) => body.checks.filter((c) => c.code === code);

beforeAll(async () => {
  db = await createTestDb('comparison');
  svc = await startService({ databaseUrl: db.url });
  admin = client(svc.base, ADMIN);
  await admin.post('/v1/orgs', { orgId: COUNTY, name: '新乡县人民政府', kind: 'county' });
  await admin.post('/v1/orgs', { orgId: TOWN, name: '新乡县七里营镇', kind: 'town', parentId: COUNTY });
  await admin.post('/v1/orgs', { orgId: FRESH, name: '新乡县朗公庙镇', kind: 'town' });
  for (const [name, org, role] of [
    ['reader', COUNTY, 'reader'],
    ['submitter', COUNTY, 'submitter'],
    ['town', TOWN, 'submitter'],
  ])
    // prettier-ignore
    tokens[name] = (await admin.post(`/v1/orgs/${org}/tokens`, { role })).body.token;
  last = await submit(EVENTS);
});

afterAll(async () => {
  await svc?.stop();
  await db?.drop();
});

describe('before last year is published', () => {
  it('compares with last year’s live figures and says the continuity checks wait for publication', async () => {
    const r = await comparison(COUNTY, 2025);
    expect(r.status).toBe(200);
    expect([r.body.year, r.body.previousYear, r.body.previousSource]).toEqual([2025, 2024, 'live']);
    expect(check(r.body, 'applications.carriedInContinues')).toEqual([
      { code: 'applications.carriedInContinues', ok: true, severity: 'info', message: '2024年度报告尚未发布，本项只与已发布的报告核对，发布后再核对。' }, // prettier-ignore
    ]);
  });

  it('has no previous for an org with no figures at all last year', async () => {
    const r = await comparison(FRESH, 2025);
    expect(r.body.previousSource).toBeNull();
    expect(row(r.body, 'applications.rows.newReceived[6]')).toEqual({ path: 'applications.rows.newReceived[6]', label: '表三 一、本年新收政府信息公开申请数量·总计', current: 1, previous: null, change: null }); // prettier-ignore
  });
});

describe('after last year is published', () => {
  beforeAll(async () => {
    const p = await admin.post(`/v1/orgs/${COUNTY}/reports/2024/publish?waitMs=30000`);
    if (p.status !== 201) throw new Error(`publish: ${p.status} ${JSON.stringify(p.body)}`);
  });

  it('compares with the published report: rows with national-format labels and changes', async () => {
    const r = await comparison(COUNTY, 2025);
    expect(r.body.previousSource).toBe('published');
    expect(row(r.body, 'proactive.rules.inForce')).toEqual({ path: 'proactive.rules.inForce', label: '表二 规章·现行有效件数', current: 5, previous: 4, change: 1 }); // prettier-ignore
    expect(row(r.body, 'applications.rows.carriedIn[6]')).toMatchObject({
      current: 1,
      previous: 0,
      change: 1,
    });
    expect(row(r.body, 'proactive.administrativeFeesWanYuan')).toMatchObject({ current: '0', previous: '0', change: '0' }); // prettier-ignore
    expect(r.body.checks.filter((c: { ok: boolean }) => !c.ok)).toEqual([
      { code: 'figures.factorThree', ok: false, severity: 'warning', message: '表二 行政许可·本年处理决定数量：本年40，上年12，变化超过三倍，请核实。' }, // prettier-ignore
    ]);
    expect(check(r.body, 'documents.inForceContinues')[0]).toMatchObject({ ok: true, severity: 'error' });
  });

  it('fails the carry-over check when an application of 2024 is recorded after publication, naming both figures', async () => {
    last = await submit(on(COUNTY, [b.received({ id: 'A9', applicantType: 'commercialEnterprise', at: at('2024-12-28') })])); // prettier-ignore
    const r = await comparison(COUNTY, 2025);
    const [carried] = check(r.body, 'applications.carriedInContinues');
    expect(carried).toMatchObject({ ok: false, severity: 'error' });
    expect(carried.message).toContain('商业企业：本年「二、上年结转政府信息公开申请数量」1件，上年度已发布报告「四、结转下年度继续办理」0件'); // prettier-ignore
    expect(carried.message).toContain('总计：本年「二、上年结转政府信息公开申请数量」2件，上年度已发布报告「四、结转下年度继续办理」1件'); // prettier-ignore
    // The rows still show last year as published.
    expect(row(r.body, 'applications.rows.carriedOut[6]')).toMatchObject({ previous: 1 });
  });

  it('fails the documents and pending-case checks on a rule and a case of 2024 recorded after publication', async () => {
    last = await submit(on(COUNTY, [b.documentIssued({ id: 'R9', kind: 'rule', at: at('2024-12-29') }), b.reviewFiled({ id: 'C9', at: at('2024-12-29') })])); // prettier-ignore
    const r = await comparison(COUNTY, 2025);
    const [rules, normative] = check(r.body, 'documents.inForceContinues');
    expect(rules).toMatchObject({ ok: false, severity: 'error' });
    expect(rules.message).toContain('规章：上年度已发布报告现行有效件数4件，加本年制发件数1件、减本年废止件数0件，应为5件，但本年现行有效件数为6件'); // prettier-ignore
    expect(normative.ok).toBe(true);
    const [cases] = check(r.body, 'reviewLitigation.pendingContinues');
    expect(cases.message).toContain('行政复议：上年度已发布报告「尚未审结」1件，但本年从上年转入的未审结案件（上年底前受理、上年底前未审结）为2件'); // prettier-ignore
  });

  it('gives the review sheet as one HTML page with the table and the failing check', async () => {
    const r = await fetch(`${svc.base}/v1/orgs/${COUNTY}/reports/2025/review-sheet`, { headers: { authorization: `Bearer ${tokens.reader}` } }); // prettier-ignore
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await r.text();
    expect(html).toContain('<h1>新乡县人民政府2025年政府信息公开工作年度报告审核单</h1>');
    expect(html).toContain('<tr><th>数据项</th><th>2025年</th><th>2024年</th><th>增减</th></tr>');
    expect(html).toContain('<tr><td>表二 规章·现行有效件数</td><td class="n">6</td><td class="n">4</td><td class="n">+2</td></tr>'); // prettier-ignore
    expect(html).toContain('<td>2024年：上年度已发布的报告</td>');
    expect(html).toContain('表三上年结转与上年度已发布报告不一致');
    expect(html).toContain('<div class="opinion"></div>');
  });

  it('gives the review sheet as a Word document that opens, with the same text', async () => {
    const r = await fetch(`${svc.base}/v1/orgs/${COUNTY}/reports/2025/review-sheet?format=docx`, { headers: { authorization: `Bearer ${ADMIN}` } }); // prettier-ignore
    expect(r.headers.get('content-disposition')).toBe(
      `attachment; filename="${COUNTY}-2025-review-sheet.docx"; filename*=UTF-8''${encodeURIComponent('新乡县人民政府2025年政府信息公开工作年度报告审核单.docx')}`,
    );
    const xml = await (
      await JSZip.loadAsync(await r.arrayBuffer())
    )
      .file('word/document.xml')!
      .async('string');
    const plain = xml.replace(/<[^>]+>/g, '');
    expect(plain).toContain('新乡县人民政府2025年政府信息公开工作年度报告审核单');
    expect(plain).toContain('表二 规章·现行有效件数64+2');
    expect(plain).toContain('商业企业：本年「二、上年结转政府信息公开申请数量」1件');
  });

  it('leaves the published report itself without checks', async () => {
    const r = await fetch(`${svc.base}/v1/orgs/${COUNTY}/reports/2024?version=published&format=md`, { headers: { authorization: `Bearer ${ADMIN}` } }); // prettier-ignore
    const md = await r.text();
    expect(md).toContain('## 六、其他需要报告的事项');
    expect(md).not.toMatch(/数据校验|✓|✗|审核/);
  });
});

describe('access and scope', () => {
  it('answers a rollup from live figures: a rollup is never published itself', async () => {
    const r = await comparison(COUNTY, 2025, '&scope=rollup', tokens.reader);
    expect([r.status, r.body.previousSource]).toEqual([200, 'live']);
    expect(row(r.body, 'applications.rows.newReceived[6]')).toMatchObject({ current: 1, previous: 3 });
    expect(check(r.body, 'applications.carriedInContinues')[0].message).toMatch(/^汇总报告不单独发布/);
  });

  it('is readable exactly where the report is', async () => {
    const cases: [string, string, string][] = [
      [tokens.reader, COUNTY, 'self'], [tokens.reader, TOWN, 'self'], [tokens.reader, COUNTY, 'rollup'],
      [tokens.submitter, COUNTY, 'self'], [tokens.submitter, COUNTY, 'rollup'], [tokens.submitter, TOWN, 'self'],
      [tokens.town, TOWN, 'self'], [tokens.town, COUNTY, 'self'], [tokens.town, COUNTY, 'rollup'],
    ]; // prettier-ignore
    for (const [token, org, scope] of cases) {
      const report = await client(svc.base, token).get(`/v1/orgs/${org}/reports/2025?scope=${scope}`);
      const compared = await comparison(org, 2025, `&scope=${scope}`, token);
      const sheet = await client(svc.base, token).get(
        `/v1/orgs/${org}/reports/2025/review-sheet?scope=${scope}`,
      );
      expect([org, scope, compared.status, sheet.status]).toEqual([org, scope, report.status, report.status]);
    }
    expect((await comparison(COUNTY, 2025, '', tokens.town)).status).toBe(403);
    expect((await client(svc.base).get(`/v1/orgs/${COUNTY}/reports/2025/comparison`)).status).toBe(401);
  });

  it('refuses bad parameters with a body saying what to fix', async () => {
    const sheet = await admin.get(`/v1/orgs/${COUNTY}/reports/2025/review-sheet?format=pdf`);
    expect([sheet.status, sheet.body.error.details]).toEqual([
      400,
      [{ field: 'format', reason: 'html or docx' }],
    ]);
    const scope = await admin.get(`/v1/orgs/${COUNTY}/reports/2025/comparison?scope=all`);
    expect([scope.status, scope.body.error.code]).toEqual([400, 'query.invalid']);
    const year = await admin.get(`/v1/orgs/${COUNTY}/reports/20x5/comparison`);
    expect([year.status, year.body.error.details[0].field]).toEqual([400, 'year']);
  });
});

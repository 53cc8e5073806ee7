import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { chromium } from 'playwright-core';
import type { DisclosureEvent } from '@app/domain';
import { ReportSnapshots } from '@app/projections';
import { emptyLedger, foldEvents, toReport } from '@app/report';
import * as b from '@app/testing/builders';
import { client } from '@app/testing/http';
import { ADMIN, Service, startService } from '@app/testing/service';
import { TestDb, createTestDb } from '@app/testing/test-db';

// The annual report over HTTP: every format of docs/reports.md, the HTML printed by a real
// Chromium, publication with its frozen content, and restatement when events arrive later.

const TOWN = 'rp-qiliying';
const OTHER = 'rp-other';
const at = (d: string) => `${d}T09:00:00+08:00`;
const on = (o: Parameters<typeof b.posted>[0]) => ({ ...o, org: TOWN });

const EVENTS: DisclosureEvent[] = [
  ...b.times(42, (i) => b.posted(on({ id: `news-${i}`, category: 'news', at: at(`2023-03-${String((i % 28) + 1).padStart(2, '0')}`) }))), // prettier-ignore
  ...b.times(20, (i) => b.posted(on({ id: `gk-${i}`, category: 'disclosure', at: at('2023-05-04') }))),
  ...b.application({ id: 'A1', org: TOWN, applicantType: 'commercialEnterprise', receivedAt: at('2023-04-03'), concludedAt: at('2023-04-20'), outcome: 'partiallyDisclosed' }), // prettier-ignore
  b.received({ id: 'A2', org: TOWN, at: at('2023-12-20') }),
  b.reviewFiled({ id: 'C1', org: TOWN, at: at('2023-08-01') }),
];

let db: TestDb;
let svc: Service;
let admin: ReturnType<typeof client>;
const tokens: Record<string, string> = {};

async function submit(events: DisclosureEvent[], token = ADMIN): Promise<number> {
  const r = await client(svc.base, token).post('/v1/events', { events });
  if (r.status !== 202) throw new Error(`submit: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.lastPosition;
}
const report = (query = '', headers: Record<string, string> = {}, token = ADMIN) =>
  client(svc.base, token).get(`/v1/orgs/${TOWN}/reports/2023${query}`, headers);
const raw = (query: string, headers: Record<string, string> = {}) =>
  fetch(`${svc.base}/v1/orgs/${TOWN}/reports/2023${query}`, { headers: { authorization: `Bearer ${ADMIN}`, ...headers } }); // prettier-ignore

beforeAll(async () => {
  db = await createTestDb('reports');
  svc = await startService({ databaseUrl: db.url });
  admin = client(svc.base, ADMIN);
  for (const [orgId, name] of [
    [TOWN, '新乡县七里营镇'],
    [OTHER, '新乡县朗公庙镇'],
  ])
    await admin.post('/v1/orgs', { orgId, name, kind: 'town' });
  for (const role of ['submitter', 'reader'])
    tokens[role] = (await admin.post(`/v1/orgs/${TOWN}/tokens`, { role })).body.token;
  tokens.otherSubmitter = (await admin.post(`/v1/orgs/${OTHER}/tokens`, { role: 'submitter' })).body.token;
  const last = await submit(EVENTS);
  expect((await report(`?minPosition=${last}&waitMs=30000`)).body.stale).toBe(false);
});

afterAll(async () => {
  await svc?.stop();
  await db?.drop();
});

describe('minPosition', () => {
  it('calls a report stale when the figures read are below minPosition, never fresh', async () => {
    const head = (await report('')).body.position as number;
    const ahead = await report(`?minPosition=${head + 1000}&waitMs=300`);
    expect([ahead.body.stale, ahead.body.position]).toEqual([true, head]);
    expect((await report(`?minPosition=${head}&waitMs=300`)).body.stale).toBe(false);
  });
});

describe('formats', () => {
  it('keeps JSON the default, adding orgName, the draft and the publication status', async () => {
    for (const headers of [{}, { accept: '*/*' }, { accept: 'application/json' }] as Record<
      string,
      string
    >[]) {
      const r = await report('', headers);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/^application\/json/);
      expect(r.body).toMatchObject({
        orgId: TOWN,
        orgName: '新乡县七里营镇',
        year: 2023,
        format: '2021',
        scope: 'self',
      });
      expect(r.body.applications.rows.newReceived).toEqual([1, 1, 0, 0, 0, 0, 2]);
      expect(r.body.narrative).toEqual({ overview: '', problems: '', otherMatters: '' });
      expect(r.body.draft.overview).toContain(
        '通过政府网站主动公开政府信息62条，其中政务要闻42条、政务信息公开20条',
      );
      expect(r.body.draft.otherMatters).toContain('未收取信息处理费');
      expect(r.body.publication).toMatchObject({ status: 'draft', publishedAt: null, changedCells: [] });
    }
  });

  it.each([
    ['?format=md', {}, 'text/markdown'],
    ['', { accept: 'text/markdown' }, 'text/markdown'],
    ['?format=html', {}, 'text/html'],
    ['', { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' }, 'text/html'],
    ['', { accept: 'application/json;q=0.5, text/markdown' }, 'text/markdown'],
  ])('renders %s %j as %s', async (query, headers, type) => {
    const r = await raw(query, headers);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe(`${type}; charset=utf-8`);
    expect(await r.text()).toContain('新乡县七里营镇2023年政府信息公开工作年度报告');
  });

  it('answers docx and xlsx as attachments that read back', async () => {
    const docx = await raw('', { accept: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }); // prettier-ignore
    expect(docx.headers.get('content-disposition')).toBe(
      `attachment; filename="${TOWN}-2023-report.docx"; filename*=UTF-8''${encodeURIComponent('新乡县七里营镇2023年政府信息公开工作年度报告.docx')}`,
    );
    const xml = await (await JSZip.loadAsync(await docx.arrayBuffer())).file('word/document.xml')!.async('string'); // prettier-ignore
    expect(xml).toContain('<w:gridSpan w:val="7"/>');
    expect(xml).toContain('<w:vMerge w:val="continue"/>');
    const xlsx = await raw('?format=xlsx');
    expect(xlsx.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(xlsx.headers.get('content-disposition')).toContain(`filename="${TOWN}-2023-report.xlsx"`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await xlsx.arrayBuffer()) as never);
    expect(wb.getWorksheet('三 依申请公开')!.getCell('D3').value).toBe('申请人情况');
  });

  it('refuses an unknown format with the list of formats', async () => {
    const r = await report('?format=pdf');
    expect(r.status).toBe(400);
    expect(r.body.error.details[0]).toEqual({ field: 'format', reason: 'json, md, html, docx, xlsx' });
  });

  it('prints the HTML to PDF in a real headless Chromium, tables whole on A4', async () => {
    const html = await (await raw('?format=html')).text();
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'], // prettier-ignore
    });
    try {
      const page = await browser.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      await page.emulateMedia({ media: 'print' });
      // Evaluated in the page (a string: this file is compiled without the DOM library).
      const layout = await page.evaluate(`({
        merged: document.querySelectorAll('table.t3 th[rowspan="22"], table.t4 th[colspan="10"]').length,
        overflow: [...document.querySelectorAll('table')].filter((t) => t.scrollWidth > document.body.clientWidth + 1).length,
        appendix: document.querySelectorAll('.appendix').length + (document.body.innerText.includes('数据校验') ? 1 : 0),
      })`);
      expect(layout).toEqual({ merged: 2, overflow: 0, appendix: 0 });
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(10_000);
    } finally {
      await browser.close();
    }
  });
});

describe('publication', () => {
  const publish = (token = ADMIN, year = 2023) =>
    client(svc.base, token).post(`/v1/orgs/${TOWN}/reports/${year}/publish?waitMs=30000`);

  it('is refused to readers, to other orgs and before the year has ended', async () => {
    expect((await publish(tokens.reader)).status).toBe(403);
    expect((await publish(tokens.otherSubmitter)).status).toBe(403);
    const r = await publish(ADMIN, new Date().getUTCFullYear() + 1);
    expect([r.status, r.body.error.code]).toEqual([422, 'report.yearNotEnded']);
  });

  it('is refused while a section still carries a placeholder, naming the section', async () => {
    const r = await publish(tokens.submitter);
    expect([r.status, r.body.error.code]).toEqual([422, 'report.unwritten']);
    expect(r.body.error.details.map((d: { field: string }) => d.field)).toEqual(['narrative.overview', 'narrative.problems']); // prettier-ignore
  });

  it('freezes the report, and events arriving later mark it for restatement with the changed cells', async () => {
    await submit([
      b.narrativeWritten({ org: TOWN, year: 2023, section: 'overview', text: '### （一）主动公开\n\n全年公开信息62条。', at: at('2024-01-05') }), // prettier-ignore
      b.narrativeWritten({ org: TOWN, year: 2023, section: 'problems', text: '一是公开质量有待提高。', at: at('2024-01-05') }), // prettier-ignore
    ]);
    const first = await publish(tokens.submitter);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ created: true, orgId: TOWN, year: 2023, restatement: false });
    expect(first.body.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    const again = await publish();
    expect([again.status, again.body.created, again.body.position]).toEqual([
      200,
      false,
      first.body.position,
    ]);

    const frozen = await report('?version=published');
    expect(frozen.body.publication).toMatchObject({ status: 'published', verified: true, changedCells: [] });
    expect(frozen.body.narrative.problems).toBe('一是公开质量有待提高。');
    const publishedMd = await (await raw('?version=published&format=md')).text();
    // The published text is the national format only: no check appendix, no status line.
    expect(publishedMd).not.toContain('附：数据校验');
    expect(publishedMd).not.toContain('本报告已于');

    // The cut is stable: folding the org's events at or below it gives the published figures.
    const events = await new ReportSnapshots(db.pool, 16).eventsAt(TOWN, first.body.cut);
    const refolded = toReport({ cells: foldEvents(emptyLedger(), events, 'Asia/Shanghai').cells }, 2023);
    expect(refolded.applications).toEqual(frozen.body.applications);

    // A late application received in 2023 changes the published year.
    const last = await submit([b.received({ id: 'LATE', org: TOWN, applicantType: 'naturalPerson', at: at('2023-11-30') })]); // prettier-ignore
    const now = await report(`?minPosition=${last}&waitMs=30000`);
    expect(now.body.publication.status).toBe('needsRestatement');
    expect(now.body.publication.changedCells).toEqual(
      expect.arrayContaining([
        { path: 'applications.rows.newReceived[0]', label: '表三 一、本年新收政府信息公开申请数量·自然人', published: 1, current: 2 }, // prettier-ignore
        { path: 'applications.rows.newReceived[6]', label: '表三 一、本年新收政府信息公开申请数量·总计', published: 2, current: 3 }, // prettier-ignore
        { path: 'applications.rows.carriedOut[6]', label: '表三 四、结转下年度继续办理·总计', published: 1, current: 2 }, // prettier-ignore
      ]),
    );
    // The restatement is on the JSON and the review sheet, not printed into the report itself.
    const md = await (await raw('?format=md')).text();
    expect(md).not.toContain('需发布更正');
    // The published version is still exactly what was published.
    const still = await report('?version=published');
    expect(still.body.applications.rows.newReceived).toEqual([1, 1, 0, 0, 0, 0, 2]);
    expect(still.body.publication.status).toBe('needsRestatement');
    expect(still.body.publication.verified).toBe(true);

    // Next year's carry-over no longer matches what was published for 2023: flagged.
    const next = await client(svc.base, ADMIN).get(`/v1/orgs/${TOWN}/reports/2024`);
    expect(next.body.checks.find((c: { rule: string }) => c.rule === 'applications.carryOverPublished')).toMatchObject({ ok: false }); // prettier-ignore

    // Publishing again is a restatement and clears the flag.
    const restated = await publish();
    expect([restated.status, restated.body.restatement]).toEqual([201, true]);
    expect((await report()).body.publication).toMatchObject({ status: 'published', changedCells: [] });
  });

  it('answers 404 for a year never published', async () => {
    const r = await client(svc.base, ADMIN).get(`/v1/orgs/${OTHER}/reports/2023?version=published`);
    expect([r.status, r.body.error.code]).toEqual([404, 'report.notPublished']);
  });
});

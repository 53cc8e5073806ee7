import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { DisclosureEvent } from '@app/domain';
import * as b from '@app/testing/builders';
import { client } from '@app/testing/http';
import { waitUntil } from '@app/testing/reference';
import { ADMIN, Service, startService } from '@app/testing/service';
import { TestDb, createTestDb } from '@app/testing/test-db';

// 信息处理费 over HTTP (国办函〔2020〕109号): the quote both ways, counted per applicant and natural
// month in the org's time zone; the payment clock on the deadline list; other.feeUnpaid only after
// the 20 working days to pay; and the applicant key in no report, ledger download or log line.

const COUNTY = 'fq-county';
const TOWN = 'fq-town';
const KEY = 'PSEUDO-7f3a9c';
const at = (date: string, time = '10:00') => `${date}T${time}:00+08:00`;

const march = Array.from({ length: 10 }, (_, i) =>
  b.received({ id: `M${i + 1}`, org: TOWN, applicantKey: KEY, at: at('2026-03-02', `0${i}:30`) }),
);
const EVENTS: DisclosureEvent[] = [
  ...march,
  // The 11th of March in Shanghai, though 2026-03-31T15:30Z.
  b.received({ id: 'M11', org: TOWN, applicantKey: KEY, at: at('2026-03-31', '23:30') }),
  // 2026-03-31T16:30Z is already April in Shanghai: the first of April.
  b.received({ id: 'A1', org: TOWN, applicantKey: KEY, at: '2026-03-31T16:30:00Z' }),
  b.received({ id: 'NOKEY', org: TOWN, at: at('2026-03-03') }),
  b.concluded({ id: 'NOKEY', org: TOWN, pages: 101, at: at('2026-03-20') }),
  b.received({ id: 'F1', org: TOWN, applicantKey: KEY, at: at('2026-09-21') }),
  b.feeNoticed({ id: 'F1', org: TOWN, amountYuan: '720.00', at: at('2026-09-29') }),
  b.received({ id: 'F2', org: TOWN, at: at('2026-09-21') }),
  b.feeNoticed({ id: 'F2', org: TOWN, amountYuan: '100.00', at: at('2026-09-29') }),
  b.feePaid({ id: 'F2', org: TOWN, amountYuan: '100.00', at: at('2026-10-12') }),
];

let db: TestDb;
let svc: Service;
let reader: ReturnType<typeof client>;
let submitter: ReturnType<typeof client>;
let position = 0;

beforeAll(async () => {
  db = await createTestDb('feequote');
  svc = await startService({ databaseUrl: db.url });
  const admin = client(svc.base, ADMIN);
  await admin.post('/v1/orgs', { orgId: COUNTY, name: '青山县人民政府', kind: 'county' });
  await admin.post('/v1/orgs', { orgId: TOWN, name: '青山县城关镇', kind: 'town', parentId: COUNTY });
  reader = client(svc.base, (await admin.post(`/v1/orgs/${TOWN}/tokens`, { role: 'reader' })).body.token);
  submitter = client(
    svc.base,
    (await admin.post(`/v1/orgs/${TOWN}/tokens`, { role: 'submitter' })).body.token,
  );
  const sent = await submitter.post('/v1/events', { events: EVENTS });
  expect(sent.status).toBe(202);
  position = sent.body.lastPosition;
  await waitUntil(
    async () => (await admin.get('/v1/projections')).body.projections[0].position >= position,
    30_000,
    'the projection to catch up',
  );
}, 60_000);

afterAll(async () => {
  await svc?.stop();
  await db?.drop();
});

const quote = (id: string, query = '') => reader.get(`/v1/orgs/${TOWN}/applications/${id}/fee-quote${query}`);

describe('GET …/fee-quote', () => {
  it('counts the 11th application of the month at 100 元 (art. 4) and 31 pages at 10 元 (art. 5)', async () => {
    const r = await quote('M11', '?pages=31');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      month: '2026-03',
      byCount: { computable: true, ordinal: 11, amountYuan: '100.00', monthToDateYuan: '100.00' },
      byPages: { computable: true, pages: 31, amountYuan: '10.00' },
      applies: 'byPages',
      amountYuan: '10.00',
    });
    expect(r.body.byCount.bands).toHaveLength(2);
    expect(JSON.stringify(r.body)).not.toContain(KEY);
  });

  it('starts April afresh at midnight in the org’s time zone, not in UTC', async () => {
    const r = await quote('A1');
    expect(r.body).toMatchObject({ month: '2026-04', byCount: { ordinal: 1, amountYuan: '0.00' } });
    expect(r.body.byPages).toMatchObject({ computable: false });
  });

  it('says 按件 cannot be computed without an applicant key, and takes the pages of the conclusion', async () => {
    const r = await quote('NOKEY');
    expect(r.body.byCount).toMatchObject({ computable: false });
    expect(r.body.byCount.reason).toContain('applicantKey');
    expect(r.body).toMatchObject({ byPages: { pages: 101, amountYuan: '720.00' }, applies: 'byPages' });
  });

  it('answers 404 for an unknown application and 400 for bad pages', async () => {
    expect((await quote('NOPE')).status).toBe(404);
    const bad = await quote('M11', '?pages=-1');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('query.invalid');
    expect((await quote('M11', '?pages=2.5')).status).toBe(400);
  });
});

describe('the payment clock (信息处理费办法) over HTTP', () => {
  const item = async (asOf: string, id: string) =>
    (await reader.get(`/v1/orgs/${TOWN}/deadlines?asOf=${asOf}`)).body.items.find(
      (i: { applicationId: string }) => i.applicationId === id,
    );

  it('lists an unpaid notice as awaitingFee, then feeOverdue after 20 working days', async () => {
    expect(await item('2026-11-02', 'F1')).toMatchObject({
      state: 'awaitingFee',
      feePayableBy: '2026-11-02',
    });
    expect(await item('2026-11-03', 'F1')).toMatchObject({ state: 'feeOverdue', dueOn: null });
  });

  it('moves the due date of a paid notice later by the working days it stood', async () =>
    expect(await item('2026-10-12', 'F2')).toMatchObject({ state: 'running', dueOn: '2026-11-02' }));

  it('refuses other.feeUnpaid before the 20 working days have run, and accepts it after', async () => {
    const early = await submitter.post('/v1/events', {
      events: [b.concluded({ id: 'F1', org: TOWN, outcome: 'other.feeUnpaid', at: at('2026-11-02') })],
    });
    expect(early.status).toBe(422);
    expect(JSON.stringify(early.body)).toContain('2026-11-03');
    const late = await submitter.post('/v1/events', {
      events: [b.concluded({ id: 'F1', org: TOWN, outcome: 'other.feeUnpaid', at: at('2026-11-03') })],
    });
    expect(late.status).toBe(202);
    position = late.body.lastPosition;
  });
});

describe('the applicant key is never shown', () => {
  const raw = async (path: string, accept: string) => {
    const r = await fetch(svc.base + path, { headers: { authorization: `Bearer ${ADMIN}`, accept } });
    return Buffer.from(await r.arrayBuffer());
  };
  const unzipped = async (buf: Buffer) => {
    const zip = await JSZip.loadAsync(buf);
    const parts = await Promise.all(Object.values(zip.files).map((f) => f.async('string')));
    return parts.join('\n');
  };

  it.each(['json', 'md', 'html'])('in the %s report', async (format) => {
    const r = await raw(`/v1/orgs/${TOWN}/reports/2026?format=${format}&minPosition=${position}`, '*/*');
    expect(r.toString('utf8')).toContain('青山县城关镇');
    expect(r.toString('utf8')).not.toContain(KEY);
  });

  it.each(['docx', 'xlsx'])('in the %s report', async (format) => {
    const text = await unzipped(await raw(`/v1/orgs/${TOWN}/reports/2026?format=${format}`, '*/*'));
    expect(text).not.toContain(KEY);
  });

  it('in the ledger of applications, as JSON or workbook', async () => {
    const json = await raw(`/v1/orgs/${TOWN}/ledgers/applications?year=2026`, 'application/json');
    expect(json.toString('utf8')).toContain('M11');
    expect(json.toString('utf8')).not.toContain(KEY);
    expect(await unzipped(await raw(`/v1/orgs/${TOWN}/ledgers/applications.xlsx?year=2026`, '*/*'))).not.toContain(KEY); // prettier-ignore
  });

  it('but the org’s own history shows the event as it was sent: the audit trail of its own pseudonym', async () => {
    const h = await reader.get(`/v1/orgs/${TOWN}/history?entity=app:M11`);
    expect(h.status).toBe(200);
    expect(h.body.items[0].data.applicantKey).toBe(KEY);
  });

  it('in any line the api or the workers logged', () => {
    const dir = resolve(__dirname, '../../test-artifacts/logs');
    const prefix = String(svc.env.QUEUE_PREFIX).replace(/[{}]/g, '');
    const files = readdirSync(dir).filter((f) => f.startsWith(prefix));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(readFileSync(resolve(dir, f), 'utf8')).not.toContain(KEY);
  });
});

describe('the applications ledger', () => {
  const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  async function workbook(rows: Record<string, ExcelJS.CellValue>[]): Promise<Buffer> {
    const r = await fetch(`${svc.base}/v1/ledgers/applications/template.xlsx`, { headers: { authorization: `Bearer ${ADMIN}` } }); // prettier-ignore
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await r.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    const headings = (ws.getRow(1).values as ExcelJS.CellValue[]).map(String);
    ws.spliceRows(2, 1);
    rows.forEach((cells, i) => {
      for (const [label, value] of Object.entries(cells))
        ws.getCell(i + 2, headings.indexOf(label)).value = value;
    });
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('warns, without refusing, when a notice amount is neither figure of the 办法', async () => {
    // Received on 03-31 like M11, and before it by id (a ledger gives no time): the 11th of March, 100 元 按件; 40 pages, 100 元 按量.
    const body = await workbook([
      { 申请编号: 'L1', 收到日期: '2026-03-31', 申请人类型: '自然人', 申请人标识: KEY, 页数: 40, 办结日期: '2026-04-02', 办理结果: '予以公开', 收费通知日期: '2026-04-01', '收费通知金额（元）': 150 }, // prettier-ignore
      { 申请编号: 'L2', 收到日期: '2026-03-31', 申请人类型: '自然人', 申请人标识: KEY, 收费通知日期: '2026-04-01', '收费通知金额（元）': 200 }, // prettier-ignore
    ]);
    const r = await fetch(`${svc.base}/v1/orgs/${TOWN}/ledgers/applications`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': XLSX },
      body,
    });
    const answer = (await r.json()) as { accepted: number; warnings: { row: number; message: string }[] };
    expect(r.status).toBe(200);
    expect(answer.accepted).toBe(2);
    expect(answer.warnings.map((w) => w.row)).toEqual([2, 3]);
    expect(answer.warnings[0]).toMatchObject({ sheet: '依申请公开登记台账', column: '收费通知金额（元）' });
    expect(answer.warnings[0].message).toContain('按件（当月第11件）100元，按量（40页）100元');
    expect(JSON.stringify(answer)).not.toContain(KEY);
  });
});

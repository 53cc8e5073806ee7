import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { client } from '@app/testing/http';
import { ADMIN, Service, startService } from '@app/testing/service';
import { TestDb, createTestDb } from '@app/testing/test-db';

// Ledgers over HTTP: a clerk downloads the template, fills it in, uploads it, sees the report
// follow, downloads the ledger again, edits a row and uploads it again.

const COUNTY = 'lg-county';
const TOWN = 'lg-town';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let db: TestDb;
let svc: Service;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  db = await createTestDb('ledgers');
  svc = await startService({ databaseUrl: db.url });
  const admin = client(svc.base, ADMIN);
  await admin.post('/v1/orgs', { orgId: COUNTY, name: '青山县人民政府', kind: 'county' });
  await admin.post('/v1/orgs', { orgId: TOWN, name: '青山县城关镇', kind: 'town', parentId: COUNTY });
  for (const [name, org, role] of [
    ['submitter', TOWN, 'submitter'],
    ['reader', TOWN, 'reader'],
    ['countySubmitter', COUNTY, 'submitter'],
  ])
    tokens[name] = (await admin.post(`/v1/orgs/${org}/tokens`, { role })).body.token;
}, 60_000);

afterAll(async () => {
  await svc?.stop();
  await db?.drop();
});

const bytes = async (path: string, token = tokens.submitter) => {
  const r = await fetch(svc.base + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: r.status, type: r.headers.get('content-type'), body: Buffer.from(await r.arrayBuffer()) };
};
const upload = async (kind: string, body: Buffer, query = '', type = XLSX, token = tokens.submitter) => {
  const r = await fetch(`${svc.base}/v1/orgs/${TOWN}/ledgers/${kind}${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body,
  });
  return { status: r.status, body: (await r.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
};
const eventCount = async () => Number((await db.pool.query('SELECT count(*) FROM events')).rows[0].count);
const report = async (position: number) =>
  (await client(svc.base, tokens.reader).get(`/v1/orgs/${TOWN}/reports/2025?minPosition=${position}&waitMs=30000`)).body; // prettier-ignore

/** Fills the downloaded template in, row 2 on, by heading, as a clerk would in Excel. */
async function fill(template: Buffer, rows: Record<string, ExcelJS.CellValue>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  const headings = (ws.getRow(1).values as ExcelJS.CellValue[]).map(String);
  ws.spliceRows(2, 1);
  rows.forEach((cells, r) => {
    for (const [label, value] of Object.entries(cells))
      ws.getCell(r + 2, headings.indexOf(label)).value = value;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const APPLICATIONS: Record<string, ExcelJS.CellValue>[] = [
  { 申请编号: '2025-001', 收到日期: new Date(Date.UTC(2025, 2, 14)), 申请人类型: '自然人', 渠道: '网络申请', 办结日期: '2025-04-02', 办理结果: '予以公开' }, // prettier-ignore
  { 申请编号: ' 2025-002 ', 收到日期: '2025/3/18', 申请人类型: '商业企业', 办结日期: '2025年4月20日', 办理结果: '部分公开' }, // prettier-ignore
  { 申请编号: '2025-003', 收到日期: '2025年5月6日', 申请人类型: 'naturalPerson', 补正告知日期: '2025-05-08', 补正收到日期: '2025-05-12', 办结日期: '2025-06-03', 办理结果: '不予公开-属于国家秘密' }, // prettier-ignore
  { 申请编号: '2025-004', 收到日期: '2025-06-10', 申请人类型: '自然人', '收费通知日期': '2025-06-20', '收费通知金额（元）': 300, '缴费日期': '2025-06-25', '缴费金额（元）': '300' }, // prettier-ignore
  { 申请编号: '2025-005', 收到日期: '2025-07-01', 申请人类型: '法律服务机构' },
];

describe('the applications ledger', () => {
  let filled: Buffer;
  let position = 0;

  it('serves a template to any valid token, and refuses without one', async () => {
    const t = await bytes('/v1/ledgers/applications/template.xlsx', tokens.reader);
    expect(t.status).toBe(200);
    expect(t.type).toContain(XLSX);
    expect((await bytes('/v1/ledgers/applications/template.xlsx', 'nope')).status).toBe(401);
    expect((await bytes('/v1/ledgers/contracts/template.xlsx')).status).toBe(404);
    filled = await fill(t.body, APPLICATIONS);
  });

  it('checks without storing on dryRun', async () => {
    const before = await eventCount();
    const r = await upload('applications', filled, '?year=2025&dryRun=1');
    expect(r).toMatchObject({ status: 200, body: { rows: 5, accepted: 5, unchanged: 0, corrected: 0, dryRun: true } }); // prettier-ignore
    expect(await eventCount()).toBe(before);
  });

  it('stores the rows as events, and the report cells follow', async () => {
    const r = await upload('applications', filled, '?year=2025');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      rows: 5,
      accepted: 5,
      unchanged: 0,
      corrected: 0,
      lastPosition: expect.any(Number),
    });
    position = r.body.lastPosition;
    const rep = await report(position);
    expect(rep.stale).toBe(false);
    const rows = rep.applications.rows;
    expect(rows.newReceived).toEqual([3, 1, 0, 0, 1, 0, 5]);
    expect(rows.disclosed).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(rows.partiallyDisclosed).toEqual([0, 1, 0, 0, 0, 0, 1]);
    expect(rows['withheld.stateSecret']).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(rows.carriedOut).toEqual([1, 0, 0, 0, 1, 0, 2]);
    expect(rep.processingFees).toMatchObject({ noticesIssued: 1, noticedYuan: '300', collectedYuan: '300' });
  });

  it('changes nothing when the same workbook comes again', async () => {
    const before = await eventCount();
    const r = await upload('applications', filled, '?year=2025');
    expect(r.body).toEqual({ rows: 5, accepted: 0, unchanged: 5, corrected: 0, lastPosition: position });
    expect(await eventCount()).toBe(before);
  });

  it('gives the ledger back as stored, as JSON and as a workbook that uploads unchanged', async () => {
    const json = await client(svc.base, tokens.reader).get(`/v1/orgs/${TOWN}/ledgers/applications?year=2025`);
    expect(json.status).toBe(200);
    expect(json.body.columns[0]).toEqual({ key: 'applicationId', label: '申请编号', type: 'text' });
    expect(json.body.rows.map((r: { applicationId: string }) => r.applicationId)).toEqual(['2025-001', '2025-002', '2025-003', '2025-004', '2025-005']); // prettier-ignore
    expect(json.body.rows[2]).toEqual({ applicationId: '2025-003', receivedOn: '2025-05-06', applicantType: 'naturalPerson', supplementRequestedOn: '2025-05-08', supplementReceivedOn: '2025-05-12', concludedOn: '2025-06-03', outcome: 'withheld.stateSecret' }); // prettier-ignore
    const file = await bytes(`/v1/orgs/${TOWN}/ledgers/applications.xlsx?year=2025`);
    expect(file.type).toContain(XLSX);
    expect((await upload('applications', file.body)).body).toMatchObject({
      accepted: 0,
      unchanged: 5,
      corrected: 0,
    });
    expect((await bytes(`/v1/orgs/${TOWN}/ledgers/applications.xlsx?year=2024`)).status).toBe(200);
  });

  // Records EventVoided events: passes where the store accepts voids.
  it('corrects a row edited after download, leaving the others unchanged', async () => {
    const file = await bytes(`/v1/orgs/${TOWN}/ledgers/applications.xlsx?year=2025`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.body as unknown as ExcelJS.Buffer);
    wb.worksheets[0].getCell('L2').value = '部分公开';
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await upload('applications', edited, '?year=2025');
    expect(r.body).toMatchObject({ rows: 5, accepted: 0, unchanged: 4, corrected: 1 });
    const rows = (await report(r.body.lastPosition)).applications.rows;
    expect(rows.disclosed[6]).toBe(0);
    expect(rows.partiallyDisclosed[6]).toBe(2);
    expect((await upload('applications', edited, '?year=2025')).body).toMatchObject({
      unchanged: 5,
      corrected: 0,
    });
  });
});

describe('a bad ledger', () => {
  it('is answered with every bad cell, and nothing is stored', async () => {
    const t = await bytes('/v1/ledgers/applications/template.xlsx');
    const bad = await fill(t.body, [
      {
        申请编号: 'B-1',
        收到日期: '2025-08-01',
        申请人类型: '自然人',
        办结日期: '2025-08-05',
        办理结果: '同意公开',
      },
      {
        申请编号: 'B-2',
        收到日期: '2025-08-10',
        申请人类型: '自然人',
        办结日期: '2025-08-01',
        办理结果: '予以公开',
      },
      { 申请编号: 'B-3', 收到日期: '2024-12-30', 申请人类型: '自然人' },
      { 申请编号: 'B-4', 收到日期: '2025-08-01', 申请人类型: '个人' },
      { 申请编号: 'B-5', 收到日期: '2025-08-01', 申请人类型: '自然人' },
    ]);
    const before = await eventCount();
    const r = await upload('applications', bad, '?year=2025');
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('ledger.invalid');
    expect(r.body.error.details.map((d: { row: number; column: string }) => [d.row, d.column])).toEqual([
      [2, '办理结果'],
      [3, '办结日期'],
      [4, '收到日期'],
      [5, '申请人类型'],
    ]);
    expect(r.body.error.details[1]).toEqual({ sheet: '依申请公开登记台账', row: 3, column: '办结日期', message: '第3行「办结日期」早于「收到日期」' }); // prettier-ignore
    expect(await eventCount()).toBe(before);
  });

  it.each([
    ['an .xls workbook', Buffer.from('d0cf11e0a1b11ae1' + '00'.repeat(504), 'hex'), 'application/vnd.ms-excel', 'Excel 97-2003'], // prettier-ignore
    [
      'an .xls workbook sent as .xlsx',
      Buffer.from('d0cf11e0a1b11ae1' + '00'.repeat(504), 'hex'),
      XLSX,
      'Excel 97-2003',
    ],
    ['a .csv file', Buffer.from('申请编号,收到日期\n2025-001,2025-03-14\n'), 'text/csv', '.csv'],
  ])('refuses %s with 415, saying to save as .xlsx', async (_, body, type, says) => {
    const r = await upload('applications', body, '', type);
    expect(r.status).toBe(415);
    expect(r.body.error.code).toBe('ledger.notXlsx');
    expect(r.body.error.message).toContain(says);
    expect(r.body.error.message).toContain('另存为”Excel 工作簿（.xlsx）');
  });

  it('refuses a body over 10 MiB with 413', async () => {
    const r = await upload('applications', Buffer.alloc(10 * 1024 * 1024 + 1, 0x50));
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('body.tooLarge');
    expect(r.body.error.message).toContain('10 MiB');
  });

  it('refuses a compressed workbook with 415 before reading it (an .xlsx is compressed already)', async () => {
    const r = await fetch(`${svc.base}/v1/orgs/${TOWN}/ledgers/applications`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.submitter}`,
        'content-type': XLSX,
        'content-encoding': 'gzip',
      },
      body: gzipSync(Buffer.from('PK\x03\x04 not really a workbook')),
    });
    const body = (await r.json()) as { error: { code: string; message: string } };
    expect([r.status, body.error.code]).toEqual([415, 'encoding.unsupported']);
    expect(body.error.message).toContain('不要再压缩');
  });

  it('reads a workbook over the 1 MiB of JSON bodies', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await bytes('/v1/ledgers/applications/template.xlsx')).body as unknown as ExcelJS.Buffer,
    );
    // An embedded picture, as clerks' workbooks carry (a scanned seal): bytes that do not compress.
    wb.addImage({ buffer: randomBytes(3 * 1024 * 1024) as unknown as ExcelJS.Buffer, extension: 'png' });
    const big = Buffer.from(await wb.xlsx.writeBuffer());
    expect(big.length).toBeGreaterThan(3 * 1024 * 1024);
    const r = await upload('applications', big, '?dryRun=1');
    expect(r).toMatchObject({ status: 200, body: { rows: 1, dryRun: true } });
  });

  it('takes uploads from the org’s submitter only', async () => {
    const t = (await bytes('/v1/ledgers/applications/template.xlsx')).body;
    expect((await upload('applications', t, '', XLSX, tokens.reader)).status).toBe(403);
    expect((await upload('applications', t, '', XLSX, tokens.countySubmitter)).status).toBe(403);
  });
});

describe('the decisions ledger', () => {
  it('records a month’s count per kind; a later ledger without a row leaves that row as it is', async () => {
    const t = (await bytes('/v1/ledgers/decisions/template.xlsx')).body;
    const wb = await fill(t, [
      { 月份: '2025-03', 决定类别: '行政许可', 决定数量: 5 },
      { 月份: '2025年4月', 决定类别: '行政处罚', 决定数量: '2' },
    ]);
    const r = await upload('decisions', wb, '?year=2025');
    expect(r.body).toMatchObject({ rows: 2, accepted: 2 });
    expect((await report(r.body.lastPosition)).proactive).toMatchObject({ licensing: 5, penalty: 2 });
    const later = await fill(t, [{ 月份: '2025-03', 决定类别: '行政许可', 决定数量: 5 }, { 月份: '2025-05', 决定类别: '行政强制', 决定数量: 1 }]); // prettier-ignore
    const again = await upload('decisions', later, '?year=2025');
    expect(again.body).toMatchObject({ rows: 2, accepted: 1, unchanged: 1, corrected: 0 });
    expect((await report(again.body.lastPosition)).proactive).toMatchObject({ licensing: 5, penalty: 2, enforcement: 1 }); // prettier-ignore
    const json = await client(svc.base, tokens.submitter).get(`/v1/orgs/${TOWN}/ledgers/decisions?year=2025`);
    expect(json.body.rows).toEqual([
      { month: '2025-03', kind: 'licensing', count: 5 },
      { month: '2025-04', kind: 'penalty', count: 2 },
      { month: '2025-05', kind: 'enforcement', count: 1 },
    ]);
  });
});

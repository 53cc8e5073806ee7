import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { application, reviewFiled } from '@app/testing/builders';
import { givenEvents } from '@app/testing/given';
import { renderDocx } from './docx';
import { renderXlsx } from './xlsx';
import { APPLICATION_ROW_LABELS, CASE_RESULT_LABELS, SECTION_TITLES, reportTitle } from './national-format';
import { APPENDIX_TRACES, documentOf, restatedWithFailingChecks, seedEvents } from './seed-fixture.spec';

const doc = documentOf(
  givenEvents(...seedEvents(), application({ id: 'A1', applicantType: 'researchInstitution', outcome: 'unavailable.notHeld' }), reviewFiled({ id: 'C1' })), // prettier-ignore
  2023,
);
const text = (xml: string) => xml.replace(/<[^>]+>/g, '');
const LABELS = [
  ...Object.values(SECTION_TITLES),
  ...APPLICATION_ROW_LABELS.flatMap((r) => r.path),
  ...CASE_RESULT_LABELS,
  '申请人情况', '自然人', '法人或其他组织', '商业企业', '科研机构', '社会公益组织', '法律服务机构',
  '行政复议', '行政诉讼', '未经复议直接起诉', '复议后起诉',
  '第二十条第（一）项', '第二十条第（五）项', '第二十条第（六）项', '第二十条第（八）项',
  '规章', '行政规范性文件', '行政许可', '行政处罚', '行政强制', '行政事业性收费', '本年收费金额（单位：万元）',
]; // prettier-ignore

describe('the report as a Word document', () => {
  let xml: string;
  beforeAll(async () => {
    const zip = await JSZip.loadAsync(await renderDocx(doc));
    xml = await zip.file('word/document.xml')!.async('string');
  });

  it('has the title and every label of the national format', () => {
    const plain = text(xml);
    expect(plain).toContain(reportTitle('新乡县七里营镇', 2023));
    for (const l of LABELS) expect(plain).toContain(l);
  });

  it('has three tables whose merged cells are gridSpan and vMerge', () => {
    const tables = xml
      .split('<w:tbl>')
      .slice(1)
      .map((t) => t.slice(0, t.indexOf('</w:tbl>')));
    expect(tables).toHaveLength(3);
    const [, t3, t4] = tables;
    const rows = (t: string) =>
      t
        .split('<w:tr>')
        .slice(1)
        .map((r) => r.split('<w:tc>').slice(1));
    // Table 三: 25 body rows under 3 header rows; every row spans 10 grid columns.
    const span = (tc: string) => Number(/<w:gridSpan w:val="(\d+)"/.exec(tc)?.[1] ?? 1);
    expect(rows(t3)).toHaveLength(28);
    for (const r of rows(t3)) expect(r.reduce((s, tc) => s + span(tc), 0)).toBe(10);
    const first = rows(t3)[0];
    expect(text(first[0])).toContain('本列数据的勾稽关系');
    expect(first[0]).toMatch(/<w:gridSpan w:val="3"\/>[\s\S]*<w:vMerge w:val="restart"\/>/);
    expect(text(first[1])).toBe('申请人情况');
    expect(span(first[1])).toBe(7);
    expect(rows(t3)[1][0]).toMatch(/<w:vMerge w:val="continue"\/>/);
    expect(span(rows(t3)[1].find((tc) => text(tc) === '法人或其他组织')!)).toBe(5);
    // 三、本年度办理结果 restarts a merge continued by the 21 rows below it.
    const results = rows(t3).findIndex((r) => text(r[0]) === '三、本年度办理结果');
    expect(rows(t3)[results][0]).toContain('<w:vMerge w:val="restart"/>');
    for (let i = 1; i < 22; i++) expect(rows(t3)[results + i][0]).toContain('<w:vMerge w:val="continue"/>');
    // Table 四: 行政复议 over 5 columns, 行政诉讼 over 10, its two groups over 5 each.
    expect(span(rows(t4)[0][0])).toBe(5);
    expect(span(rows(t4)[0][1])).toBe(10);
    expect(
      rows(t4)[1]
        .filter((tc) => span(tc) === 5)
        .map(text),
    ).toEqual(['未经复议直接起诉', '复议后起诉']);
    expect(rows(t4)[3].map(text).join(',')).toBe('0,0,0,1,1,0,0,0,0,0,0,0,0,0,0');
  });

  it('carries no check appendix, even with failing checks and changed cells', async () => {
    const zip = await JSZip.loadAsync(await renderDocx(restatedWithFailingChecks()));
    const plain = text(await zip.file('word/document.xml')!.async('string'));
    for (const gone of APPENDIX_TRACES) expect(plain).not.toContain(gone);
    expect(
      plain.endsWith(restatedWithFailingChecks().texts.otherMatters.replace(/\s+/g, '').slice(-12)),
    ).toBe(true);
  });

  it('carries the figures of table 三', () => {
    const t3 = xml.split('<w:tbl>')[2];
    const row = t3.split('<w:tr>').find((r) => text(r).includes('1.本机关不掌握相关政府信息'))!;
    expect(row.split('<w:tc>').slice(1).map(text).slice(-7)).toEqual(['0', '0', '1', '0', '0', '0', '1']);
  });
});

describe('the report as a spreadsheet', () => {
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await renderXlsx(doc)) as never);
  });

  const merges = (name: string) => (wb.getWorksheet(name)!.model as unknown as { merges: string[] }).merges;
  const all = () =>
    wb.worksheets.flatMap((ws) => {
      const out: string[] = [];
      ws.eachRow((r) => r.eachCell((c) => out.push(String(c.value))));
      return out;
    });

  it('has every label of the national format', () => {
    const cells = all().join('\n');
    for (const l of LABELS) expect(cells).toContain(l);
  });

  it('merges the header cells of tables 三 and 四 in place', () => {
    const t3 = merges('三 依申请公开');
    expect(t3).toEqual(expect.arrayContaining(['A3:C5', 'D3:J3', 'D4:D5', 'E4:I4', 'J4:J5', 'A6:C6', 'A8:A29', 'B10:B17', 'A30:C30'])); // prettier-ignore
    const ws = wb.getWorksheet('三 依申请公开')!;
    expect(ws.getCell('D3').value).toBe('申请人情况');
    expect(ws.getCell('E4').value).toBe('法人或其他组织');
    expect(ws.getCell('A8').value).toBe('三、本年度办理结果');
    const t4 = merges('四 复议诉讼');
    expect(t4).toEqual(expect.arrayContaining(['A3:E3', 'F3:O3', 'A4:A5', 'F4:J4', 'K4:O4']));
    expect(wb.getWorksheet('四 复议诉讼')!.getCell('F4').value).toBe('未经复议直接起诉');
  });

  it('has the prose and the three tables, and no sheet of checks', async () => {
    const restated = new ExcelJS.Workbook();
    await restated.xlsx.load((await renderXlsx(restatedWithFailingChecks())) as never);
    expect(restated.worksheets.map((ws) => ws.name)).toEqual([
      '报告正文',
      '二 主动公开',
      '三 依申请公开',
      '四 复议诉讼',
    ]);
    const cells: string[] = [];
    restated.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => cells.push(String(c.value)))));
    for (const gone of APPENDIX_TRACES) expect(cells.join('\n')).not.toContain(gone);
  });

  it('keeps figures as numbers', () => {
    const ws = wb.getWorksheet('三 依申请公开')!;
    let found = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(3).value === '1.本机关不掌握相关政府信息') found = n;
    });
    expect(ws.getCell(found, 2).value).toBe('(四) 无法提供');
    expect([6, 10].map((c) => ws.getCell(found, c).value)).toEqual([1, 1]);
    expect(wb.getWorksheet('四 复议诉讼')!.getCell('D6').value).toBe(1);
  });
});

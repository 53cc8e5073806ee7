import ExcelJS from 'exceljs';
import { LEDGERS, LEDGER_KINDS } from './columns';
import { CODE_LISTS } from './labels';
import { parseLedger } from './parse';
import { ledgerWorkbook, readFirstSheet, sniffFormat, templateWorkbook } from './workbook';

const load = async (buf: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
};

describe.each(LEDGER_KINDS)('the %s template', (kind) => {
  it('has one sheet, the Chinese headings, a frozen header and an example row that parses', async () => {
    const buf = await templateWorkbook(kind);
    const wb = await load(buf);
    expect(wb.worksheets).toHaveLength(1);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe(LEDGERS[kind].title);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    LEDGERS[kind].columns.forEach((c, i) => {
      expect(ws.getCell(1, i + 1).value).toBe(c.label);
      expect(ws.getColumn(i + 1).width).toBe(c.width);
      if (c.type === 'date') expect(ws.getColumn(i + 1).numFmt).toBe('yyyy-mm-dd');
    });
    const sheet = (await readFirstSheet(buf, 30))!;
    const parsed = parseLedger(kind, sheet.grid, { sheet: sheet.sheet, today: '2030-01-01' });
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows).toHaveLength(1);
  });

  it('offers a drop-down of the Chinese labels on every coded column', async () => {
    const ws = (await load(await templateWorkbook(kind))).worksheets[0];
    LEDGERS[kind].columns.forEach((c, i) => {
      if (!c.codes) return;
      const dv = ws.getCell(2, i + 1).dataValidation;
      expect(dv.type).toBe('list');
      const [, col, last] = /^\$([A-Z]+)\$1:\$[A-Z]+\$(\d+)$/.exec(dv.formulae[0])!;
      const shown = Array.from({ length: +last }, (_, r) => ws.getCell(`${col}${r + 1}`).value);
      expect(shown).toEqual(CODE_LISTS[c.codes].entries.map((e) => e.label));
      expect(ws.getColumn(col).hidden).toBe(true);
    });
  });
});

it('writes stored rows back in the same layout, read back to the same values', async () => {
  const values = { applicationId: 'A1', receivedOn: '2025-03-14', applicantType: 'legalServiceAgency', concludedOn: '2025-04-02', outcome: 'withheld.thirdPartyRights', feeNoticedOn: '2025-03-20', feeNoticedYuan: '120.5' }; // prettier-ignore
  const sheet = (await readFirstSheet(await ledgerWorkbook('applications', [values]), 30))!;
  const parsed = parseLedger('applications', sheet.grid, { sheet: sheet.sheet, today: '2030-01-01' });
  expect(parsed.problems).toEqual([]);
  expect(parsed.rows[0].values).toEqual(values);
});

it('tells an .xlsx from an .xls and from text by content', () => {
  expect(sniffFormat(Buffer.from('504b030414000600', 'hex'))).toBe('xlsx');
  expect(sniffFormat(Buffer.from('d0cf11e0a1b11ae1000000', 'hex'))).toBe('xls');
  expect(sniffFormat(Buffer.from('申请编号,收到日期\n', 'utf8'))).toBe('other');
});

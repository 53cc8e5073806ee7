// Ledgers as .xlsx files: the template (headings, one example row, drop-down lists), the org's
// stored ledger in the same layout, and the first sheet of an uploaded workbook read back as cell
// values. exceljs works on buffers in memory; no file or clock is touched.

import ExcelJS from 'exceljs';
import { CODE_LISTS, labelOf } from './labels';
import { Column, LEDGERS, LedgerKind } from './columns';
import type { RowValues } from './parse';
import type { CellValue } from './cell-values';

/** The code lists live in hidden columns far right of the data, so the workbook keeps one sheet. */
const LIST_COLUMN = 40;
const FIXED_DATE = new Date(Date.UTC(2021, 0, 1));
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } } as const;

const colName = (n: number): string =>
  n <= 26 ? String.fromCharCode(64 + n) : colName(Math.floor((n - 1) / 26)) + colName(((n - 1) % 26) + 1);

function cellOf(c: Column, v: string | number | undefined): ExcelJS.CellValue {
  if (v === undefined || v === '') return null;
  if (c.type === 'date') {
    const [y, m, d] = String(v).split('-').map(Number);
    return new Date(Date.UTC(y, m - 1, d));
  }
  if (c.type === 'code') return labelOf(CODE_LISTS[c.codes!], String(v));
  if (c.type === 'amount') return Number(v);
  return v;
}

/** A workbook of the ledger `kind` holding `rows` (codes and ISO dates), with room to add more. */
export async function ledgerWorkbook(kind: LedgerKind, rows: RowValues[]): Promise<Buffer> {
  const { title, columns } = LEDGERS[kind];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongkai';
  wb.created = wb.modified = FIXED_DATE;
  const ws = wb.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.label, key: c.key, width: c.width }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  columns.forEach((_, i) => (header.getCell(i + 1).fill = HEADER_FILL));
  for (const r of rows) ws.addRow(columns.map((c) => cellOf(c, r[c.key])));
  const last = Math.max(rows.length + 1000, 2000);
  // Ranges, not a validation per cell: exceljs's typings omit the sheet's validation list.
  const validations = (
    ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
  ).dataValidations;
  const lists = [...new Set(columns.filter((c) => c.codes).map((c) => c.codes!))];
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    if (c.type === 'date') col.numFmt = 'yyyy-mm-dd';
    if (c.type === 'text' || c.type === 'month') col.numFmt = '@';
    if (c.type === 'amount') col.numFmt = '0.00';
    const range = `${colName(i + 1)}2:${colName(i + 1)}${last}`;
    if (c.codes) {
      const at = colName(LIST_COLUMN + lists.indexOf(c.codes));
      const list = CODE_LISTS[c.codes];
      validations.add(range, {
        type: 'list',
        allowBlank: !c.required,
        formulae: [`$${at}$1:$${at}$${list.entries.length}`],
        showErrorMessage: true,
        errorTitle: `「${c.label}」`,
        error: `请从下拉列表中选择${list.name}`,
      });
    } else if (c.type === 'date')
      validations.add(range, {
        type: 'date',
        operator: 'greaterThan',
        allowBlank: true,
        formulae: [new Date(Date.UTC(1999, 11, 31))],
        showErrorMessage: true,
        error: '请填写日期，如 2025-03-14',
      });
  });
  lists.forEach((name, k) => {
    const col = ws.getColumn(LIST_COLUMN + k);
    CODE_LISTS[name].entries.forEach((e, r) => (ws.getCell(r + 1, LIST_COLUMN + k).value = e.label));
    col.hidden = true;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function templateWorkbook(kind: LedgerKind): Promise<Buffer> {
  const example: RowValues = {};
  for (const c of LEDGERS[kind].columns) {
    if (c.example === '') continue;
    example[c.key] =
      c.type === 'code'
        ? (CODE_LISTS[c.codes!].entries.find((e) => e.label === c.example)?.code ?? c.example)
        : c.example;
  }
  return ledgerWorkbook(kind, [example]);
}

/** What a cell shows: rich text joined, a formula's result, a hyperlink's text. */
function plain(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if ('richText' in v) return v.richText.map((t) => t.text).join('');
  if ('result' in v) return plain((v.result ?? null) as ExcelJS.CellValue);
  if ('text' in v) return plain(v.text as ExcelJS.CellValue);
  return null;
}

/** The container a body is in, from its first bytes (a name or a header can lie). */
export function sniffFormat(body: Buffer): 'xlsx' | 'xls' | 'other' {
  if (body.length >= 4 && body.readUInt32BE(0) === 0x504b0304) return 'xlsx';
  if (body.length >= 8 && body.subarray(0, 8).equals(Buffer.from('d0cf11e0a1b11ae1', 'hex'))) return 'xls';
  return 'other';
}

/** The first sheet's name and its cells, row by row, as far as `maxColumns`. */
export async function readFirstSheet(
  body: Buffer,
  maxColumns: number,
): Promise<{ sheet: string; grid: CellValue[][] } | null> {
  const wb = new ExcelJS.Workbook();
  try {
    // A ledger's validations, formats and links say nothing about its values, and expanding a
    // validation range into one entry per cell is most of the cost of reading a large ledger.
    const skip = {
      ignoreNodes: ['dataValidations', 'conditionalFormatting', 'hyperlinks', 'drawing', 'legacyDrawing'],
    };
    await wb.xlsx.load(body as unknown as ExcelJS.Buffer, skip as ExcelJS.XlsxReadOptions);
  } catch {
    return null;
  }
  const ws = wb.worksheets.find((w) => w.state === 'visible') ?? wb.worksheets[0];
  if (!ws) return null;
  const grid: CellValue[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    // row.values is 1-based and sparse; reading it whole is cheaper than a getCell per column.
    const values = row.values as ExcelJS.CellValue[];
    const cells: CellValue[] = new Array(maxColumns);
    for (let c = 1; c <= maxColumns; c++) cells[c - 1] = plain(values[c] ?? null);
    grid[r - 1] = cells;
  });
  for (let r = 0; r < grid.length; r++) grid[r] ??= [];
  return { sheet: ws.name, grid };
}

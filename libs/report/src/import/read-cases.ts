// Table 四: the one row of 15 figures (行政复议 5 columns, 行政诉讼 未经复议直接起诉 5 and 复议后起诉 5).

import type { DocRow } from './document';
import type { Findings } from './figures';
import { figureOf, isCountCell, shownCells } from './figures';
import { CASE_GROUPS, normalizeLabel } from './labels';
import { CASE_RESULT_LABELS } from '../render/national-format';

export type CaseFigures = { review: number[]; litigationDirect: number[]; litigationAfterReview: number[] };
const WIDTH = 15;

/** A column heading or a line of one ("结果维持" often wraps as "结果" over "维持"). */
const isResultHead = (n: string) =>
  n.length > 0 && CASE_RESULT_LABELS.some((l) => l.startsWith(n) || l.endsWith(n));

/** On a PDF, the centres of the 15 columns: the headings 结果维持 … 总计, left to right. */
function columnCentres(rows: DocRow[]): number[] | null {
  const first = rows.findIndex((r) => r.cells.some((c) => isCountCell(c.text)));
  const xs = rows
    .slice(0, first < 0 ? rows.length : first)
    .flatMap((r) => r.cells)
    .filter((c) => c.x !== undefined && isResultHead(normalizeLabel(c.text)))
    .map((c) => c.x!)
    .sort((a, b) => a - b);
  const columns: number[] = [];
  for (const x of xs) if (!columns.length || x - columns[columns.length - 1] > 6) columns.push(x);
  return columns.length === WIDTH ? columns : null;
}

function placed(r: DocRow, centres: number[], f: Findings): string[] | null {
  const numbers = shownCells(r).filter((c) => isCountCell(c.text) && c.x !== undefined);
  const slots: (string | null)[] = Array(WIDTH).fill(null);
  for (const c of numbers) {
    const col = centres.reduce(
      (best, x, i) => (Math.abs(x - c.x!) < Math.abs(centres[best] - c.x!) ? i : best),
      0,
    );
    if (slots[col] !== null) return null;
    slots[col] = c.text;
  }
  slots.forEach((s) => s === null && f.blank('四'));
  return slots.map((s) => s ?? '0');
}

function figuresOf(r: DocRow, f: Findings, centres: number[] | null): string[] | null {
  if (r.table !== null) {
    const tail = r.cells.slice(-WIDTH);
    const figs = tail.map((c) => figureOf(c.text));
    if (tail.length < WIDTH || figs.some((x) => x === null) || figs.every((x) => x!.blank)) return null;
    figs.forEach((x) => x!.blank && f.blank('四'));
    return figs.map((x) => x!.value);
  }
  const numbers = shownCells(r)
    .map((c) => c.text)
    .filter(isCountCell);
  if (!numbers.length) return null;
  return numbers.length < WIDTH && centres ? (placed(r, centres, f) ?? numbers) : numbers;
}

export function readCases(rows: DocRow[], f: Findings): CaseFigures | null {
  const centres = columnCentres(rows);
  const candidates = rows.map((r) => figuresOf(r, f, centres)).filter((x): x is string[] => x !== null);
  const row = candidates.find((c) => c.length === WIDTH) ?? candidates.sort((a, b) => b.length - a.length)[0];
  if (!row) {
    f.problem({ table: '四', message: '表四应有一行15个数字（行政复议5列、行政诉讼10列），未找到' });
    return null;
  }
  if (row.length !== WIDTH || row.some((x) => !/^\d+$/.test(x))) {
    const bad = row.findIndex((x) => !/^\d+$/.test(x));
    const column =
      bad >= 0 ? `${CASE_GROUPS[Math.floor(bad / 5)]}·${CASE_RESULT_LABELS[bad % 5]}` : undefined;
    f.problem({
      table: '四',
      row: '数字行',
      column,
      message: column
        ? `表四“${column}”列应为整数，读到“${row[bad]}”`
        : `表四应有15个数字，读到${row.length}个：空白格的列无法确定`,
    });
    return null;
  }
  const ns = row.map(Number);
  return {
    review: ns.slice(0, 5),
    litigationDirect: ns.slice(5, 10),
    litigationAfterReview: ns.slice(10, 15),
  };
}

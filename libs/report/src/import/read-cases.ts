// Table 四: the one row of 15 figures (行政复议 5 columns, 行政诉讼 未经复议直接起诉 5 and 复议后起诉 5).

import type { DocRow } from './document';
import type { Findings } from './figures';
import { figureOf, isCountCell, shownCells } from './figures';
import { CASE_GROUPS } from './labels';
import { CASE_RESULT_LABELS } from '../render/national-format';

export type CaseFigures = { review: number[]; litigationDirect: number[]; litigationAfterReview: number[] };
const WIDTH = 15;

function figuresOf(r: DocRow, f: Findings): string[] | null {
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
  return numbers.length ? numbers : null;
}

export function readCases(rows: DocRow[], f: Findings): CaseFigures | null {
  const candidates = rows.map((r) => figuresOf(r, f)).filter((x): x is string[] => x !== null);
  const row = candidates.find((c) => c.length === WIDTH) ?? candidates.sort((a, b) => b.length - a.length)[0];
  if (!row) {
    f.problem({ table: '四', message: '表四应有一行15个数字（行政复议5列、行政诉讼10列），未找到' });
    return null;
  }
  if (row.length !== WIDTH || row.some((x) => !/^\d+$/.test(x))) {
    const bad = row.findIndex((x) => !/^\d+$/.test(x));
    const column =
      bad >= 0 ? `${CASE_GROUPS[Math.floor(bad / 5)]}·${CASE_RESULT_LABELS[bad % 5]}` : undefined;
    f.problem({ table: '四', row: '数字行', column, message: column ? `表四“${column}”列应为整数，读到“${row[bad]}”` : `表四应有15个数字，读到${row.length}个：空白格的列无法确定` }); // prettier-ignore
    return null;
  }
  const ns = row.map(Number);
  return {
    review: ns.slice(0, 5),
    litigationDirect: ns.slice(5, 10),
    litigationAfterReview: ns.slice(10, 15),
  };
}

// Table 三: its 25 rows in the format's order, each matched by the distinctive part of its label.
// A label that wraps over several lines (a PDF, a narrow column) is joined from the lines before
// and after its figures; （六）其他处理 printed as one row is read into 3.其他 with a warning. Any
// row that cannot be matched stops the reading with that row named: never a figure in a wrong row.

import type { ApplicationRow } from '../report';
import { APPLICATION_ROWS } from '../report';
import { APPLICANT_LABELS } from '../render/national-format';
import type { DocRow } from './document';
import { rowText } from './document';
import type { Findings } from './figures';
import { figureOf, isCountCell, shownCells } from './figures';
import { applicationRowLabel, isMergedOtherRow, matchesApplicationRow, normalizeLabel } from './labels';

type Line = { label: string; figures: string[] | null };
const WIDTH = 7;

/** Where a grid's figure columns begin: the slot headed 自然人. */
function figureStart(rows: DocRow[]): number | null {
  for (const r of rows) {
    const at = r.cells.findIndex((c) => normalizeLabel(c.text) === '自然人');
    if (at >= 0) return at;
  }
  return null;
}

function gridLine(r: DocRow, start: number, f: Findings): Line {
  const labels = [
    ...new Set(
      r.cells
        .slice(0, start)
        .map((c) => c.text)
        .filter(Boolean),
    ),
  ];
  const slots = r.cells.slice(start, start + WIDTH);
  const figs = slots.map((c) => figureOf(c.text));
  if (slots.length < WIDTH || figs.some((x) => x === null) || (figs.every((x) => x!.blank) && !labels.length))
    return { label: labels.join(' '), figures: null };
  figs.forEach((x) => x!.blank && f.blank('三'));
  return { label: labels.join(' '), figures: figs.map((x) => x!.value) };
}

function textLine(r: DocRow): Line {
  const cells = shownCells(r).map((c) => c.text);
  const numbers = cells.filter(isCountCell);
  const label = cells.filter((c) => !isCountCell(c)).join(' ');
  return {
    label,
    figures: numbers.length ? numbers.map((n) => n.normalize('NFKC').replace(/\D/g, '')) : null,
  };
}

export function readApplications(rows: DocRow[], f: Findings): Record<ApplicationRow, number[]> | null {
  const start = figureStart(rows.filter((r) => r.table !== null));
  const lines = rows
    .filter((r) => !/^[-—\s]*\d+[-—\s]*$/.test(rowText(r)) || r.table !== null)
    .map((r) => (r.table !== null && start !== null ? gridLine(r, start, f) : textLine(r)));
  const out = {} as Record<ApplicationRow, number[]>;
  let i = 0;
  let pending = '';
  for (let k = 0; k < lines.length && i < APPLICATION_ROWS.length; k++) {
    const line = lines[k];
    if (!line.figures) {
      pending += line.label;
      continue;
    }
    const row = APPLICATION_ROWS[i];
    const before = pending + line.label;
    let after = before;
    for (let j = k + 1; j < lines.length && !lines[j].figures; j++) after += lines[j].label;
    pending = '';
    if (row === 'other.noSupplement' && isMergedOtherRow(before) && !matchesApplicationRow(row, after)) {
      if (!take(out, 'other.other', line, f)) return null;
      out['other.noSupplement'] = Array(WIDTH).fill(0);
      out['other.feeUnpaid'] = Array(WIDTH).fill(0);
      f.warn({ table: '三', row: '（六）其他处理', message: '表三“（六）其他处理”印为一行，没有分1、2、3项：其数字读入“3.其他”，另两项按0读' }); // prettier-ignore
      i += 3;
      continue;
    }
    if (!matchesApplicationRow(row, before) && !matchesApplicationRow(row, after)) {
      f.problem({ table: '三', row: applicationRowLabel(row), message: `表三第${i + 1}行应为“${applicationRowLabel(row)}”，读到“${before || '（无行名）'}”` }); // prettier-ignore
      return null;
    }
    if (!take(out, row, line, f)) return null;
    i++;
  }
  if (i < APPLICATION_ROWS.length) {
    const row = APPLICATION_ROWS[i];
    f.problem({ table: '三', row: applicationRowLabel(row), message: `表三缺少“${applicationRowLabel(row)}”行（应有${APPLICATION_ROWS.length}行数字，读到${i}行）` }); // prettier-ignore
    return null;
  }
  return out;
}

function take(out: Record<ApplicationRow, number[]>, row: ApplicationRow, line: Line, f: Findings): boolean {
  const figs = line.figures!;
  if (figs.length === WIDTH && figs.every((x) => /^\d+$/.test(x))) {
    out[row] = figs.map(Number);
    return true;
  }
  const bad = figs.findIndex((x) => !/^\d+$/.test(x));
  const column = bad >= 0 && bad < WIDTH ? APPLICANT_LABELS[bad] : undefined;
  f.problem({
    table: '三',
    row: applicationRowLabel(row),
    column,
    message: column
      ? `表三“${applicationRowLabel(row)}”行“${column}”列应为整数，读到“${figs[bad]}”`
      : `表三“${applicationRowLabel(row)}”行应有${WIDTH}个数字（${APPLICANT_LABELS.join('、')}），读到${figs.length}个：空白格的列无法确定`,
  });
  return false;
}

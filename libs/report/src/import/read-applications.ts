// Table 三: its 25 rows in the format's order, each matched by the distinctive part of its label.
// A label that wraps over several lines (a PDF, a narrow column) is joined from the lines before
// and after its figures; （六）其他处理 printed as one row is read into 3.其他 with a warning. Any
// row that cannot be matched stops the reading with that row named: never a figure in a wrong row.

import type { ApplicationRow } from '../report';
import { APPLICATION_ROWS } from '../report';
import { APPLICANT_LABELS } from '../render/national-format';
import type { DocCell, DocRow } from './document';
import type { Findings } from './figures';
import { figureOf, isCountCell, shownCells } from './figures';
import {
  applicationRowLabel,
  isMergedOtherRow,
  matchesApplicationRow,
  mentionAt,
  normalizeLabel,
} from './labels';

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

const labelOf = (cells: DocCell[]) => [...new Set(cells.map((c) => c.text).filter(Boolean))].join(' ');

/**
 * A grid row's figures: the seven slots under the headings; where a row is laid out off the
 * header's columns (a table copied with its merged cells shifted), the seven slots after its label.
 */
function gridLine(r: DocRow, start: number, f: Findings): Line {
  let at = start;
  if (r.cells.slice(start, start + WIDTH).some((c) => !figureOf(c.text))) {
    at = r.cells.findLastIndex((c) => c.text !== '' && !figureOf(c.text)) + 1;
    const end = r.cells.findLastIndex((c) => c.text !== '') + 1;
    if (end - at < WIDTH) at = Math.max(at, r.cells.length - WIDTH);
  }
  const slots = r.cells.slice(at, at + WIDTH);
  const figs = slots.map((c) => figureOf(c.text));
  const label = labelOf(r.cells.slice(0, at));
  if (slots.length < WIDTH || figs.some((x) => x === null) || (figs.every((x) => x!.blank) && !label))
    return { label: labelOf(r.cells), figures: null };
  figs.forEach((x) => x!.blank && f.blank('三'));
  return { label, figures: figs.map((x) => x!.value) };
}

const HEADS = APPLICANT_LABELS.map((l) => normalizeLabel(l));

/** Centres of the seven figure columns, from the heading cells of a PDF's table 三. */
function columnCentres(rows: DocRow[]): number[] | null {
  const first = rows.findIndex((r) => r.cells.some((c) => isCountCell(c.text)));
  const heads = rows
    .slice(0, first < 0 ? rows.length : first)
    .flatMap((r) => r.cells)
    .filter((c) => c.x !== undefined);
  const xs = HEADS.map(
    (h) => heads.find((c) => normalizeLabel(c.text) && h.startsWith(normalizeLabel(c.text)))?.x,
  );
  return xs.every((x) => x !== undefined) ? (xs as number[]) : null;
}

/** A text or PDF line: its numbers in order, or on a PDF placed under the nearest column heading. */
function textLine(r: DocRow, centres: number[] | null, f: Findings): Line {
  const cells = shownCells(r);
  const numbers = cells.filter((c) => isCountCell(c.text));
  const label = cells
    .filter((c) => !isCountCell(c.text))
    .map((c) => c.text)
    .join(' ');
  if (!numbers.length) return { label, figures: null };
  const digits = (c: DocCell) => c.text.normalize('NFKC').replace(/\D/g, '');
  if (numbers.length === WIDTH || !centres || numbers.some((c) => c.x === undefined))
    return { label, figures: numbers.map(digits) };
  const slots: (string | null)[] = Array(WIDTH).fill(null);
  for (const c of numbers) {
    const col = centres.reduce(
      (best, x, i) => (Math.abs(x - c.x!) < Math.abs(centres[best] - c.x!) ? i : best),
      0,
    );
    if (slots[col] !== null) return { label, figures: numbers.map(digits) };
    slots[col] = digits(c);
  }
  slots.forEach((s) => s === null && f.blank('三'));
  return { label, figures: slots.map((s) => s ?? '0') };
}

/** Which row, from row i on, the label names last (its offset from i), or -1. */
function rowNamed(label: string, i: number): number {
  const ahead = APPLICATION_ROWS.slice(i, i + 10).map((r) => mentionAt(r, label));
  const last = Math.max(...ahead);
  return last < 0 ? -1 : ahead.lastIndexOf(last);
}

export function readApplications(rows: DocRow[], f: Findings): Record<ApplicationRow, number[]> | null {
  const start = figureStart(rows.filter((r) => r.table !== null));
  const centres = columnCentres(rows);
  const lines = rows.map((r) =>
    r.table !== null && start !== null ? gridLine(r, start, f) : textLine(r, centres, f),
  );
  const out = {} as Record<ApplicationRow, number[]>;
  let i = 0;
  let pending = '';
  for (let k = 0; k < lines.length && i < APPLICATION_ROWS.length; k++) {
    const line = lines[k];
    if (!line.figures) {
      pending += line.label;
      continue;
    }
    const own = rowNamed(pending + line.label, i);
    if (own > 0) {
      // Rows printed with every cell blank leave no figures on a text line, only their labels.
      const skipped = APPLICATION_ROWS.slice(i, i + own);
      const merged = isMergedOtherRow(pending);
      const named = (r: ApplicationRow) =>
        matchesApplicationRow(r, pending) || (merged && r.startsWith('other.'));
      if (!skipped.every(named)) {
        f.problem({
          table: '三',
          row: applicationRowLabel(skipped[0]),
          message: `表三第${i + 1}行应为“${applicationRowLabel(skipped[0])}”，未找到该行，读到的是“${line.label}”`,
        });
        return null;
      }
      for (const r of skipped) out[r] = Array(WIDTH).fill(0);
      f.warn({
        table: '三',
        row: skipped.map(applicationRowLabel).join('、'),
        message: `表三${skipped.map((r) => `“${applicationRowLabel(r)}”`).join('、')}行没有数字（整行空白），按0读`,
      });
      i += own;
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
      f.warn({
        table: '三',
        row: '（六）其他处理',
        message: '表三“（六）其他处理”印为一行，没有分1、2、3项：其数字读入“3.其他”，另两项按0读',
      });
      i += 3;
      continue;
    }
    if (!matchesApplicationRow(row, before) && !matchesApplicationRow(row, after)) {
      f.problem({
        table: '三',
        row: applicationRowLabel(row),
        message: `表三第${i + 1}行应为“${applicationRowLabel(row)}”，读到“${before || '（无行名）'}”`,
      });
      return null;
    }
    if (!take(out, row, line, f)) return null;
    i++;
  }
  if (i < APPLICATION_ROWS.length) {
    const row = APPLICATION_ROWS[i];
    f.problem({
      table: '三',
      row: applicationRowLabel(row),
      message: `表三缺少“${applicationRowLabel(row)}”行（应有${APPLICATION_ROWS.length}行数字，读到${i}行）`,
    });
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

// A cell as a figure. Counties print an empty count as a blank cell, "/", "-", "—" or "无"; those
// read as 0 and are reported as warnings, so the clerk sees what was assumed.

import type { DocCell, DocRow } from './document';

export type Figure = { value: string; blank: boolean };
export type ReportProblem = { table: string; row?: string; column?: string; message: string };

const BLANK = /^(|\/|-|—|–|─|无|\\|空)$/;

export function figureOf(raw: string): Figure | null {
  const t = raw.normalize('NFKC').replace(/[\s,，]/g, '');
  if (BLANK.test(t)) return { value: '0', blank: true };
  if (/^\d+(\.\d+)?$/.test(t)) return { value: t, blank: false };
  return null;
}

export const isCountCell = (raw: string) => /^\d+$/.test(raw.normalize('NFKC').replace(/[\s,，]/g, ''));

/** The cells a row shows: a grid row's origin cells, a text line's non-empty cells. */
export const shownCells = (r: DocRow): DocCell[] =>
  r.table === null ? r.cells.filter((c) => c.text !== '') : r.cells.filter((c) => c.origin);

/** Warnings and problems gathered while reading, in the order met. */
export class Findings {
  readonly problems: ReportProblem[] = [];
  readonly warnings: ReportProblem[] = [];
  blanks = new Map<string, number>();
  problem(p: ReportProblem) {
    this.problems.push(p);
  }
  warn(p: ReportProblem) {
    this.warnings.push(p);
  }
  blank(table: string) {
    this.blanks.set(table, (this.blanks.get(table) ?? 0) + 1);
  }
  /** One warning per table for its blank cells. */
  closeBlanks() {
    for (const [table, n] of this.blanks)
      this.warn({ table, message: `表${table}有${n}个空白或“/”“-”格，按0读` });
    this.blanks.clear();
  }
}

// A ledger sheet read as rows of the contract's values, every bad cell named with its row and
// column in words a clerk can act on. Nothing here knows the store: a workbook is judged whole
// before any of it is recorded.

import { CODE_LISTS, codeOf } from './labels';
import { Column, LEDGERS, LedgerKind } from './columns';
import {
  CellValue,
  parseAmountCell,
  parseCountCell,
  parseDateCell,
  parseMonthCell,
  textOf,
} from './cell-values';
import { checkRow } from './row-rules';

export type RowValues = Record<string, string | number | undefined>;
/** A ledger row: its line on the sheet (1-based, the header is line 1) and its values by key. */
export type LedgerRow = { line: number; values: RowValues };
export type CellProblem = { sheet: string; row: number; column: string; message: string };
export type ParseOptions = { sheet: string; year?: number; today: string };

const HEADER_HELP = '请从模板复制表头，或下载空白模板重新填写';

/** Which sheet column holds which ledger column, matched by heading (label or key). */
function headerMap(kind: LedgerKind, header: CellValue[], sheet: string) {
  const at = new Map<string, number>();
  const fold = (s: string) => s.replace(/[\s\u3000*＊]/g, '').replace(/[（(].*[）)]$/, '');
  header.forEach((h, i) => {
    const t = fold(textOf(h));
    const col = LEDGERS[kind].columns.find((c) => fold(c.label) === t || c.key === t);
    if (col && !at.has(col.key)) at.set(col.key, i);
  });
  const problems: CellProblem[] = LEDGERS[kind].columns
    .filter((c) => c.required && !at.has(c.key))
    .map((c) => ({ sheet, row: 1, column: c.label, message: `第1行缺少「${c.label}」列：${HEADER_HELP}` }));
  return { at, problems };
}

function readCell(c: Column, v: CellValue, line: number): { value?: string | number; problem?: string } {
  const empty = v === null || v === undefined || (typeof v === 'string' && textOf(v) === '');
  if (empty) return c.required ? { problem: `第${line}行「${c.label}」未填写` } : {};
  const shown = textOf(v);
  switch (c.type) {
    case 'text':
      return shown.length > 200 ? { problem: `第${line}行「${c.label}」超过200个字` } : { value: shown };
    case 'date': {
      const d = parseDateCell(v);
      return d
        ? { value: d }
        : {
            problem: `第${line}行「${c.label}」“${shown}”不是日期，请写成 2025-03-14、2025/3/14 或 2025年3月14日`,
          };
    }
    case 'month': {
      const m = parseMonthCell(v);
      return m
        ? { value: m }
        : { problem: `第${line}行「${c.label}」“${shown}”不是月份，请写成 2025-03 或 2025年3月` };
    }
    case 'count': {
      const n = parseCountCell(v);
      return n !== undefined ? { value: n } : { problem: `第${line}行「${c.label}」“${shown}”不是非负整数` };
    }
    case 'amount': {
      const a = parseAmountCell(v);
      return a !== undefined
        ? { value: a }
        : {
            problem: `第${line}行「${c.label}」“${shown}”不是金额，请写成 1200 或 1200.50（元，最多两位小数）`,
          };
    }
    case 'code': {
      const list = CODE_LISTS[c.codes!];
      const code = codeOf(list, shown);
      if (code !== undefined) return { value: code };
      const choices = list.entries.map((e) => e.label).join('、');
      return { problem: `第${line}行「${c.label}」“${shown}”不是可选的值，请从下拉列表中选择：${choices}` };
    }
  }
}

const isEmptyRow = (cells: CellValue[], at: Map<string, number>) =>
  [...at.values()].every((i) => textOf(cells[i] ?? null) === '');

/**
 * The rows of a sheet given as its cell values, header first. Empty rows are skipped; every
 * problem is returned, not only the first, and a row with a problem is not returned.
 */
export function parseLedger(
  kind: LedgerKind,
  grid: CellValue[][],
  opts: ParseOptions,
): { rows: LedgerRow[]; problems: CellProblem[] } {
  const { sheet } = opts;
  const { at, problems } = headerMap(kind, grid[0] ?? [], sheet);
  if (problems.length) return { rows: [], problems };
  const rows: LedgerRow[] = [];
  const firstLineOf = new Map<string, number>();
  for (let r = 1; r < grid.length; r++) {
    const cells = grid[r] ?? [];
    if (isEmptyRow(cells, at)) continue;
    const line = r + 1;
    const values: RowValues = {};
    const rowProblems: CellProblem[] = [];
    for (const c of LEDGERS[kind].columns) {
      const i = at.get(c.key);
      const { value, problem } = readCell(c, i === undefined ? null : (cells[i] ?? null), line);
      if (problem) rowProblems.push({ sheet, row: line, column: c.label, message: problem });
      else if (value !== undefined) values[c.key] = value;
    }
    if (!rowProblems.length)
      for (const p of checkRow(kind, values, line, opts)) rowProblems.push({ sheet, row: line, ...p });
    const keyCols = kind === 'decisions' ? ['month', 'kind'] : [LEDGERS[kind].key];
    if (keyCols.every((k) => values[k] !== undefined)) {
      const key = rowKeyOf(kind, values);
      const first = firstLineOf.get(key);
      if (first !== undefined) {
        const keyLabel = LEDGERS[kind].columns[0].label;
        rowProblems.push({
          sheet,
          row: line,
          column: keyLabel,
          message: `第${line}行与第${first}行是同一条记录（${key}），请合并为一行`,
        });
      } else firstLineOf.set(key, line);
    }
    if (rowProblems.length) problems.push(...rowProblems);
    else rows.push({ line, values });
  }
  return { rows, problems };
}

/** What names a row across uploads: its id column, or for decisions the month and the kind. */
export function rowKeyOf(kind: LedgerKind, v: RowValues): string {
  if (kind === 'decisions') return `${v.month}:${v.kind}`;
  return String(v[LEDGERS[kind].key]);
}

// Reading one cell the way a clerk wrote it: real ledgers are typed by hand in Excel or WPS, so a
// date comes as an Excel date, a serial number, 2025-03-14, 2025/3/14 or 2025年3月14日.

import { formatFenAsYuan, parseYuanToFen } from '@app/domain';

/** A cell's value once rich text, formulas and hyperlinks are reduced to what they show. */
export type CellValue = string | number | boolean | Date | null;

const DAY_MS = 86_400_000;
/** Excel's day 0 (it counts 1900 as a leap year, so serials from 61 on count from here). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function validDate(y: number, m: number, d: number): string | undefined {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return undefined;
  if (d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

const fromUtcMs = (ms: number) => {
  const d = new Date(ms);
  return validDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
};

/** 'YYYY-MM-DD', or undefined when the cell is not a date in any accepted form. */
export function parseDateCell(v: CellValue): string | undefined {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : fromUtcMs(v.getTime());
  if (typeof v === 'number')
    return Number.isInteger(v) && v >= 61 && v < 400_000 ? fromUtcMs(EXCEL_EPOCH_MS + v * DAY_MS) : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.replace(/[\s\u3000]/g, '');
  const m =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(s) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(s) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  return m ? validDate(+m[1], +m[2], +m[3]) : undefined;
}

/** 'YYYY-MM' from 2025-03, 2025/3, 2025年3月, or a date in that month. */
export function parseMonthCell(v: CellValue): string | undefined {
  if (typeof v === 'string') {
    const s = v.replace(/[\s\u3000]/g, '');
    const m = /^(\d{4})[-/.](\d{1,2})$/.exec(s) ?? /^(\d{4})年(\d{1,2})月?$/.exec(s);
    if (m) return validDate(+m[1], +m[2], 1)?.slice(0, 7);
  }
  return parseDateCell(v)?.slice(0, 7);
}

/** A whole number ≥ 0 (a count or pages). */
export function parseCountCell(v: CellValue): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v.replace(/[\s\u3000,，]/g, '')) : NaN;
  return Number.isSafeInteger(n) && n >= 0 && (typeof v === 'number' || /\d/.test(String(v))) ? n : undefined;
}

/** Yuan as the contract spells it ("1200.5" → "1200.50"); a number cell is read to the fen. */
export function parseAmountCell(v: CellValue): string | undefined {
  let s: string;
  if (typeof v === 'number') s = Number.isFinite(v) && v >= 0 ? v.toFixed(2) : '';
  else if (typeof v === 'string')
    s = v
      .replace(/[\s\u3000,，]/g, '')
      .replace(/^[¥￥]/, '')
      .replace(/元$/, '');
  else return undefined;
  if (typeof v === 'number' && Math.abs(Number(s) - v) > 1e-6) return undefined;
  const fen = parseYuanToFen(s);
  return fen === null ? undefined : formatFenAsYuan(fen);
}

/** A text cell: trimmed, with every run of white space (full-width too) made one space. */
export function textOf(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return fromUtcMs(v.getTime()) ?? '';
  return String(v)
    .replace(/[\s\u3000]+/g, ' ')
    .trim();
}

// Working days as 《政府信息公开条例》 art. 33 counts them: Monday–Friday, less the notice's days
// off, plus its working weekends (调休). A date in a year without a notice is an explicit
// 'calendarMissing' error (docs/dashboard.md), never a Monday–Friday guess.

import { dayNumber, firstDayOfYear, isoOfDay, isWeekend, yearOfDay } from './day-number';
import { checkYears, expandYear, type YearTable } from './year-table';

export type CalendarError =
  | { code: 'calendarMissing'; year: number; message: string }
  | { code: 'invalidDate'; value: string; message: string };

export type CalendarResult<T> = { ok: true; value: T } | { ok: false; error: CalendarError };

export type WorkingCalendar = {
  /** The years the calendar knows, ascending. */
  readonly years: readonly number[];
  /** The year tables it was built from, ascending. */
  readonly tables: readonly YearTable[];
  /** The notice a year's days come from, or undefined for a year the calendar lacks. */
  noticeOf(year: number): string | undefined;
  isWorkingDay(date: string): CalendarResult<boolean>;
  /** The n-th working day after date (date itself not counted); n = 0 gives date itself. */
  addWorkingDays(date: string, n: number): CalendarResult<string>;
  /**
   * Working days d with after < d ≤ upToAndIncluding; when upToAndIncluding is earlier, minus the
   * working days d with upToAndIncluding < d ≤ after (so "days left" turns negative once overdue).
   */
  workingDaysBetween(after: string, upToAndIncluding: string): CalendarResult<number>;
};

/** Builds the calendar; throws on an invalid table, since that is a startup error of the service. */
export function createCalendar(years: readonly YearTable[]): WorkingCalendar {
  const problem = checkYears(years);
  if (problem) throw new Error(`invalid working-day calendar: ${problem}`);
  const sorted = [...years].sort((a, b) => a.year - b.year);
  const notices = new Map(sorted.map((t) => [t.year, t.notice]));
  const first = sorted.length ? firstDayOfYear(sorted[0].year) : 0;
  const end = sorted.length ? firstDayOfYear(sorted[sorted.length - 1].year + 1) : 0;
  // before[i]: working days among the first i days from `first`; O(1) counts between any two dates.
  const before = new Int32Array(end - first + 1);
  const working = new Uint8Array(end - first);
  for (const t of sorted) {
    const { off, working: weekends } = expandYear(t);
    for (let n = firstDayOfYear(t.year); n < firstDayOfYear(t.year + 1); n++)
      working[n - first] = weekends.has(n) || (!isWeekend(n) && !off.has(n)) ? 1 : 0;
  }
  for (let i = 0; i < working.length; i++) before[i + 1] = before[i] + working[i];

  const missing = (year: number): { ok: false; error: CalendarError } => ({
    ok: false,
    error: { code: 'calendarMissing', year, message: `the working-day calendar has no data for ${year}` },
  });
  const parse = (date: string): CalendarResult<number> => {
    const n = dayNumber(date);
    if (n === null)
      return {
        ok: false,
        error: { code: 'invalidDate', value: date, message: `'${date}' is not YYYY-MM-DD` },
      };
    return notices.has(yearOfDay(n)) ? { ok: true, value: n } : missing(yearOfDay(n));
  };
  // Every year from one day to another must be known, or the count would guess across a gap.
  const firstGap = (from: number, to: number): number | undefined => {
    for (let y = yearOfDay(from); y <= yearOfDay(to); y++) if (!notices.has(y)) return y;
    return undefined;
  };

  return {
    years: sorted.map((t) => t.year),
    tables: sorted,
    noticeOf: (year) => notices.get(year),
    isWorkingDay(date) {
      const n = parse(date);
      return n.ok ? { ok: true, value: working[n.value - first] === 1 } : n;
    },
    addWorkingDays(date, count) {
      if (!Number.isInteger(count) || count < 0) throw new RangeError(`working days to add: ${count}`);
      const start = parse(date);
      if (!start.ok) return start;
      let n = start.value;
      for (let left = count; left > 0;) {
        n++;
        if (!notices.has(yearOfDay(n))) return missing(yearOfDay(n));
        if (working[n - first]) left--;
      }
      return { ok: true, value: isoOfDay(n) };
    },
    workingDaysBetween(after, upTo) {
      const a = parse(after);
      if (!a.ok) return a;
      const b = parse(upTo);
      if (!b.ok) return b;
      const [lo, hi, sign] = a.value <= b.value ? [a.value, b.value, 1] : [b.value, a.value, -1];
      const gap = firstGap(lo, hi);
      if (gap !== undefined) return missing(gap);
      return { ok: true, value: sign * (before[hi - first + 1] - before[lo - first + 1]) || 0 };
    },
  };
}

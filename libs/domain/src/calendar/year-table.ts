// One year of the holiday notice, and the validator the IO shell runs on a configured file of
// further years (CALENDAR_FILE, docs/dashboard.md). A bad file must stop the
// service at start with a message naming the entry, never degrade into a Monday–Friday guess.

import { dayNumber, isWeekend, yearOfDay } from './day-number';

export type YearTable = {
  year: number;
  /** The notice the days come from, e.g. '国办发明电〔2024〕12号'. */
  notice: string;
  /** Dates ('YYYY-MM-DD') or intervals ('YYYY-MM-DD/YYYY-MM-DD', both ends included) off work. */
  daysOff: readonly string[];
  /** Saturdays and Sundays the notice makes working days (调休). */
  workingWeekends: readonly string[];
};

export type ParsedYears = { ok: true; value: YearTable[] } | { ok: false; error: string };

/** The year's days off and working weekends as day numbers; assumes a valid table. */
export function expandYear(t: YearTable): { off: Set<number>; working: Set<number> } {
  const off = new Set<number>();
  for (const entry of t.daysOff) {
    const [from, to] = interval(entry)!;
    for (let n = from; n <= to; n++) off.add(n);
  }
  return { off, working: new Set(t.workingWeekends.map((d) => dayNumber(d)!)) };
}

function interval(entry: string): [number, number] | null {
  const [a, b = a, ...rest] = entry.split('/');
  const from = dayNumber(a);
  const to = dayNumber(b);
  return rest.length === 0 && from !== null && to !== null && from <= to ? [from, to] : null;
}

/** Checks one table; returns the first problem found, or null. */
export function checkYear(t: YearTable): string | null {
  const where = `year ${t.year}`;
  if (!Number.isInteger(t.year) || t.year < 1970 || t.year > 9999) return `year must be an integer 1970–9999`;
  if (typeof t.notice !== 'string' || t.notice.trim() === '') return `${where}: notice is required`;
  if (!isStringArray(t.daysOff)) return `${where}: daysOff must be an array of strings`;
  if (!isStringArray(t.workingWeekends)) return `${where}: workingWeekends must be an array of strings`;
  for (const entry of t.daysOff) {
    const span = interval(entry);
    if (!span) return `${where}: daysOff entry '${entry}' is not YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD`;
    if (yearOfDay(span[0]) !== t.year || yearOfDay(span[1]) !== t.year)
      return `${where}: daysOff entry '${entry}' lies outside ${t.year}`;
  }
  const { off } = expandYear({ ...t, workingWeekends: [] });
  for (const d of t.workingWeekends) {
    const n = dayNumber(d);
    if (n === null) return `${where}: workingWeekends entry '${d}' is not YYYY-MM-DD`;
    if (yearOfDay(n) !== t.year) return `${where}: workingWeekends entry '${d}' lies outside ${t.year}`;
    // A notice only ever turns a weekend day into a working day; a weekday here is a typo.
    if (!isWeekend(n)) return `${where}: workingWeekends entry '${d}' is not a Saturday or Sunday`;
    if (off.has(n)) return `${where}: '${d}' is both a day off and a working weekend`;
  }
  return null;
}

/** Checks a list of tables (from the shipped data or a configuration file): each valid, no year twice. */
export function checkYears(years: readonly YearTable[]): string | null {
  const seen = new Set<number>();
  for (const t of years) {
    const problem = checkYear(t);
    if (problem) return problem;
    if (seen.has(t.year)) return `year ${t.year} is listed twice`;
    seen.add(t.year);
  }
  return null;
}

/** Validates a configuration file's parsed JSON: an array of YearTable objects. */
export function parseCalendarYears(json: unknown): ParsedYears {
  if (!Array.isArray(json)) return { ok: false, error: 'calendar years must be a JSON array' };
  const years: YearTable[] = [];
  for (const [i, item] of json.entries()) {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      return { ok: false, error: `entry ${i} must be an object` };
    const o = item as Record<string, unknown>;
    const unknownKey = Object.keys(o).find(
      (k) => !['year', 'notice', 'daysOff', 'workingWeekends'].includes(k),
    );
    if (unknownKey) return { ok: false, error: `entry ${i}: unknown field '${unknownKey}'` };
    const t = { year: o.year, notice: o.notice, daysOff: o.daysOff, workingWeekends: o.workingWeekends };
    const problem = checkYear(t as YearTable);
    if (problem) return { ok: false, error: `entry ${i}: ${problem}` };
    years.push(t as YearTable);
  }
  const problem = checkYears(years);
  return problem ? { ok: false, error: problem } : { ok: true, value: years };
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === 'string');
}

// Dates travel as local 'YYYY-MM-DD' strings (the contract's JSON); arithmetic runs on day numbers
// (days since 1970-01-01) so that no time zone or clock ever enters the count.

import { formatIsoDate, parseIsoDate } from '../local-time';

const DAY = 86_400_000;

/** Days since 1970-01-01 of a 'YYYY-MM-DD' date, or null if it is not a real calendar date. */
export function dayNumber(iso: string): number | null {
  const d = parseIsoDate(iso);
  return d && Date.UTC(d.year, d.month - 1, d.day) / DAY;
}

export function isoOfDay(n: number): string {
  const d = new Date(n * DAY);
  return formatIsoDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

export function yearOfDay(n: number): number {
  return new Date(n * DAY).getUTCFullYear();
}

export function firstDayOfYear(year: number): number {
  return Date.UTC(year, 0, 1) / DAY;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOfDay(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

export function isWeekend(n: number): boolean {
  const w = weekdayOfDay(n);
  return w === 0 || w === 6;
}

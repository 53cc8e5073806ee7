// The working-day calendar of the deadline clock, built once at start (docs/dashboard.md): the shipped
// notices plus the years of the JSON file named by CALENDAR_FILE. A bad file stops the service with
// a message naming the file and the entry; it never degrades into a Monday–Friday guess.

import { readFileSync } from 'node:fs';
import { ConfigError } from '@app/config';
import {
  OFFICIAL_YEARS,
  createCalendar,
  parseCalendarYears,
  type WorkingCalendar,
  type YearTable,
} from '@app/domain/calendar';

/** Shipped years plus configured ones; throws ConfigError on an unreadable or invalid file. */
export function loadWorkingCalendar(file: string | null): WorkingCalendar {
  if (!file) return createCalendar(OFFICIAL_YEARS);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`CALENDAR_FILE ${file} cannot be read: ${(e as Error).message}`);
  }
  return calendarWith(OFFICIAL_YEARS, text, file);
}

/** The pure part: parse and merge the file's text, so tests need no file system. */
export function calendarWith(shipped: readonly YearTable[], text: string, file: string): WorkingCalendar {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`CALENDAR_FILE ${file} is not JSON: ${(e as Error).message}`);
  }
  const parsed = parseCalendarYears(json);
  if (!parsed.ok)
    throw new ConfigError(
      `CALENDAR_FILE ${file}: ${parsed.error}. Each entry is {"year", "notice", "daysOff", "workingWeekends"} as in calendar.md.`,
    );
  const official = createCalendar(shipped);
  const extra: YearTable[] = [];
  for (const t of parsed.value) {
    if (!official.noticeOf(t.year)) {
      extra.push(t);
      continue;
    }
    // A year the service already ships may be repeated (a file kept across upgrades), never changed.
    const differing = firstDifference(official, createCalendar([t]), t.year);
    if (differing)
      throw new ConfigError(
        `CALENDAR_FILE ${file}: year ${t.year} differs from the shipped notice ${official.noticeOf(t.year)} on ${differing}; remove ${t.year} from the file`,
      );
  }
  return createCalendar([...shipped, ...extra]);
}

function firstDifference(a: WorkingCalendar, b: WorkingCalendar, year: number): string | null {
  for (
    let d = new Date(Date.UTC(year, 0, 1));
    d.getUTCFullYear() === year;
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    const iso = d.toISOString().slice(0, 10);
    const x = a.isWorkingDay(iso);
    const y = b.isWorkingDay(iso);
    if (x.ok && y.ok && x.value !== y.value) return iso;
  }
  return null;
}

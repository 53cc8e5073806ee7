// Deterministic randomness and dates for the demo: the same seed gives the same year of events on
// every run, so every event keeps its eventId and content, and sending them again changes nothing.

import { createHash } from 'node:crypto';
import { OFFICIAL_YEARS, createCalendar } from '@app/domain/calendar';
import { nameUuid } from '@app/event-store';
import { Rng, mulberry32 } from '../prng';

export type { Rng };

/** mulberry32 over a string seed. */
export function rng(seed: string): Rng {
  return mulberry32(createHash('sha256').update(seed).digest().readUInt32LE(0));
}

/** A UUID (version 5) from a name: the demo's eventIds are stable across runs. */
export const uuidFrom = (name: string): string => nameUuid(name, 'gongkai-demo:');

// Every demo org keeps Beijing time, as the county does.
const DAY = 86_400_000;
const OFFSET = 8 * 3_600_000;
const calendar = createCalendar(OFFICIAL_YEARS);

/** Local day numbers (days since 1970-01-01 in +08:00). */
export const dayOf = (ms: number) => Math.floor((ms + OFFSET) / DAY);
export const firstDay = (year: number) => Date.UTC(year, 0, 1) / DAY;
export const isoDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
export const monthOf = (day: number) => new Date(day * DAY).getUTCMonth() + 1;
export const at = (day: number, minutes: number) => day * DAY - OFFSET + minutes * 60_000;
export const isoAt = (ms: number) => `${new Date(ms + OFFSET).toISOString().slice(0, 19)}+08:00`;

/** The shipped calendar where it has the year; Monday–Friday beyond it (a demo may guess). */
export function isWorkingDay(day: number): boolean {
  const r = calendar.isWorkingDay(isoDay(day));
  if (r.ok) return r.value;
  const w = new Date(day * DAY).getUTCDay();
  return w !== 0 && w !== 6;
}

export function workingDaysLater(day: number, n: number): number {
  let d = day;
  for (let left = n; left > 0;) if (isWorkingDay(++d)) left--;
  return d;
}

export function workingDaysOf(year: number): number[] {
  const out: number[] = [];
  for (let d = firstDay(year); d < firstDay(year + 1); d++) if (isWorkingDay(d)) out.push(d);
  return out;
}

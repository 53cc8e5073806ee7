// Dates as the clerk picks them ("2025-03-14") and as the contract sends them (with an offset).
// The orgs this workbench serves keep China time; the report year is the local year.

const OFFSET = '+08:00';
const pad = (n: number) => String(n).padStart(2, '0');

/** Today's date in China time. */
export function todayIso(nowMs = Date.now()): string {
  const d = new Date(nowMs + 8 * 3_600_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * The instant sent for a picked day: today's date is now (a later event of the same day must not
 * come before an earlier one), any other day is noon of it.
 */
export function occurredAtOf(day: string, nowMs = Date.now()): string {
  if (day !== todayIso(nowMs)) return `${day}T12:00:00${OFFSET}`;
  const d = new Date(nowMs + 8 * 3_600_000);
  return `${day}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${OFFSET}`;
}

export const yearOf = (day: string) => Number(day.slice(0, 4));

/** The years as the options of a drop-down: "2025年", or with suffix 年度 "2025年度". */
export const yearOptions = (years: readonly number[], suffix = '年') =>
  years.map((y) => ({ value: y, label: `${y}${suffix}` }));

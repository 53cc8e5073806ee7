// The reporting year of an event is the calendar year of occurredAt in the org's time zone
// (docs/architecture.md). Intl is slow per call (about 10 µs here), so offsets are cached per zone and
// UTC day: a day whose offset at its start equals the offset at its end is taken to have that
// offset throughout (no zone changes its offset twice within 24 hours and back). A day whose ends
// differ holds one transition, found to the minute by bisection and cached: transitions fall on
// any minute (St John's moved at 00:01 local time until 2011, 03:31 UTC), not only on quarter hours.

export type LocalDate = { year: number; month: number; day: number };

const DAY = 86_400_000;
const MINUTE = 60_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

type ZoneOffsets = {
  /** By UTC day number: the day's offset, or NaN when the offset changes within the day. */
  days: Map<number, number>;
  /** By UTC day number, for the days that hold a transition: its instant and the offsets around it. */
  transitions: Map<number, Transition>;
  lastDay: number;
  lastOffset: number;
};
type Transition = { at: number; before: number; after: number };
const zones = new Map<string, ZoneOffsets>();
let lastZone = '';
let lastOffsets: ZoneOffsets | undefined;

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The offset at `at`, a whole minute, asked of Intl. */
function intlOffsetMs(at: number, zone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(at))
    if (part.type !== 'literal') p[part.type] = +part.value;
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - at;
}

function offsetsOf(zone: string): ZoneOffsets {
  if (zone === lastZone) return lastOffsets!;
  let z = zones.get(zone);
  if (!z) {
    formatter(zone); // throws for an unknown zone before anything is cached
    zones.set(zone, (z = { days: new Map(), transitions: new Map(), lastDay: NaN, lastOffset: 0 }));
  }
  lastZone = zone;
  lastOffsets = z;
  return z;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC in milliseconds at the given instant. */
export function zoneOffsetMs(ms: number, zone: string): number {
  const z = offsetsOf(zone);
  const day = Math.floor(ms / DAY);
  if (day === z.lastDay) return z.lastOffset;
  let off = z.days.get(day);
  if (off === undefined) {
    const start = intlOffsetMs(day * DAY, zone);
    off = start === intlOffsetMs((day + 1) * DAY, zone) ? start : NaN;
    if (z.days.size > 100_000) z.days.clear();
    z.days.set(day, off);
  }
  if (!Number.isNaN(off)) {
    z.lastDay = day;
    z.lastOffset = off;
    return off;
  }
  let t = z.transitions.get(day);
  if (t === undefined) {
    t = transitionIn(day, zone);
    if (z.transitions.size > 100_000) z.transitions.clear();
    z.transitions.set(day, t);
  }
  return ms < t.at ? t.before : t.after;
}

/** The one change of offset within a UTC day whose two ends differ: the first minute of the new offset. */
function transitionIn(day: number, zone: string): Transition {
  const before = intlOffsetMs(day * DAY, zone);
  const after = intlOffsetMs((day + 1) * DAY, zone);
  let lo = (day * DAY) / MINUTE; // still `before`
  let hi = ((day + 1) * DAY) / MINUTE; // already changed
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (intlOffsetMs(mid * MINUTE, zone) === before) lo = mid;
    else hi = mid;
  }
  return { at: hi * MINUTE, before, after };
}

export function localDateOf(ms: number, zone: string): LocalDate {
  const d = new Date(ms + zoneOffsetMs(ms, zone));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function localYearOf(ms: number, zone: string): number {
  return new Date(ms + zoneOffsetMs(ms, zone)).getUTCFullYear();
}

/** "YYYY-MM-DD" of the instant in the zone. */
export function localIsoDate(ms: number, zone: string): string {
  return formatIsoDate(localDateOf(ms, zone));
}

export function formatIsoDate(d: LocalDate): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

export function parseIsoDate(s: string): LocalDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const d = { year: +m[1], month: +m[2], day: +m[3] };
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day));
  return t.getUTCMonth() === d.month - 1 && t.getUTCDate() === d.day ? d : null;
}

/**
 * Parses ISO-8601 with an explicit offset ("Z" or ±hh:mm). Returns epoch ms or null.
 * A timestamp without an offset is ambiguous and refused.
 */
export function parseOffsetDateTime(s: string): number | null {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):?(\d{2}))$/.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, sec = '0', frac = '0', z, oh, om] = m;
  if (+mo < 1 || +mo > 12 || +h > 23 || +mi > 59 || +sec > 59) return null;
  const date = parseIsoDate(`${y}-${mo}-${d}`);
  if (!date) return null;
  const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +sec, Math.floor(+`0.${frac}` * 1000));
  if (z === 'Z') return ms;
  if (+oh > 18 || +om > 59) return null;
  const off = (+oh * 60 + +om) * 60_000 * (z[0] === '-' ? -1 : 1);
  return ms - off;
}

/**
 * parseOffsetDateTime for text already accepted by it, as every stored occurredAt was: the shape
 * the service writes and most senders use (2024-01-20T10:00:00+08:00, or …Z) is read digit by
 * digit, anything else (fractions, offsets without a colon, years before 100) by
 * parseOffsetDateTime itself. Same result for every input; about ten times faster on the first.
 */
export function instantOf(s: string): number | null {
  const n = s.length;
  if ((n !== 20 && n !== 25) || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 84)
    return parseOffsetDateTime(s);
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return parseOffsetDateTime(s);
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  const sec = digits(s, 17, 2);
  if (y < 100 || mo < 1 || d < 1 || h < 0 || mi < 0 || sec < 0) return parseOffsetDateTime(s);
  if (mo > 12 || h > 23 || mi > 59 || sec > 59 || d > daysInMonth(y, mo)) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, sec, 0);
  const z = s.charCodeAt(19);
  if (n === 20) return z === 90 ? ms : parseOffsetDateTime(s);
  if ((z !== 43 && z !== 45) || s.charCodeAt(22) !== 58) return parseOffsetDateTime(s);
  const oh = digits(s, 20, 2);
  const om = digits(s, 23, 2);
  if (oh < 0 || om < 0) return parseOffsetDateTime(s);
  if (oh > 18 || om > 59) return null;
  const off = (oh * 60 + om) * 60_000;
  return z === 45 ? ms + off : ms - off;
}

/** The number written by `len` ASCII digits at `at`, or -1 if any of them is not a digit. */
function digits(s: string, at: number, len: number): number {
  let v = 0;
  for (let i = at; i < at + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function daysInMonth(y: number, mo: number): number {
  if (mo === 2) return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
  return mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
}

/** The instant as ISO-8601 in the zone's local time with its offset: 2024-01-20T10:00:00+08:00. */
export function isoWithOffset(ms: number, zone: string): string {
  const off = zoneOffsetMs(ms, zone);
  const local = new Date(Math.floor(ms / 1000) * 1000 + off).toISOString().slice(0, 19);
  const m = Math.abs(off) / 60_000;
  const sign = off < 0 ? '-' : '+';
  return `${local}${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

// The reporting year of an event is the calendar year of occurredAt in the org's time zone
// (CONTRACT.md §3). Intl is slow per call, so offsets are cached per zone and UTC hour: an
// offset change (DST, if a zone has one) happens on an hour boundary in every IANA zone we serve.

export type LocalDate = { year: number; month: number; day: number };

const HOUR = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, Map<number, number>>();

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
  const hour = Math.floor(ms / HOUR);
  let byHour = offsets.get(zone);
  if (!byHour) offsets.set(zone, (byHour = new Map()));
  let off = byHour.get(hour);
  if (off === undefined) {
    const at = hour * HOUR;
    const p: Record<string, number> = {};
    for (const part of formatter(zone).formatToParts(at))
      if (part.type !== 'literal') p[part.type] = +part.value;
    off = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - at;
    if (byHour.size > 100_000) byHour.clear();
    byHour.set(hour, off);
  }
  return off;
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

/** The instant as ISO-8601 in the zone's local time with its offset: 2024-01-20T10:00:00+08:00. */
export function isoWithOffset(ms: number, zone: string): string {
  const off = zoneOffsetMs(ms, zone);
  const local = new Date(Math.floor(ms / 1000) * 1000 + off).toISOString().slice(0, 19);
  const m = Math.abs(off) / 60_000;
  const sign = off < 0 ? '-' : '+';
  return `${local}${sign}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

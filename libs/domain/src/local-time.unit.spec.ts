import fc from 'fast-check';
import { instantOf, localDateOf, parseOffsetDateTime, zoneOffsetMs } from './local-time';

/**
 * The offset Intl names for the instant itself ("GMT+05:45"), with no cache in between: read from
 * the zone's offset name rather than from its wall clock, so it shares no arithmetic with the code.
 */
function offsetByIntl(ms: number, zone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
    .formatToParts(ms)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(name ?? '');
  if (!m) throw new Error(`unexpected offset name ${name} for ${zone}`);
  return m[1] ? (m[1] === '-' ? -1 : 1) * (+m[2] * 60 + +m[3]) * 60_000 : 0;
}

// Zones without daylight saving, with it on whole hours, and with it on half and quarter hours.
const ZONES = [
  'Asia/Shanghai',
  'Asia/Urumqi',
  'Asia/Kolkata',
  'America/New_York',
  'Europe/London',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'America/St_Johns',
];
const FROM = Date.UTC(1985, 0, 1);
const TO = Date.UTC(2040, 0, 1);

describe('time-zone offsets', () => {
  it('equal Intl at any instant, in zones with and without daylight saving', () =>
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: FROM, max: TO }), (zone, ms) => {
        expect(zoneOffsetMs(ms, zone)).toBe(offsetByIntl(ms, zone));
      }),
      { numRuns: 3000 },
    ));

  it('equal Intl minute by minute across daylight-saving changes', () => {
    const days: [string, number][] = [
      ['America/New_York', Date.UTC(2024, 2, 10)],
      ['America/New_York', Date.UTC(2024, 10, 3)],
      // St John's moved at 00:01 local time (03:31 UTC), between two quarter hours.
      ['America/St_Johns', Date.UTC(2003, 3, 6)],
      ['America/St_Johns', Date.UTC(2003, 9, 26)],
      ['Europe/London', Date.UTC(2024, 2, 31)],
      ['Europe/London', Date.UTC(2024, 9, 27)],
      ['Australia/Lord_Howe', Date.UTC(2024, 3, 6)],
      ['Australia/Lord_Howe', Date.UTC(2024, 9, 5)],
      ['Pacific/Chatham', Date.UTC(2024, 3, 6)],
      ['Pacific/Chatham', Date.UTC(2024, 8, 28)],
      ['Asia/Shanghai', Date.UTC(1991, 3, 13)], // the last year China kept summer time
      ['Asia/Shanghai', Date.UTC(1991, 8, 14)],
    ];
    for (const [zone, day] of days)
      for (let ms = day - 86_400_000; ms < day + 2 * 86_400_000; ms += 60_000)
        expect([zone, ms, zoneOffsetMs(ms, zone)]).toEqual([zone, ms, offsetByIntl(ms, zone)]);
  });

  it('give the local date of an instant', () => {
    expect(localDateOf(Date.UTC(2024, 11, 31, 16, 0), 'Asia/Shanghai')).toEqual({
      year: 2025,
      month: 1,
      day: 1,
    });
    expect(localDateOf(Date.UTC(2024, 11, 31, 15, 59), 'Asia/Shanghai')).toEqual({ year: 2024, month: 12, day: 31 }); // prettier-ignore
    expect(localDateOf(Date.UTC(2024, 2, 10, 4, 59), 'America/New_York')).toEqual({
      year: 2024,
      month: 3,
      day: 9,
    });
  });
});

describe('instantOf reads stored occurredAt texts as parseOffsetDateTime does', () => {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');

  it.each([
    '2024-01-20T10:00:00+08:00',
    '2024-01-20T10:00:00Z',
    '2024-01-20T10:00:00-05:30',
    '2024-02-29T23:59:59+00:00',
    '2023-02-29T10:00:00+08:00',
    '2100-02-29T10:00:00+08:00',
    '2000-02-29T10:00:00+08:00',
    '2024-04-31T10:00:00+08:00',
    '2024-13-01T10:00:00+08:00',
    '2024-00-01T10:00:00+08:00',
    '2024-01-00T10:00:00+08:00',
    '2024-01-20T24:00:00+08:00',
    '2024-01-20T10:60:00+08:00',
    '2024-01-20T10:00:60+08:00',
    '2024-01-20T10:00:00+19:00',
    '2024-01-20T10:00:00+08:60',
    '2024-01-20T10:00:00+0800',
    '2024-01-20T10:00:00.5+08:00',
    '2024-01-20T10:00:00.123456789Z',
    '2024-01-20T10:00+08:00',
    '2024-01-20T10:00:00',
    '2024-01-20 10:00:00+08:00',
    '2024-01-20T10:00:00*08:00',
    '2024-01-20T10:00:00+08-00',
    '2024-01-20T1a:00:00+08:00',
    '2024-01-20T10:00:0a+08:00',
    '2024-01-20T10:00:00+0a:00',
    '0050-02-29T10:00:00Z',
    '0099-01-01T10:00:00+08:00',
    '0100-01-01T10:00:00+08:00',
    '9999-12-31T23:59:59Z',
    '２０２４-01-20T10:00:00+08:00',
    '',
  ])('%s', (s) => expect(instantOf(s)).toBe(parseOffsetDateTime(s)));

  it('for any date, time and offset, valid or not', () =>
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 24 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.constantFrom('Z', '+', '-'),
        fc.integer({ min: 0, max: 19 }),
        fc.integer({ min: 0, max: 60 }),
        (y, mo, d, h, mi, s, sign, oh, om) => {
          const text = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}${sign === 'Z' ? 'Z' : `${sign}${pad(oh)}:${pad(om)}`}`; // prettier-ignore
          expect(instantOf(text)).toBe(parseOffsetDateTime(text));
        },
      ),
      { numRuns: 5000 },
    ));
});

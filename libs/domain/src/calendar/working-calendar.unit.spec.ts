import fc from 'fast-check';

import { firstDayOfYear, isoOfDay } from './day-number';
import { OFFICIAL_YEARS } from './official-days';
import { createCalendar } from './working-calendar';
import { parseCalendarYears, type YearTable } from './year-table';

const cal = createCalendar(OFFICIAL_YEARS);
const ok = <T>(r: { ok: true; value: T } | { ok: false }): T => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r.value;
};

describe('the shipped calendar', () => {
  it('covers 2021–2026, each year with its notice', () => {
    expect(cal.years).toEqual([2021, 2022, 2023, 2024, 2025, 2026]);
    expect(cal.noticeOf(2021)).toBe('国办发明电〔2020〕27号');
    expect(cal.noticeOf(2025)).toBe('国办发明电〔2024〕12号');
    expect(cal.noticeOf(2027)).toBeUndefined();
  });

  it.each([
    ['2024-02-09', true, '除夕 2024 is a Friday the notice leaves as a working day'],
    ['2025-01-28', false, '除夕 2025 is a statutory day off'],
    ['2025-01-26', true, 'Sunday made a working day'],
    ['2025-02-08', true, 'Saturday made a working day'],
    ['2026-02-14', true, 'Saturday made a working day before the 2026 Spring Festival'],
    ['2026-02-23', false, 'the ninth day of the 2026 Spring Festival, a Monday'],
    ['2024-01-06', false, 'the weekend next to 2024 元旦 stays an ordinary weekend'],
    ['2024-06-10', false, '端午 2024, 与周末连休'],
    ['2024-06-08', false, 'the weekend before 端午 2024 is not made a working day'],
    ['2023-10-07', true, 'Saturday after the 2023 National Day holiday'],
    ['2025-03-03', true, 'an ordinary Monday'],
  ])('%s is a working day: %s (%s)', (date, expected) => expect(ok(cal.isWorkingDay(date))).toBe(expected));

  it('refuses a date in a year without a notice instead of guessing Monday–Friday', () => {
    expect(cal.isWorkingDay('2027-01-04')).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'calendarMissing', year: 2027 }),
    });
    expect(cal.isWorkingDay('2020-12-31')).toMatchObject({ ok: false, error: { code: 'calendarMissing' } });
  });

  it('refuses a malformed date', () =>
    expect(cal.isWorkingDay('2025-02-30')).toMatchObject({ ok: false, error: { code: 'invalidDate' } }));
});

describe('addWorkingDays', () => {
  it('does not count the day itself', () => {
    expect(ok(cal.addWorkingDays('2025-03-03', 1))).toBe('2025-03-04');
    expect(ok(cal.addWorkingDays('2025-03-07', 1))).toBe('2025-03-10');
    expect(ok(cal.addWorkingDays('2025-03-08', 0))).toBe('2025-03-08');
  });

  it('crosses New Year when both years are known', () =>
    expect(ok(cal.addWorkingDays('2024-12-31', 1))).toBe('2025-01-02'));

  it('reports calendarMissing when the count runs past the last known year', () =>
    expect(cal.addWorkingDays('2026-12-30', 5)).toMatchObject({
      ok: false,
      error: { code: 'calendarMissing', year: 2027 },
    }));

  it('throws on a negative or fractional count, a programming error', () => {
    expect(() => cal.addWorkingDays('2025-03-03', -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2025-03-03', 1.5)).toThrow(RangeError);
  });
});

describe('addWorkingDays and workingDaysBetween agree', () => {
  const anyDate = fc.integer({ min: firstDayOfYear(2021), max: firstDayOfYear(2026) + 250 }).map(isoOfDay);

  it('the n-th working day after d is a working day, n working days after d', () =>
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 60 }), (d, n) => {
        const due = ok(cal.addWorkingDays(d, n));
        expect(ok(cal.isWorkingDay(due))).toBe(true);
        expect(ok(cal.workingDaysBetween(d, due))).toBe(n);
        expect(ok(cal.workingDaysBetween(due, d))).toBe(-n);
      }),
    ));
});

describe('workingDaysBetween', () => {
  it('counts the days after the first date up to and including the second', () => {
    expect(ok(cal.workingDaysBetween('2025-02-20', '2025-02-21'))).toBe(1);
    expect(ok(cal.workingDaysBetween('2025-02-21', '2025-02-21'))).toBe(0);
    expect(ok(cal.workingDaysBetween('2025-01-27', '2025-02-05'))).toBe(1);
  });

  it('is negative when the second date is earlier: minus the working days since', () => {
    expect(ok(cal.workingDaysBetween('2025-02-26', '2025-02-21'))).toBe(-3);
    expect(ok(cal.workingDaysBetween('2025-02-23', '2025-02-21'))).toBe(0);
  });

  it('counts a whole year: 2025 has 248 working days (365 − 104 weekend days − 13 statutory days)', () =>
    expect(ok(cal.workingDaysBetween('2024-12-31', '2025-12-31'))).toBe(248));

  it('refuses a span through a year the calendar lacks', () => {
    const gappy = createCalendar(OFFICIAL_YEARS.filter((t) => t.year !== 2025));
    expect(gappy.workingDaysBetween('2024-12-31', '2026-01-05')).toMatchObject({
      ok: false,
      error: { code: 'calendarMissing', year: 2025 },
    });
  });
});

describe('more years by configuration', () => {
  const y2027: YearTable = {
    year: 2027,
    notice: 'test notice',
    daysOff: ['2027-01-01'],
    workingWeekends: ['2027-01-02'],
  };

  it('accepts a valid file and extends the calendar', () => {
    const parsed = parseCalendarYears(JSON.parse(JSON.stringify([y2027])));
    const extended = createCalendar([...OFFICIAL_YEARS, ...ok(parsed)]);
    expect(ok(extended.isWorkingDay('2027-01-01'))).toBe(false);
    expect(ok(extended.isWorkingDay('2027-01-02'))).toBe(true);
    expect(ok(extended.addWorkingDays('2026-12-31', 1))).toBe('2027-01-02');
  });

  it.each([
    [{ years: [] }, /JSON array/],
    [[{ ...y2027, notice: '' }], /notice is required/],
    [[{ ...y2027, year: '2027' }], /integer/],
    [[{ ...y2027, daysOff: ['2027-13-01'] }], /not YYYY-MM-DD/],
    [[{ ...y2027, daysOff: ['2027-02-10/2027-02-01'] }], /not YYYY-MM-DD/],
    [[{ ...y2027, daysOff: ['2026-12-31/2027-01-01'] }], /outside 2027/],
    [[{ ...y2027, workingWeekends: ['2027-01-04'] }], /not a Saturday or Sunday/],
    [[{ ...y2027, workingWeekends: ['2027-01-02'], daysOff: ['2027-01-01/2027-01-02'] }], /both/],
    [[{ ...y2027, holidays: [] }], /unknown field 'holidays'/],
    [[y2027, y2027], /listed twice/],
  ])('refuses %j', (json, message) => {
    const parsed = parseCalendarYears(json);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  it('refuses at construction a year that is already shipped', () =>
    expect(() =>
      createCalendar([...OFFICIAL_YEARS, { ...OFFICIAL_YEARS[5], notice: 'a correction' }]),
    ).toThrow(/2026 is listed twice/));
});

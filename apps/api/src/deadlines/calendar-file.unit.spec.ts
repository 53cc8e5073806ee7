import { OFFICIAL_YEARS } from '@app/domain/calendar';
import { calendarWith } from './calendar-file';

const Y2027 = {
  year: 2027,
  notice: '示例〔2026〕1号',
  daysOff: ['2027-01-01/2027-01-03', '2027-02-05/2027-02-13'],
  workingWeekends: ['2027-02-14'],
};
const load = (json: unknown) =>
  calendarWith(OFFICIAL_YEARS, JSON.stringify(json), '/etc/gongkai/calendar.json');

describe('CALENDAR_FILE', () => {
  it('adds the configured years to the shipped ones', () => {
    const cal = load([Y2027]);
    expect(cal.years).toEqual([2021, 2022, 2023, 2024, 2025, 2026, 2027]);
    expect(cal.isWorkingDay('2027-02-14')).toEqual({ ok: true, value: true });
    expect(cal.isWorkingDay('2027-02-08')).toEqual({ ok: true, value: false });
    expect(cal.addWorkingDays('2026-12-15', 20)).toEqual({ ok: true, value: '2027-01-13' });
  });

  it('accepts a shipped year repeated unchanged (a file kept across upgrades)', () =>
    expect(load([OFFICIAL_YEARS[4], Y2027]).years).toContain(2027));

  it.each([
    ['not JSON', '{', /CALENDAR_FILE \/etc\/gongkai\/calendar.json is not JSON/],
    ['not an array', '{"year": 2027}', /must be a JSON array/],
    [
      'a bad date',
      JSON.stringify([{ ...Y2027, daysOff: ['2027-02-30'] }]),
      /entry 0: year 2027: daysOff entry '2027-02-30'/,
    ],
    [
      'a weekday as a working weekend',
      JSON.stringify([{ ...Y2027, workingWeekends: ['2027-02-15'] }]),
      /'2027-02-15' is not a Saturday or Sunday/,
    ],
    ['an unknown field', JSON.stringify([{ ...Y2027, note: 'x' }]), /unknown field 'note'/],
    [
      'a shipped year changed',
      JSON.stringify([{ ...OFFICIAL_YEARS[4], workingWeekends: [] }]),
      /year 2025 differs from the shipped notice 国办发明电〔2024〕12号 on 2025-01-26/,
    ],
  ])('refuses %s, naming the file and what to fix', (_what, text, message) =>
    expect(() => calendarWith(OFFICIAL_YEARS, text, '/etc/gongkai/calendar.json')).toThrow(message),
  );
});

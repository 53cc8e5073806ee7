// The provisional year built from the statute: its lunar and solar-term dates cross-checked against
// the independently maintained tables of `chinese-days` (a test-only import), and the 2027 days
// off worked out by hand from the legal dates and the 补假 rule.
import { getLunarDate, getSolarTerms } from 'chinese-days';

import { isoOfDay } from './day-number';
import { OFFICIAL_YEARS } from './official-days';
import { LEGAL_DATES, provisionalCalendar, statutoryYear } from './provisional';
import { createCalendar } from './working-calendar';

const lunar = (d: string) => {
  const l = getLunarDate(d);
  return `${l.lunarMon}-${l.lunarDay}${l.isLeap ? ' leap' : ''}`;
};
const dayAfter = (d: string) => isoOfDay(Date.parse(`${d}T00:00:00Z`) / 86_400_000 + 1);

it.each(LEGAL_DATES.map((d) => [d.year, d]))(
  'the lunar and solar-term dates of %i agree with chinese-days',
  (_y, d) => {
    expect(lunar(dayAfter(d.lunarNewYearsEve))).toBe('1-1');
    expect(getLunarDate(d.lunarNewYearsEve).lunarMon).toBe(12);
    expect(lunar(d.duanwu)).toBe('5-5');
    expect(lunar(d.zhongqiu)).toBe('8-15');
    expect(getSolarTerms(d.qingming, d.qingming).map((t) => t.name)).toEqual(['清明']);
  },
);

it('rests 2027 on the statutory days, each weekend holiday made up on the next weekdays (补假)', () => {
  expect(statutoryYear(LEGAL_DATES.find((d) => d.year === 2027)!).daysOff).toEqual([
    '2027-01-01', // 元旦, a Friday
    '2027-02-05', // 除夕, Friday; 初一 and 初二 fall on the weekend …
    '2027-02-06',
    '2027-02-07',
    '2027-02-08', // 初三, Monday
    '2027-02-09', // … so Tuesday and Wednesday are 补假
    '2027-02-10',
    '2027-04-05', // 清明, Monday
    '2027-05-01', // 劳动节 Saturday and Sunday, made up on Monday and Tuesday
    '2027-05-02',
    '2027-05-03',
    '2027-05-04',
    '2027-06-09', // 端午, Wednesday
    '2027-09-15', // 中秋, Wednesday
    '2027-10-01', // 国庆 Friday to Sunday, two made up on Monday and Tuesday
    '2027-10-02',
    '2027-10-03',
    '2027-10-04',
    '2027-10-05',
  ]);
});

it('checks its rule on 2025 and 2026: every day off it derives, 补假 included, is off in the notice', () => {
  const official = createCalendar(OFFICIAL_YEARS);
  const legal = [
    {
      year: 2025,
      lunarNewYearsEve: '2025-01-28',
      qingming: '2025-04-04',
      duanwu: '2025-05-31',
      zhongqiu: '2025-10-06',
    },
    {
      year: 2026,
      lunarNewYearsEve: '2026-02-16',
      qingming: '2026-04-05',
      duanwu: '2026-06-19',
      zhongqiu: '2026-09-25',
    },
  ];
  for (const d of legal) {
    expect([lunar(dayAfter(d.lunarNewYearsEve)), lunar(d.duanwu), lunar(d.zhongqiu)]).toEqual([
      '1-1',
      '5-5',
      '8-15',
    ]);
    const workingInNotice = statutoryYear(d).daysOff.filter((day) => {
      const w = official.isWorkingDay(day);
      return !w.ok || w.value;
    });
    expect(workingInNotice).toEqual([]);
  }
});

it('fills only the cited years a calendar lacks, and none once the notice is configured', () => {
  const shipped = createCalendar(OFFICIAL_YEARS);
  const prov = provisionalCalendar(shipped)!;
  expect(prov.years).toEqual([2021, 2022, 2023, 2024, 2025, 2026, 2027]);
  expect(prov.noticeOf(2027)).toMatch(/国务院令第795号/);
  expect(prov.isWorkingDay('2028-01-03')).toMatchObject({
    ok: false,
    error: { code: 'calendarMissing', year: 2028 },
  });
  const notice = {
    year: 2027,
    notice: '国办发明电〔2026〕1号',
    daysOff: ['2027-01-01'],
    workingWeekends: [],
  };
  expect(provisionalCalendar(createCalendar([...OFFICIAL_YEARS, notice]))).toBeNull();
});

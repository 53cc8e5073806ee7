// A provisional calendar for a year whose holiday notice has not been published yet: the days the
// law itself fixes, without the notice's 调休. 《全国年节及纪念日放假办法》 as amended by 国务院令第795号
// (2024-11-10, in force 2025-01-01) gives every citizen these days off: 元旦 1 day (01-01);
// 春节 4 days (农历除夕 and 正月初一 to 初三); 清明节 1 day (the day of the 清明 solar term); 劳动节
// 2 days (05-01, 05-02); 端午节 1 day (农历五月初五); 中秋节 1 day (农历八月十五); 国庆节 3 days
// (10-01 to 10-03). Its rule that a day off for all citizens falling on a Saturday or Sunday is
// made up on a working day (补假) is applied on the next weekdays after the holiday, the way the
// notices have placed it; the notice may still move days (调休), which is why a year built here is
// only ever shown as provisional and gives way to the notice as soon as it is configured.
//
// Lunar and solar-term dates are astronomy, not policy, and are listed only for years we can cite:
// 2027 from the 香港天文台 公历与农历日期对照表 (2027), 除夕 2027-02-05 (腊月廿九, the last day of
// a 29-day twelfth month), 正月初一 02-06, 清明 04-05, 端午 06-09, 中秋 09-15; cross-checked in
// provisional.unit.spec.ts against the lunar tables of the `chinese-days` package. A year not
// listed stays calendarMissing: no rule is guessed beyond the years cited.

import { dayNumber, isoOfDay, isWeekend } from './day-number';
import type { YearTable } from './year-table';
import { createCalendar, type WorkingCalendar } from './working-calendar';

export type LegalDates = {
  year: number;
  /** 农历除夕, the last day of the lunar year that ends in `year`. */
  lunarNewYearsEve: string;
  /** The day of the 清明 solar term. */
  qingming: string;
  /** 农历五月初五. */
  duanwu: string;
  /** 农历八月十五. */
  zhongqiu: string;
};

export const LEGAL_DATES: readonly LegalDates[] = [
  {
    year: 2027,
    lunarNewYearsEve: '2027-02-05',
    qingming: '2027-04-05',
    duanwu: '2027-06-09',
    zhongqiu: '2027-09-15',
  },
];

export const PROVISIONAL_NOTICE =
  '《全国年节及纪念日放假办法》(国务院令第795号) 法定假日推算，未含当年通知的调休';

/** The year's statutory days off, each festival followed by its 补假, as a table with no 调休. */
export function statutoryYear(d: LegalDates): YearTable {
  const y = d.year;
  const run = (first: string, days: number) => Array.from({ length: days }, (_, i) => dayNumber(first)! + i);
  const festivals = [
    run(`${y}-01-01`, 1),
    run(d.lunarNewYearsEve, 4),
    run(d.qingming, 1),
    run(`${y}-05-01`, 2),
    run(d.duanwu, 1),
    run(d.zhongqiu, 1),
    run(`${y}-10-01`, 3),
  ];
  const off = new Set(festivals.flat());
  for (const days of festivals) {
    let owed = days.filter(isWeekend).length;
    for (let n = days[days.length - 1] + 1; owed > 0; n++)
      if (!isWeekend(n) && !off.has(n)) {
        off.add(n);
        owed--;
      }
  }
  const daysOff = [...off].sort((a, b) => a - b).map(isoOfDay);
  return { year: y, notice: PROVISIONAL_NOTICE, daysOff, workingWeekends: [] };
}

/** `cal` with every cited year it lacks filled in by statute; null when it lacks none of them. */
export function provisionalCalendar(cal: WorkingCalendar): WorkingCalendar | null {
  const missing = LEGAL_DATES.filter((d) => cal.noticeOf(d.year) === undefined).map(statutoryYear);
  return missing.length ? createCalendar([...cal.tables, ...missing]) : null;
}

// Cross-check of the shipped table against the independently maintained `chinese-days` package
// (calendar.md). A test-only import: the library never depends on it, because the package guesses
// Monday–Friday for a year it lacks.
import { isWorkday } from 'chinese-days';

import { isoOfDay, firstDayOfYear } from './day-number';
import { OFFICIAL_YEARS } from './official-days';
import { createCalendar } from './working-calendar';

const cal = createCalendar(OFFICIAL_YEARS);

it.each(OFFICIAL_YEARS.map((t) => [t.year, t.notice]))(
  'every date of %i (%s) agrees with chinese-days on working or not',
  (year) => {
    const disagreements: string[] = [];
    for (let n = firstDayOfYear(year); n < firstDayOfYear(year + 1); n++) {
      const date = isoOfDay(n);
      const ours = cal.isWorkingDay(date);
      if (!ours.ok || ours.value !== isWorkday(date)) disagreements.push(date);
    }
    expect(disagreements).toEqual([]);
  },
);

it('ships exactly the years 2021–2026, each naming a 国办发明电 notice of the year before', () => {
  expect(OFFICIAL_YEARS.map((t) => t.year)).toEqual([2021, 2022, 2023, 2024, 2025, 2026]);
  for (const t of OFFICIAL_YEARS) expect(t.notice).toMatch(new RegExp(`^国办发明电〔${t.year - 1}〕\\d+号$`));
});

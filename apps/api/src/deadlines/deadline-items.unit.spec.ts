import type { ApplicationEntity, ClockMark } from '@app/domain';
import { OFFICIAL_YEARS, createCalendar } from '@app/domain/calendar';
import { calendarWith } from './calendar-file';
import { countByOrg, deadlineItems } from './deadline-items';

const cal = createCalendar(OFFICIAL_YEARS);
const ZONE = 'Asia/Shanghai';

function app(id: string, clock: [ClockMark['kind'], string][], concludedAt?: string): ApplicationEntity {
  const marks = clock.map(([kind, on]) => ({ kind, on }));
  const a: ApplicationEntity = {
    kind: 'application',
    version: marks.length,
    firstAtMs: Date.parse(`${marks[0].on}T09:00:00+08:00`),
    applicationId: id,
    applicantType: 'naturalPerson',
    receivedAtMs: Date.parse(`${marks[0].on}T09:00:00+08:00`),
    receivedOn: marks[0].on,
    state: concludedAt ? 'concluded' : 'running',
    extended: marks.some((m) => m.kind === 'extended'),
    clock: marks,
    feeNotices: 0,
    feeNoticedFen: 0,
    feePaidFen: 0,
  };
  if (concludedAt) a.concludedAtMs = Date.parse(concludedAt);
  return a;
}
const of = (application: ApplicationEntity, orgId = 'town-a') => ({ orgId, timeZone: ZONE, application });

describe('deadlineItems', () => {
  const list = [
    of(app('late', [['received', '2025-01-02']])),
    of(
      app('waiting', [
        ['received', '2025-01-10'],
        ['supplementRequested', '2025-01-13'],
      ]),
    ),
    of(app('early', [['received', '2025-01-20']]), 'town-b'),
    of(app('first', [['received', '2024-12-20']])),
  ];

  it('sorts by due date, those without one last', () =>
    expect(deadlineItems(list, '2025-02-05', cal).map((i) => [i.applicationId, i.dueOn, i.overdue])).toEqual([
      ['first', '2025-01-20', true],
      ['late', '2025-02-06', false],
      ['early', '2025-02-21', false],
      ['waiting', null, false],
    ]));

  it('keeps an application concluded after asOf, drops one concluded on or before it', () => {
    const concluded = app('done', [['received', '2025-01-06']], '2025-02-10T10:00:00+08:00');
    expect(deadlineItems([of(concluded)], '2025-02-07', cal)).toHaveLength(1);
    expect(deadlineItems([of(concluded)], '2025-02-10', cal)).toHaveLength(0);
  });

  it('judges the conclusion date in the org time zone', () => {
    // 2025-02-09T20:00Z is already 02-10 in Shanghai: still open at the end of 02-09 there.
    const concluded = app('tz', [['received', '2025-01-06']], '2025-02-09T20:00:00Z');
    expect(deadlineItems([of(concluded)], '2025-02-09', cal)).toHaveLength(1);
  });

  it('leaves out applications received after asOf', () =>
    expect(deadlineItems(list, '2025-01-05', cal).map((i) => i.applicationId)).toEqual(['first', 'late']));

  it('counts open, overdue and due within 5 working days per org', () =>
    expect(Object.fromEntries(countByOrg(deadlineItems(list, '2025-02-05', cal)))).toEqual({
      'town-a': { open: 3, overdue: 1, dueSoon: 1, feeOverdue: 0 },
      'town-b': { open: 1, overdue: 0, dueSoon: 0, feeOverdue: 0 },
    }));

  it('shows an unpaid 信息处理费 notice as feeOverdue after its 20 working days, and counts it', () => {
    // Notice on 2026-09-29: the last day to pay is 2026-11-02 (National Day 10-01…10-07 skipped).
    const unpaid = of(
      app('unpaid', [
        ['received', '2026-09-21'],
        ['feeNoticed', '2026-09-29'],
      ]),
      'town-c',
    );
    const before = deadlineItems([unpaid], '2026-11-02', cal)[0];
    expect(before).toMatchObject({ state: 'awaitingFee', feePayableBy: '2026-11-02', dueOn: null });
    const after = deadlineItems([unpaid], '2026-11-03', cal);
    expect(after[0]).toMatchObject({ state: 'feeOverdue', feePayableBy: '2026-11-02', overdue: false });
    expect(countByOrg(after).get('town-c')).toEqual({ open: 1, overdue: 0, dueSoon: 0, feeOverdue: 1 });
  });
});

describe('deadlineItems past the calendar: a provisional due date from the statutory holidays', () => {
  const dec04 = of(app('dec04', [['received', '2026-12-04']]));
  const cny = of(app('cny', [['received', '2027-01-22']]));

  it('keeps dueOn null and calendarMissing, and adds the provisional due date beside them', () =>
    // 20 working days after Friday 2026-12-04: 19 in December, 元旦 (Friday 01-01) off, Monday 01-04.
    expect(deadlineItems([dec04], '2026-12-04', cal)).toEqual([
      expect.objectContaining({
        dueOn: null,
        workingDaysLeft: null,
        overdue: false,
        calendarMissing: true,
        provisional: true,
        provisionalDueOn: '2027-01-04',
        provisionalWorkingDaysLeft: 20,
      }),
    ]));

  it('skips 春节 with its 补假: 2027-02-05 to 02-10 off, due 2027-02-25', () =>
    // Jan 25–29 (5), Feb 1–4 (9), Feb 11–12 (11), Feb 15–19 (16), Feb 22–25 (20).
    expect(deadlineItems([cny], '2027-01-25', cal)[0]).toMatchObject({
      calendarMissing: true,
      provisionalDueOn: '2027-02-25',
      provisionalWorkingDaysLeft: 19,
    }));

  it('gives way to the notice once a 2027 calendar is configured', () => {
    const notice = { year: 2027, notice: '国办发明电〔2026〕9号', daysOff: ['2027-01-01/2027-01-03', '2027-02-05/2027-02-13'], workingWeekends: [] }; // prettier-ignore
    const withNotice = calendarWith(OFFICIAL_YEARS, JSON.stringify([notice]), 'calendar.json');
    const [item] = deadlineItems([cny], '2027-01-25', withNotice);
    expect(item).toMatchObject({ dueOn: '2027-03-01', workingDaysLeft: 19 });
    expect(Object.keys(item)).not.toEqual(expect.arrayContaining(['provisional']));
    expect(item.calendarMissing).toBeUndefined();
  });

  it('offers nothing provisional where no cited year covers the count', () => {
    const [item] = deadlineItems([of(app('y28', [['received', '2027-12-20']]))], '2027-12-20', cal);
    expect(item).toMatchObject({ dueOn: null, calendarMissing: true });
    expect(item.provisional).toBeUndefined();
  });
});

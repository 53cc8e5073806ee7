import { deadlineOf, type ClockMark } from './deadline';
import { OFFICIAL_YEARS } from './official-days';
import { createCalendar } from './working-calendar';

const cal = createCalendar(OFFICIAL_YEARS);
const mark = (kind: ClockMark['kind'], on: string): ClockMark => ({ kind, on });
const received = (on: string) => mark('received', on);
const running = (dueOn: string, workingDaysLeft: number, more: object = {}) => ({
  state: 'running',
  dueOn,
  workingDaysLeft,
  overdue: false,
  extended: false,
  ...more,
});

describe('deadlineOf: the 20th working day after receipt (art. 33)', () => {
  it('gives the contract example: received Monday 2025-01-20, due 2025-02-21', () =>
    expect(deadlineOf([received('2025-01-20')], '2025-02-20', cal)).toEqual(running('2025-02-21', 1)));

  it.each([
    ['2024-02-08', '2024-03-13', 'before the 2024 Spring Festival; 除夕 02-09 and Sunday 02-18 count'],
    ['2025-01-24', '2025-02-27', 'before the 2025 Spring Festival; Sunday 01-26 and Saturday 02-08 count'],
    ['2026-02-13', '2026-03-19', 'before the nine-day 2026 Spring Festival; Saturdays 02-14 and 02-28 count'],
    ['2024-09-30', '2024-11-01', 'before the 2024 National Day; Saturday 10-12 counts'],
    ['2025-09-28', '2025-10-31', 'on a working Sunday before the 2025 National Day; Saturday 10-11 counts'],
    ['2026-09-30', '2026-11-03', 'before the 2026 National Day; Saturday 10-10 counts'],
  ])('received %s → due %s (%s)', (on, dueOn) =>
    expect(deadlineOf([received(on)], on, cal)).toMatchObject({
      state: 'running',
      dueOn,
      workingDaysLeft: 20,
    }),
  );

  it('is 0 days left on the due date itself, and not overdue', () =>
    expect(deadlineOf([received('2025-01-20')], '2025-02-21', cal)).toEqual(running('2025-02-21', 0)));

  it('is overdue the day after, with minus the working days since', () => {
    expect(deadlineOf([received('2025-01-20')], '2025-02-26', cal)).toEqual(
      running('2025-02-21', -3, { overdue: true }),
    );
    // Overdue by date even over a weekend when no working day has passed yet.
    expect(deadlineOf([received('2025-01-20')], '2025-02-23', cal)).toEqual(
      running('2025-02-21', 0, { overdue: true }),
    );
  });

  it('is null before receipt, and ignores marks after asOf', () => {
    expect(deadlineOf([], '2025-01-20', cal)).toBeNull();
    expect(deadlineOf([received('2025-01-21')], '2025-01-20', cal)).toBeNull();
  });
});

describe('supplement (art. 30)', () => {
  const marks = [
    received('2025-03-03'),
    mark('supplementRequested', '2025-03-05'),
    mark('supplementReceived', '2025-03-12'),
  ];

  it('has no due date while awaiting the supplement', () =>
    expect(deadlineOf(marks, '2025-03-11', cal)).toEqual({
      state: 'awaitingSupplement',
      dueOn: null,
      workingDaysLeft: null,
      overdue: false,
      extended: false,
    }));

  it('counts 20 working days afresh from the day the supplement arrives (清明 04-04 skipped)', () =>
    expect(deadlineOf(marks, '2025-03-12', cal)).toEqual(running('2025-04-10', 20)));

  it('drops an extension of the superseded period', () =>
    expect(
      deadlineOf([marks[0], mark('extended', '2025-03-04'), ...marks.slice(1)], '2025-03-12', cal),
    ).toEqual(running('2025-04-10', 20)));
});

describe('extension (art. 33 para. 1)', () => {
  const marks = [received('2025-01-20'), mark('extended', '2025-02-18')];

  it('moves the due date 20 working days later', () =>
    expect(deadlineOf(marks, '2025-02-18', cal)).toEqual(running('2025-03-21', 23, { extended: true })));

  it('is granted once: a repeated mark adds nothing', () =>
    expect(deadlineOf([...marks, mark('extended', '2025-02-19')], '2025-02-19', cal)).toMatchObject({
      dueOn: '2025-03-21',
    }));

  it('does not count before it is marked', () =>
    expect(deadlineOf(marks, '2025-02-17', cal)).toEqual(running('2025-02-21', 4)));
});

describe('consultation (art. 33 para. 2)', () => {
  const marks = [
    received('2025-03-03'),
    mark('consultationStarted', '2025-03-10'),
    mark('consultationEnded', '2025-03-14'),
  ];

  it('has no due date while consulting', () =>
    expect(deadlineOf(marks, '2025-03-12', cal)).toMatchObject({
      state: 'consulting',
      dueOn: null,
      workingDaysLeft: null,
      overdue: false,
    }));

  it('moves the due date by the working days after the start up to and including the end', () => {
    expect(deadlineOf(marks.slice(0, 1), '2025-03-03', cal)).toMatchObject({ dueOn: '2025-03-31' });
    // 03-11…03-14 are 4 working days; 2025-04-04 (清明) is skipped.
    expect(deadlineOf(marks, '2025-03-14', cal)).toEqual(running('2025-04-07', 15));
  });

  it('adds a later extension on top', () =>
    expect(deadlineOf([...marks, mark('extended', '2025-03-20')], '2025-03-20', cal)).toMatchObject({
      dueOn: '2025-05-07', // Sunday 04-27 is a working day; 05-01…05-05 are not
      extended: true,
    }));
});

describe('calendarMissing', () => {
  const missing = { dueOn: null, workingDaysLeft: null, overdue: false, calendarMissing: true };

  it('for an application received in 2027', () =>
    expect(deadlineOf([received('2027-01-05')], '2027-01-05', cal)).toMatchObject(missing));

  it('for a count that runs past 2026-12-31', () =>
    expect(deadlineOf([received('2026-12-15')], '2026-12-20', cal)).toMatchObject(missing));

  it('keeps a known due date when only asOf lies past the calendar', () =>
    expect(deadlineOf([received('2026-11-02')], '2027-01-04', cal)).toEqual({
      state: 'running',
      dueOn: '2026-11-30',
      workingDaysLeft: null,
      overdue: true,
      extended: false,
      calendarMissing: true,
    }));
});

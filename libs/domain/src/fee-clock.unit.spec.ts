import { concluded, feeNoticed, feePaid, received } from '@app/testing/builders';
import { givenEvents } from '@app/testing/given';
import { deadlineOf, type ClockMark } from './calendar/deadline';
import { OFFICIAL_YEARS } from './calendar/official-days';
import { createCalendar } from './calendar/working-calendar';

// 2026: Mid-Autumn 09-25…09-27 and National Day 10-01…10-07 off; Saturday 10-10 a working day.
const cal = createCalendar(OFFICIAL_YEARS);
const mark = (kind: ClockMark['kind'], on: string): ClockMark => ({ kind, on });
const receipt = mark('received', '2026-09-21');

describe('the payment clock of 信息处理费 (信息处理费办法) through the 2026 National Day', () => {
  it('runs to 2026-10-26 without a notice', () =>
    expect(deadlineOf([receipt], '2026-09-29', cal)).toMatchObject({
      state: 'running',
      dueOn: '2026-10-26',
    }));

  it('stands while a notice is unpaid, with the last day to pay', () =>
    expect(deadlineOf([receipt, mark('feeNoticed', '2026-09-29')], '2026-10-12', cal)).toEqual({
      state: 'awaitingFee',
      dueOn: null,
      workingDaysLeft: null,
      overdue: false,
      extended: false,
      feePayableBy: '2026-11-02',
    }));

  it('moves the due date later by the working days from the notice to the payment', () =>
    // 09-30, 10-08, 10-09, Saturday 10-10 and 10-12: five working days not counted.
    expect(
      deadlineOf(
        [receipt, mark('feeNoticed', '2026-09-29'), mark('feePaid', '2026-10-12')],
        '2026-10-12',
        cal,
      ),
    ).toMatchObject({ state: 'running', dueOn: '2026-11-02', workingDaysLeft: 15 }));

  it('is still awaitingFee on the 20th working day after the notice', () =>
    expect(deadlineOf([receipt, mark('feeNoticed', '2026-09-29')], '2026-11-02', cal)).toMatchObject({
      state: 'awaitingFee',
    }));

  it('is feeOverdue the day after, when nothing was paid', () =>
    expect(deadlineOf([receipt, mark('feeNoticed', '2026-09-29')], '2026-11-03', cal)).toMatchObject({
      state: 'feeOverdue',
      dueOn: null,
      feePayableBy: '2026-11-02',
    }));

  it('counts a payment after the 20 days like any other (the agency may still accept it)', () =>
    expect(
      deadlineOf(
        [receipt, mark('feeNoticed', '2026-09-29'), mark('feePaid', '2026-11-04')],
        '2026-11-04',
        cal,
      ),
    ).toMatchObject({ state: 'running' }));
});

describe('decide: other.feeUnpaid only once the 20 working days to pay have run (信息处理费办法)', () => {
  const id = 'F1';
  const at = (d: string) => `${d}T10:00:00+08:00`;
  const life = [received({ id, at: at('2026-09-21') }), feeNoticed({ id, at: at('2026-09-29') })];

  it('refuses it on the 20th working day, naming the first day it is possible', () =>
    givenEvents(life)
      .when(concluded({ id, outcome: 'other.feeUnpaid', at: at('2026-11-02') }))
      .thenRefused(
        'processingFee.notOverdue',
        422,
        'application F1 was sent a fee notice on 2026-09-29; the applicant may pay within 20 working days, so other.feeUnpaid can be recorded from 2026-11-03 on (信息处理费办法)',
      ));

  it('accepts it the day after', () =>
    givenEvents(life)
      .when(concluded({ id, outcome: 'other.feeUnpaid', at: at('2026-11-03') }))
      .thenAccepted());

  it('refuses it when the fee was paid', () =>
    givenEvents([...life, feePaid({ id, at: at('2026-10-12') })])
      .when(concluded({ id, outcome: 'other.feeUnpaid', at: at('2026-11-20') }))
      .thenRefused('processingFee.noUnpaidNotice', 422));

  it('refuses it with no notice at all', () =>
    givenEvents([life[0]])
      .when(concluded({ id, outcome: 'other.feeUnpaid', at: at('2026-11-20') }))
      .thenRefused('processingFee.noUnpaidNotice', 422));

  it('leaves other outcomes alone while a notice is unpaid', () =>
    givenEvents(life)
      .when(concluded({ id, outcome: 'disclosed', at: at('2026-10-09') }))
      .thenAccepted());

  it('refuses an applicant key shaped like an ID number', () =>
    givenEvents([])
      .when(received({ id, applicantKey: '110101199003074518', at: at('2026-09-21') }))
      .thenRefused('application.applicantKeyIdentifying', 422));
});

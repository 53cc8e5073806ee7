// The reply deadline of an application (《政府信息公开条例》 arts. 30 and 33; docs/dashboard.md),
// folded from its clock marks as of the end of a local day.

import { assertNever } from '../events';
import { dayNumber } from './day-number';
import type { WorkingCalendar } from './working-calendar';

export type ClockMark = {
  kind:
    | 'received'
    | 'supplementRequested'
    | 'supplementReceived'
    | 'consultationStarted'
    | 'consultationEnded'
    | 'extended'
    | 'feeNoticed'
    | 'feePaid';
  /** Local date 'YYYY-MM-DD' in the org's time zone. */
  on: string;
};

export type DeadlineState = 'running' | 'awaitingSupplement' | 'consulting' | 'awaitingFee' | 'feeOverdue';

export type Deadline = {
  state: DeadlineState;
  dueOn: string | null;
  workingDaysLeft: number | null;
  overdue: boolean;
  extended: boolean;
  calendarMissing?: true;
  /** While a fee notice is unpaid: the last day of the 20 working days to pay (信息处理费办法). */
  feePayableBy?: string | null;
};

// Art. 33 para. 1: 20 working days to reply, extendable once by at most 20 more.
const REPLY_WORKING_DAYS = 20;
const EXTENSION_WORKING_DAYS = 20;
/** 信息处理费办法, 20 working days to pay: the applicant pays within 20 working days from the day after the notice. */
export const FEE_PAYMENT_WORKING_DAYS = 20;

type Clock = {
  state: Exclude<DeadlineState, 'feeOverdue'>;
  /** The count starts after this day: the receipt, or the supplement's receipt (art. 30). */
  from: string;
  /** Working days after `from`; null when a consultation ran into a year the calendar lacks. */
  days: number | null;
  extended: boolean;
  consultingSince: string | null;
  /** The day of the unpaid fee notice that stopped the clock. */
  feeNoticedOn: string | null;
};

/**
 * The deadline as of the end of `asOf`, counting only marks on or before it. Null when the
 * application has not been received by then. Throws RangeError on a malformed date, which the
 * IO shell never produces (it derives every date with localIsoDate).
 */
export function deadlineOf(marks: readonly ClockMark[], asOf: string, cal: WorkingCalendar): Deadline | null {
  assertDate(asOf);
  let clock: Clock | null = null;
  for (const mark of marks) {
    assertDate(mark.on);
    if (mark.on > asOf) continue;
    clock = evolve(clock, mark, cal);
  }
  if (!clock) return null;
  const { state, extended } = clock;
  if (state === 'awaitingFee') return awaitingFee(clock, asOf, cal);
  if (state !== 'running') return { state, dueOn: null, workingDaysLeft: null, overdue: false, extended };
  const due = clock.days === null ? null : cal.addWorkingDays(clock.from, clock.days);
  if (!due?.ok) return unknownDue(clock);
  const dueOn = due.value;
  const overdue = asOf > dueOn;
  const left = cal.workingDaysBetween(asOf, dueOn);
  // The due date is known but asOf lies in a year the calendar lacks: keep what is certain.
  if (!left.ok) return { state, dueOn, workingDaysLeft: null, overdue, extended, calendarMissing: true };
  return { state, dueOn, workingDaysLeft: left.value, overdue, extended };
}

/** 20 working days counting from `from`: at receipt, and afresh after a supplement (art. 30). */
const freshClock = (from: string): Clock => ({
  state: 'running',
  from,
  days: REPLY_WORKING_DAYS,
  extended: false,
  consultingSince: null,
  feeNoticedOn: null,
});

function evolve(clock: Clock | null, mark: ClockMark, cal: WorkingCalendar): Clock | null {
  if (!clock) {
    // Nothing runs before receipt; a stray mark before it is ignored.
    if (mark.kind !== 'received') return null;
    return freshClock(mark.on);
  }
  switch (mark.kind) {
    case 'received':
      return clock;
    case 'supplementRequested':
      return { ...clock, state: 'awaitingSupplement', consultingSince: null };
    case 'supplementReceived':
      // Art. 30: the period counts afresh from the supplement's receipt; an earlier extension
      // belonged to the superseded period.
      if (clock.state !== 'awaitingSupplement') return clock;
      return freshClock(mark.on);
    case 'consultationStarted':
      return clock.state === 'running' ? { ...clock, state: 'consulting', consultingSince: mark.on } : clock;
    case 'consultationEnded': {
      // Art. 33 para. 2: the time spent consulting third parties is not counted.
      if (clock.state !== 'consulting' || clock.consultingSince === null) return clock;
      const spent = cal.workingDaysBetween(clock.consultingSince, mark.on);
      const days = spent.ok && clock.days !== null ? clock.days + Math.max(0, spent.value) : null;
      return { ...clock, state: 'running', days, consultingSince: null };
    }
    case 'feeNoticed':
      // 信息处理费办法: the time the applicant takes to pay is not counted. A notice while the clock
      // already stands (supplement, consultation) or a second notice changes nothing.
      return clock.state === 'running' ? { ...clock, state: 'awaitingFee', feeNoticedOn: mark.on } : clock;
    case 'feePaid': {
      // Like a consultation: the due date moves later by the working days after the notice day
      // up to and including the day of payment.
      if (clock.state !== 'awaitingFee' || clock.feeNoticedOn === null) return clock;
      const spent = cal.workingDaysBetween(clock.feeNoticedOn, mark.on);
      const days = spent.ok && clock.days !== null ? clock.days + Math.max(0, spent.value) : null;
      return { ...clock, state: 'running', days, feeNoticedOn: null };
    }
    case 'extended':
      // Art. 33 para. 1 allows one extension of at most 20 working days; a repeated mark adds nothing.
      if (clock.extended) return clock;
      return {
        ...clock,
        days: clock.days === null ? null : clock.days + EXTENSION_WORKING_DAYS,
        extended: true,
      };
    default:
      return assertNever(mark.kind);
  }
}

/** Paused for payment; once the 20 working days to pay have passed with no payment, feeOverdue. */
function awaitingFee(clock: Clock, asOf: string, cal: WorkingCalendar): Deadline {
  const base = { dueOn: null, workingDaysLeft: null, overdue: false, extended: clock.extended };
  const by = feePayableBy(clock.feeNoticedOn as string, cal);
  if (by === null) return { ...base, state: 'awaitingFee', feePayableBy: null, calendarMissing: true };
  return { ...base, state: asOf > by ? 'feeOverdue' : 'awaitingFee', feePayableBy: by };
}

/** The last day to pay a notice of `noticedOn`; null when the calendar lacks the year. */
export function feePayableBy(noticedOn: string, cal: WorkingCalendar): string | null {
  const by = cal.addWorkingDays(noticedOn, FEE_PAYMENT_WORKING_DAYS);
  return by.ok ? by.value : null;
}

function unknownDue(clock: Clock): Deadline {
  return {
    state: clock.state,
    dueOn: null,
    workingDaysLeft: null,
    overdue: false,
    extended: clock.extended,
    calendarMissing: true,
  };
}

function assertDate(date: string): void {
  if (dayNumber(date) === null) throw new RangeError(`not a local date YYYY-MM-DD: '${date}'`);
}

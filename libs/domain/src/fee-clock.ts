// The unpaid outcome of 信息处理费办法, 20 working days to pay: an applicant who does not pay within 20 working days
// of the notice is taken to have dropped the application, which the report counts in table 三
// row （六）2 (other.feeUnpaid). Before those days have run, the outcome is refused.

import type { ApplicationEntity } from './entities';
import type { Outcome } from './events';
import type { Refusal } from './decide';
import { OFFICIAL_YEARS } from './calendar/official-days';
import { feePayableBy } from './calendar/deadline';
import { provisionalCalendar } from './calendar/provisional';
import { createCalendar, type WorkingCalendar } from './calendar/working-calendar';
import { localIsoDate } from './local-time';

/** Table 三 row （六）2: 申请人逾期未按收费通知要求缴纳费用. */
export const FEE_UNPAID: Outcome = 'other.feeUnpaid';

let shipped: WorkingCalendar | undefined;
/** The calendar the service ships, with statutory years filled in: used when no other is given. */
function shippedCalendar(): WorkingCalendar {
  if (!shipped) {
    const official = createCalendar(OFFICIAL_YEARS);
    shipped = provisionalCalendar(official) ?? official;
  }
  return shipped;
}

/** The day of the notice the application is still waiting to be paid, or null. */
export function unpaidNoticeOn(a: ApplicationEntity): string | null {
  if (a.state !== 'awaitingFee') return null;
  for (let i = a.clock.length - 1; i >= 0; i--) if (a.clock[i].kind === 'feeNoticed') return a.clock[i].on;
  return null;
}

/** The first local day other.feeUnpaid may be recorded (the day after the last day to pay), or null. */
export function feeUnpaidFrom(a: ApplicationEntity, cal: WorkingCalendar = shippedCalendar()): string | null {
  const noticed = unpaidNoticeOn(a);
  const by = noticed === null ? null : feePayableBy(noticed, cal);
  if (by === null) return null;
  const next = new Date(`${by}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

export function feeUnpaidRefusal(
  a: ApplicationEntity,
  at: number,
  zone: string,
  cal: WorkingCalendar = shippedCalendar(),
): Refusal | null {
  const id = a.applicationId;
  const noticed = unpaidNoticeOn(a);
  if (noticed === null)
    return {
      status: 422,
      code: 'processingFee.noUnpaidNotice',
      message: `application ${id} has no unpaid processing fee notice that stopped its clock; other.feeUnpaid (信息处理费办法) needs one: send ProcessingFeeNoticed first, or choose another outcome`,
    };
  const from = feeUnpaidFrom(a, cal);
  if (from === null)
    return {
      status: 422,
      code: 'calendarMissing',
      message: `the 20 working days to pay the notice of ${noticed} for application ${id} run into a year the working-day calendar lacks; add that year (CALENDAR_FILE) first`,
    };
  if (localIsoDate(at, zone) >= from) return null;
  return {
    status: 422,
    code: 'processingFee.notOverdue',
    message: `application ${id} was sent a fee notice on ${noticed}; the applicant may pay within 20 working days, so other.feeUnpaid can be recorded from ${from} on (信息处理费办法)`,
  };
}

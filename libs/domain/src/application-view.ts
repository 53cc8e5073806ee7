// One application as the workbench shows it: where its statutory clock stands (条例 arts. 30–33)
// and which events the command side would accept for it now. The latter asks decide itself, with
// the same entity, so the page's buttons cannot drift from what POST /v1/events accepts.

import { deadlineOf, type ClockMark, type WorkingCalendar } from './calendar';
import { decide } from './decide';
import type { ApplicationEntity } from './entities';
import type { DisclosureEvent, EventDataMap } from './events';
import { feeUnpaidFrom } from './fee-clock';
import { isoWithOffset, localIsoDate } from './local-time';
import { formatFenAsYuan } from './money';

/** Every event that continues an application, in the order a clerk meets them. */
export const FOLLOW_UPS = [
  'ApplicationSupplementRequested',
  'ApplicationSupplementReceived',
  'ApplicationConsultationStarted',
  'ApplicationConsultationEnded',
  'ApplicationDeadlineExtended',
  'ProcessingFeeNoticed',
  'ProcessingFeePaid',
  'ApplicationConcluded',
  'ApplicationOutcomeCorrected',
] as const;
export type FollowUp = (typeof FOLLOW_UPS)[number];

export type ApplicationView = {
  orgId: string;
  applicationId: string;
  applicantType: ApplicationEntity['applicantType'];
  channel: ApplicationEntity['channel'] | null;
  receivedOn: string;
  state: ApplicationEntity['state'];
  dueOn: string | null;
  workingDaysLeft: number | null;
  overdue: boolean;
  extended: boolean;
  calendarMissing: boolean;
  clock: ClockMark[];
  concludedOn: string | null;
  outcome: ApplicationEntity['outcome'] | null;
  /** pages of the conclusion (办法 art. 5) */
  pages: number | null;
  /**
   * payableBy: the last day to pay an unpaid notice (信息处理费办法); overdue: that day has passed,
   * so other.feeUnpaid may be recorded from unpaidFrom on.
   */
  fees: {
    notices: number;
    noticedYuan: string;
    paidYuan: string;
    payableBy: string | null;
    overdue: boolean;
    unpaidFrom: string | null;
  };
  nextActions: FollowUp[];
};

/** A stand-in payload for each follow-up: decide judges the application's state, not these values. */
const PROBE: { [T in FollowUp]: (id: string) => EventDataMap[T] } = {
  ApplicationSupplementRequested: (applicationId) => ({ applicationId }),
  ApplicationSupplementReceived: (applicationId) => ({ applicationId }),
  ApplicationConsultationStarted: (applicationId) => ({ applicationId, party: 'thirdParty' }),
  ApplicationConsultationEnded: (applicationId) => ({ applicationId }),
  ApplicationDeadlineExtended: (applicationId) => ({ applicationId }),
  ProcessingFeeNoticed: (applicationId) => ({ applicationId, amountYuan: '1' }),
  ProcessingFeePaid: (applicationId) => ({ applicationId, amountYuan: '1' }),
  ApplicationConcluded: (applicationId) => ({ applicationId, outcome: 'disclosed' }),
  ApplicationOutcomeCorrected: (applicationId) => ({ applicationId, outcome: 'disclosed', reason: '-' }),
};

/** The follow-ups decide would accept if they were sent at `nowMs`. */
export function nextActions(a: ApplicationEntity, orgId: string, zone: string, nowMs: number): FollowUp[] {
  const occurredAt = isoWithOffset(nowMs, zone);
  return FOLLOW_UPS.filter((type) => {
    const data = PROBE[type](a.applicationId);
    const probe = {
      eventId: '00000000-0000-4000-8000-000000000000',
      type,
      orgId,
      occurredAt,
      data,
    } as DisclosureEvent;
    return decide(a, probe, nowMs, zone) === null;
  });
}

/**
 * The view as of the end of `asOf` (today, in the org's zone). A concluded application shows the
 * due date as it stood on the day of its conclusion, so the clerk sees whether it was met.
 */
export function applicationView(
  a: ApplicationEntity,
  org: { orgId: string; timeZone: string },
  asOf: string,
  nowMs: number,
  cal: WorkingCalendar,
): ApplicationView {
  const concludedOn = a.concludedAtMs === undefined ? null : localIsoDate(a.concludedAtMs, org.timeZone);
  const d = deadlineOf(a.clock, concludedOn !== null && concludedOn < asOf ? concludedOn : asOf, cal);
  return {
    orgId: org.orgId,
    applicationId: a.applicationId,
    applicantType: a.applicantType,
    channel: a.channel ?? null,
    receivedOn: a.receivedOn,
    state: a.state,
    dueOn: d?.dueOn ?? null,
    workingDaysLeft: concludedOn === null ? (d?.workingDaysLeft ?? null) : null,
    overdue: concludedOn === null ? (d?.overdue ?? false) : d?.dueOn != null && concludedOn > d.dueOn,
    extended: a.extended,
    calendarMissing: d?.calendarMissing === true,
    clock: a.clock,
    concludedOn,
    outcome: a.outcome ?? null,
    pages: a.pages ?? null,
    fees: {
      notices: a.feeNotices,
      noticedYuan: formatFenAsYuan(a.feeNoticedFen),
      paidYuan: formatFenAsYuan(a.feePaidFen),
      payableBy: d?.feePayableBy ?? null,
      overdue: d?.state === 'feeOverdue',
      unpaidFrom: a.state === 'awaitingFee' ? feeUnpaidFrom(a, cal) : null,
    },
    nextActions: nextActions(a, org.orgId, org.timeZone, nowMs),
  };
}

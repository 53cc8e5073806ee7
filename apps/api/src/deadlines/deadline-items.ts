// The deadline list (docs/dashboard.md) as a pure function of application states: which were open
// at the end of `asOf`, and where each statutory clock (条例 arts. 30–33) stood then.

import { localIsoDate, type ApplicantType, type ApplicationEntity } from '@app/domain';
import {
  deadlineOf,
  provisionalCalendar,
  type DeadlineState,
  type WorkingCalendar,
} from '@app/domain/calendar';

export type DeadlineItem = {
  orgId: string;
  applicationId: string;
  applicantType: ApplicantType;
  receivedOn: string;
  state: DeadlineState;
  dueOn: string | null;
  extended: boolean;
  workingDaysLeft: number | null;
  overdue: boolean;
  calendarMissing?: true;
  /** While a 信息处理费 notice is unpaid: the last day to pay (信息处理费办法); feeOverdue after it. */
  feePayableBy?: string | null;
  /**
   * Only beside calendarMissing: the due date (and days left) counted with the statutory holidays
   * of a year whose notice is not configured yet (libs/domain/src/calendar/provisional.ts). dueOn
   * stays null, since the notice's 调休 may still move it; these fields go once the notice is loaded.
   */
  provisional?: true;
  provisionalDueOn?: string;
  provisionalWorkingDaysLeft?: number | null;
};

export type ApplicationOfOrg = { orgId: string; timeZone: string; application: ApplicationEntity };

/** "Due soon" on the dashboard: a reply due within this many working days (the due date included). */
export const DUE_SOON_WORKING_DAYS = 5;

/**
 * Applications received by the end of `asOf` and not concluded by then, sorted by due date; those
 * without one (awaiting a supplement, consulting, or past the calendar's last year) come last.
 */
export function deadlineItems(
  apps: readonly ApplicationOfOrg[],
  asOf: string,
  cal: WorkingCalendar,
  statutory: WorkingCalendar | null = provisionalCalendar(cal),
): DeadlineItem[] {
  const items: DeadlineItem[] = [];
  for (const { orgId, timeZone, application: a } of apps) {
    if (a.concludedAtMs !== undefined && localIsoDate(a.concludedAtMs, timeZone) <= asOf) continue;
    const d = deadlineOf(a.clock, asOf, cal);
    if (!d) continue;
    const item: DeadlineItem = {
      orgId,
      applicationId: a.applicationId,
      applicantType: a.applicantType,
      receivedOn: a.receivedOn,
      state: d.state,
      dueOn: d.dueOn,
      extended: d.extended,
      workingDaysLeft: d.workingDaysLeft,
      overdue: d.overdue,
    };
    if (d.feePayableBy !== undefined) item.feePayableBy = d.feePayableBy;
    if (d.calendarMissing) {
      item.calendarMissing = true;
      if (statutory) provisionally(item, deadlineOf(a.clock, asOf, statutory));
    }
    items.push(item);
  }
  return items.sort(byDueDate);
}

function provisionally(item: DeadlineItem, d: ReturnType<typeof deadlineOf>): void {
  // Nothing to offer where even the statutory rule runs out (a year no cited lunar dates cover).
  if (!d?.dueOn) return;
  item.provisional = true;
  item.provisionalDueOn = d.dueOn;
  item.provisionalWorkingDaysLeft = d.workingDaysLeft;
}

export function byDueDate(a: DeadlineItem, b: DeadlineItem): number {
  if (a.dueOn !== b.dueOn) {
    if (a.dueOn === null) return 1;
    if (b.dueOn === null) return -1;
    return a.dueOn < b.dueOn ? -1 : 1;
  }
  if (a.receivedOn !== b.receivedOn) return a.receivedOn < b.receivedOn ? -1 : 1;
  if (a.orgId !== b.orgId) return a.orgId < b.orgId ? -1 : 1;
  return a.applicationId < b.applicationId ? -1 : a.applicationId > b.applicationId ? 1 : 0;
}

/** feeOverdue: unpaid 信息处理费 notices past their 20 working days (信息处理费办法), a subset of open. */
export type DeadlineCounts = { open: number; overdue: number; dueSoon: number; feeOverdue: number };

/** Per org: open applications, overdue ones, ones due within DUE_SOON_WORKING_DAYS, fees overdue. */
export function countByOrg(items: readonly DeadlineItem[]): Map<string, DeadlineCounts> {
  const out = new Map<string, DeadlineCounts>();
  for (const i of items) {
    let c = out.get(i.orgId);
    if (!c) out.set(i.orgId, (c = { open: 0, overdue: 0, dueSoon: 0, feeOverdue: 0 }));
    c.open++;
    if (i.state === 'feeOverdue') c.feeOverdue++;
    if (i.overdue) c.overdue++;
    else if (i.workingDaysLeft !== null && i.workingDaysLeft <= DUE_SOON_WORKING_DAYS) c.dueSoon++;
  }
  return out;
}

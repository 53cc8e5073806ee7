// The county's daily reminder of reports not yet published (条例 art. 49 deadlines): a pure
// summary of its members' review status, which the worker POSTs to the county's webhook.

import type { ReviewInfo, ReviewStatus } from './review';
import { STATUS_WORDS } from './review';

export type ReminderMember = { orgId: string; name: string; kind: string; review: ReviewInfo };

export type ReminderSummary = {
  kind: 'gongkai.reviewReminder';
  countyId: string;
  countyName: string;
  year: number;
  asOf: string;
  counts: Record<ReviewStatus, number> & { overdue: number; dueWithin7Days: number };
  /** Members whose report is not yet published, most urgent first. */
  pending: {
    orgId: string;
    name: string;
    kind: string;
    status: ReviewStatus;
    statusText: string;
    dueOn: string;
    daysLeft: number;
    overdue: boolean;
  }[];
  /** One line of Chinese for a chat message. */
  text: string;
};

/** Reminders run from 1 January until the county's own report is due (31 March). */
export function remindsOn(year: number, today: string): boolean {
  return today >= `${year + 1}-01-01` && today <= `${year + 1}-03-31`;
}

export function reminderSummary(
  county: { orgId: string; name: string },
  year: number,
  asOf: string,
  members: readonly ReminderMember[],
): ReminderSummary | null {
  const counts = {
    draft: 0,
    submitted: 0,
    returned: 0,
    cleared: 0,
    published: 0,
    overdue: 0,
    dueWithin7Days: 0,
  };
  for (const m of members) {
    counts[m.review.status]++;
    if (m.review.overdue) counts.overdue++;
    else if (m.review.status !== 'published' && m.review.daysLeft <= 7) counts.dueWithin7Days++;
  }
  const pending = members
    .filter((m) => m.review.status !== 'published')
    .map(({ orgId, name, kind, review: r }) => ({
      orgId,
      name,
      kind,
      status: r.status,
      statusText: STATUS_WORDS[r.status],
      dueOn: r.dueOn,
      daysLeft: r.daysLeft,
      overdue: r.overdue,
    }))
    .sort((a, b) => a.daysLeft - b.daysLeft || a.orgId.localeCompare(b.orgId));
  if (pending.length === 0) return null;
  const text =
    `${county.name}${year}年政府信息公开工作年度报告：${members.length}家中已发布${counts.published}家，` +
    `待审核${counts.submitted}家，已退回${counts.returned}家，审核通过待发布${counts.cleared}家，未报送${counts.draft}家` +
    (counts.overdue
      ? `；已逾期${counts.overdue}家（${pending
          .filter((p) => p.overdue)
          .map((p) => p.name)
          .join('、')}）`
      : '') +
    (counts.dueWithin7Days ? `；7日内到期${counts.dueWithin7Days}家` : '') +
    '。';
  return {
    kind: 'gongkai.reviewReminder',
    countyId: county.orgId,
    countyName: county.name,
    year,
    asOf,
    counts,
    pending,
    text,
  };
}

// The words of the review before publication (docs/review.md), as the county office says them.

import type { ReviewInfo, ReviewStatus } from '@app/report';
import { word } from '../../lib/labels';

export type { ReviewComment } from '@app/domain';
export type { ReviewHistoryItem, ReviewStatus } from '@app/report';
/** Where a report stands in the review, without its history; the dashboard adds when it was submitted. */
export type ReviewSummary = Omit<ReviewInfo, 'history'> & { submittedAt?: string | null };

/** GET …/reports/{year}/comparison (docs/reports.md), as the service types it. */
export type { Comparison, ComparisonRow as CompRow } from '@app/report';

export const STATUS_TEXT: Record<ReviewStatus, string> = {
  draft: '草稿',
  submitted: '已报送待审核',
  returned: '已退回修改',
  cleared: '审核通过待发布',
  published: '已发布',
};

type TagType = 'success' | 'warning' | 'danger' | 'info' | 'primary';
export const STATUS_TAG: Record<ReviewStatus, TagType> = {
  draft: 'info',
  submitted: 'primary',
  returned: 'warning',
  cleared: 'success',
  published: 'success',
};

/** A section's title in the national format's words (GET /v1/labels), or its key while they load. */
export const sectionLabel = (k: string | undefined) => (k ? word('sections', k) : '');

const section = <K extends string>(key: K) => ({
  key,
  get label() {
    return sectionLabel(key);
  },
});
/** The sections a person writes: 一, 五 and 六. */
export const SECTIONS = [section('overview'), section('problems'), section('otherMatters')] as const;
export type SectionKey = (typeof SECTIONS)[number]['key'];

/** A member not yet submitted this close to its due date is flagged on the dashboard. */
export const DUE_NEAR_DAYS = 15;

/** Whether the county office should chase this member: not yet handed in, and the date is near or past. */
export const needsChasing = (r: ReviewSummary | undefined) =>
  !!r && !r.running && (r.status === 'draft' || r.status === 'returned') && r.daysLeft <= DUE_NEAR_DAYS;

export function daysText(r: ReviewSummary | undefined): string {
  if (!r || r.running) return '—';
  if (r.status === 'published') return '—';
  if (r.daysLeft < 0) return `逾期 ${-r.daysLeft} 天`;
  if (r.daysLeft === 0) return '今天到期';
  return `剩 ${r.daysLeft} 天`;
}

/** The 【待补充：…】 places the drafting left for a person to write. */
export const MARKER = /【待补充[^】]*】/g;
export const markersIn = (text: string | null | undefined) => (text ?? '').match(MARKER) ?? [];

const SEVERITY: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };
export const severityText = (s: string) => SEVERITY[s] ?? s;

/** Chinese words for the API's refusals a clerk or reviewer can meet on these pages. */
const REFUSALS: Record<string, string> = {
  'report.unwritten': '还有【待补充】的内容没有填写，请先补充后再报送。',
  'report.checksFailed': '报表校验未通过，请先核对数据。',
  'report.yearNotEnded': '该年度尚未结束，年度结束后才能报送和发布。',
  'report.projectionBehind': '统计尚未追上最新登记，请稍候几秒再试。',
  'review.notCleared': '报告尚未审核通过，不能发布。',
  'review.changedSinceCleared': '审核通过后数据或正文发生了变化，需要重新报送审核。',
  'review.notSubmitted': '报告当前不是待审核状态。',
  'review.notReviewed': '县级政府本级报告无需上级审核，可直接发布。',
  'review.invalidComments': '请至少填写一条意见。',
  forbidden: '当前令牌没有此操作的权限。',
};
export const refusalText = (code: string, fallback: string) => REFUSALS[code] ?? fallback;

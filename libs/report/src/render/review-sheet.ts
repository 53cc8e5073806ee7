// The review sheet (年度报告审核单): what the reviewer reads beside the report, never part of it.
// This year against last year, the year-over-year checks and the national format's own checks,
// where the report stands, and a blank for the reviewer's opinion. The html and docx renderers
// both draw from the lines built here, so they say the same thing.

import type { Comparison, ComparisonRow, PreviousSource } from '../comparison';
import type { Severity } from '../comparison-checks';
import type { ReportCheck } from '../report';
import type { ChangedCell, PublicationView } from './document';
import { checkLines } from './document';

export type ReviewSheet = {
  orgId: string;
  orgName: string;
  year: number;
  scope: 'self' | 'rollup';
  /** Where the report stands, as the report JSON says it (absent for a rollup). */
  publication?: PublicationView;
  /** The review status, once the report has one (submitted, returned, cleared …). */
  reviewStatus?: string;
  comparison: Comparison;
  /** The national format's checks of the report itself (the report JSON's `checks`). */
  reportChecks: ReportCheck[];
};

export type SheetCheck = { ok: boolean; severity: string; message: string };

export const reviewSheetTitle = (orgName: string, year: number, scope: 'self' | 'rollup') =>
  `${orgName}${year}年政府信息公开工作年度报告审核单${scope === 'rollup' ? '（汇总）' : ''}`;

export const SEVERITY_LABELS: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

const SOURCE_LABELS: Record<Exclude<PreviousSource, null>, string> = {
  published: '上年度已发布的报告',
  live: '上年度现有数据（上年度报告尚未发布）',
};

const PUBLICATION_LABELS: Record<PublicationView['status'], string> = {
  draft: '草稿，尚未发布',
  published: '已发布',
  needsRestatement: '已发布，发布后数据有变化，需发布更正',
};

const REVIEW_LABELS: Record<string, string> = {
  draft: '草稿',
  submitted: '已报送，待审核',
  returned: '已退回修改',
  cleared: '审核通过，待发布',
  published: '已发布',
};

export const NOTE = '本审核单供审核使用，不属于年度报告正文，不随报告发布。';
export const CHANGED_TITLE = '三、发布后变化的数据（需发布更正）';
/** 三 when nothing changed since publication, else 四 after the changed figures. */
export const opinionTitle = (s: ReviewSheet) => `${changedSince(s).length ? '四' : '三'}、审核意见`;

/** The facts at the top of the sheet, as label and value. */
export function sheetFacts(s: ReviewSheet): [string, string][] {
  const c = s.comparison;
  const status = s.scope === 'rollup' ? '汇总数据（汇总报告不单独发布）' : statusOf(s);
  const against = c.previousSource
    ? `${c.previousYear}年：${SOURCE_LABELS[c.previousSource]}`
    : `${c.previousYear}年：无数据，不作对比`;
  return [
    ['报送单位', s.orgName],
    ['报告年度', `${s.year}年`],
    ['报告状态', status],
    ['对比年度', against],
  ];
}

function statusOf(s: ReviewSheet): string {
  const published = s.publication ? PUBLICATION_LABELS[s.publication.status] : PUBLICATION_LABELS.draft;
  const at = s.publication?.publishedAt ? `（${s.publication.publishedAt.slice(0, 10)}）` : '';
  const review = s.reviewStatus ? `；审核：${REVIEW_LABELS[s.reviewStatus] ?? s.reviewStatus}` : '';
  return `${published}${at}${review}`;
}

/** Table 三 by applicant and publications by channel or category only where a year has a figure. */
const BREAKDOWN = /^applications\.rows\..*\[[0-5]\]$|^publications\.by/;

export function sheetRows(c: Comparison): ComparisonRow[] {
  const nonZero = (v: number | string | null) => v !== null && v !== 0 && !/^-?0(\.0*)?$/.test(String(v));
  return c.rows.filter((r) => !BREAKDOWN.test(r.path) || nonZero(r.current) || nonZero(r.previous));
}

export const signed = (v: number | string | null): string => {
  if (v === null) return '—';
  const s = String(v);
  return s.startsWith('-') || /^0(\.0*)?$/.test(s) ? s : `+${s}`;
};

/** A passed rule has no level to show; a check that could not be made is a 提示. */
const levelOf = (ok: boolean, severity: Severity) =>
  ok && severity !== 'info' ? '通过' : SEVERITY_LABELS[severity];

/** The year-over-year checks, then the national format's checks of the report itself. */
export function sheetChecks(s: ReviewSheet): SheetCheck[] {
  return [
    ...s.comparison.checks.map((c) => ({
      ok: c.ok,
      severity: levelOf(c.ok, c.severity),
      message: c.message,
    })),
    ...checkLines(s.reportChecks).map((l) => ({
      ok: l.ok,
      severity: levelOf(l.ok, 'error'),
      message: l.ok ? l.name : `${l.name}：${l.detail}`,
    })),
  ];
}

export const changedSince = (s: ReviewSheet): ChangedCell[] => s.publication?.changedCells ?? [];

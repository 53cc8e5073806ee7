// The annual report as one slice: snapshot → report → draft → hash → publication status. Pure
// functions; the handlers that read the store, append events and answer HTTP call them in a few
// lines. The hash function comes in from the caller (a pure library hashes nothing itself).

import type { NarrativeSection, ReportCut } from '@app/domain';
import { draftTexts, finalTexts, type ReportTexts } from './prose/draft';
import { changedCells, withPublishedCarryOver } from './render/changed-cells';
import { checkLines, type ChangedCell, type ReportDocument } from './render/document';
import type { PublishedFigures } from './render/figures';
import type { ReviewSheet } from './render/review-sheet';
import type { Comparison } from './comparison';
import { renderMarkdown } from './render/markdown';
import type { Report } from './report';
import type { ReviewInfo } from './review';
import { toReport, type ReportInput } from './to-report';

export type Scope = 'self' | 'rollup';

/** Where a year's report stands (absent for rollups). */
export type PublicationInfo = {
  status: 'draft' | 'published' | 'needsRestatement';
  publishedAt: string | null;
  contentSha256: string | null;
  cut: ReportCut | null;
  /** Figures that differ between the published report and the events as they stand now. */
  changedCells: ChangedCell[];
  /** version=published: the stored report renders to the recorded hash. */
  verified?: boolean;
};

export type ReportEnvelope = {
  orgId: string;
  orgName: string;
  year: number;
  format: '2021';
  scope: Scope;
  position: number;
  stale: boolean;
} & Omit<Report, 'orgId' | 'year' | 'format' | 'scope' | 'position' | 'stale'> & {
    /** Sections 一, 五, 六 drafted from the figures; `narrative` (written by the org) wins over it. */
    draft: ReportTexts;
    publication?: PublicationInfo;
    /** The review before publication (scope self only). */
    review?: ReviewInfo;
  };

/** What ReportPublished recorded, as the store gives it back. */
export type PublishedRecord = {
  publishedAt: string;
  data: { cut: ReportCut; contentSha256: string; report: Record<string, unknown> };
};

/** SHA-256 of UTF-8 text, as lower-case hex. */
export type Sha256 = (text: string) => string;

export type EnvelopeInput = {
  orgId: string;
  orgName: string;
  year: number;
  scope: Scope;
  position: number;
  stale: boolean;
  cells: ReportInput['cells'];
  narrative: Partial<Record<NarrativeSection, string>>;
  /** Last year's report as published, if it was: this year's carry-over is checked against it. */
  lastYearPublished?: Record<string, unknown>;
};

/** The report of a snapshot: figures, checks and the drafted prose. */
export function envelopeOf(i: EnvelopeInput): ReportEnvelope {
  const body = withPublishedCarryOver(
    toReport({ cells: i.cells, narrative: i.narrative }, i.year),
    i.lastYearPublished,
  );
  return {
    orgId: i.orgId,
    orgName: i.orgName,
    year: i.year,
    format: '2021',
    scope: i.scope,
    position: i.position,
    stale: i.stale,
    ...body,
    draft: draftTexts({ orgName: i.orgName, year: i.year, body }),
  };
}

/** The document every renderer takes: the written text of a section wins over its draft. */
export function documentOf(r: ReportEnvelope): ReportDocument {
  const texts = finalTexts(r.narrative, r.draft);
  return { orgName: r.orgName, year: r.year, body: r, texts, publication: r.publication };
}

/**
 * What a publication's hash is taken of: the Markdown rendering, which is deterministic, without
 * the status line, so a stored report can always be checked against the hash recorded for it.
 */
export const hashedMarkdown = (r: ReportEnvelope): string =>
  renderMarkdown({ ...documentOf(r), publication: undefined });

export const contentSha256 = (r: ReportEnvelope, sha256: Sha256): string => sha256(hashedMarkdown(r));

/**
 * Reports published while the Markdown still ended with the check appendix were hashed with it
 * (as an unpublished draft, the status line fixed); they verify against that text, rebuilt here.
 */
export function legacyHashedMarkdown(r: ReportEnvelope): string {
  const checks = checkLines(r.checks).map(
    (c) => `- ${c.ok ? '✓' : '✗'} ${c.name}${c.ok ? '' : `：${c.detail}`}`,
  );
  const appendix = `---\n\n**附：数据校验（系统生成，发布时删去）**\n\n本报告尚未发布（草稿）。\n\n${checks.join('\n')}`;
  return `${hashedMarkdown(r).slice(0, -1)}\n\n${appendix}\n`;
}

/** The stored report still renders to the hash recorded when it was published. */
export const rendersTo = (r: ReportEnvelope, recorded: string, sha256: Sha256): boolean =>
  contentSha256(r, sha256) === recorded || sha256(legacyHashedMarkdown(r)) === recorded;

/** The envelope as frozen in ReportPublished (and in a submission): everything but where it stands now. */
export function frozen(r: ReportEnvelope): Record<string, unknown> {
  const { publication: _p, stale: _s, ...rest } = r;
  return { ...rest, stale: false };
}

/** The figures of a frozen report, for comparing with another. */
export const figuresOf = (frozenReport: Record<string, unknown>): PublishedFigures =>
  frozenReport as unknown as PublishedFigures;

/** Draft, published, or published and since changed (with the cells that changed). */
export function publicationOf(record: PublishedRecord | undefined, current: ReportEnvelope): PublicationInfo {
  if (!record)
    return { status: 'draft', publishedAt: null, contentSha256: null, cut: null, changedCells: [] };
  const changed = changedCells(figuresOf(record.data.report), current);
  return {
    status: changed.length ? 'needsRestatement' : 'published',
    publishedAt: record.publishedAt,
    contentSha256: record.data.contentSha256,
    cut: record.data.cut,
    changedCells: changed,
  };
}

/** version=published: the report exactly as published, and whether it still renders to its hash. */
export function asPublished(
  record: PublishedRecord,
  publication: PublicationInfo,
  sha256: Sha256,
): ReportEnvelope {
  const stored = { ...(record.data.report as unknown as ReportEnvelope), publication };
  const verified = rendersTo(stored, record.data.contentSha256, sha256);
  return { ...stored, publication: { ...publication, verified } };
}

/** A refusal, for the caller to answer with: what to fix, field by field. */
export type Refusal = {
  code: string;
  message: string;
  details: { field: string; code?: string; reason: string }[];
};

/** Checks about last year's published report are for the restatement of last year, not this one. */
const ADVISORY = new Set(['applications.carryOverPublished']);
const PLACEHOLDER = '【待补充';

/** A failing national-format check or an unwritten section must not be submitted or published. */
export function unfitness(r: ReportEnvelope, verb: 'published' | 'submitted' = 'published'): Refusal | null {
  const failing = r.checks.filter((c) => !c.ok && !ADVISORY.has(c.rule));
  const texts = finalTexts(r.narrative, r.draft);
  const unwritten = (Object.keys(texts) as (keyof typeof texts)[]).filter((s) =>
    texts[s].includes(PLACEHOLDER),
  );
  if (failing.length === 0 && unwritten.length === 0) return null;
  const reasons = [
    ...failing.map((c) => `check ${c.rule} fails`),
    ...unwritten.map((s) => `section ${s} still has a 【待补充】 placeholder`),
  ];
  return {
    code: failing.length ? 'report.checksFailed' : 'report.unwritten',
    message: `The ${r.year} report cannot be ${verb} yet: ${reasons.join('; ')}.`,
    details: [
      ...failing.map((c) => ({ field: c.rule, code: 'report.checkFailed', reason: c.detail })),
      ...unwritten.map((s) => ({
        field: `narrative.${s}`,
        code: 'report.unwritten',
        reason: `write section ${s} with ReportNarrativeWritten { year: ${r.year}, section: "${s}" }`,
      })),
    ],
  };
}

/**
 * A county cleared a submission, and the report moved since: the clearance no longer holds. The
 * cells that moved (none when only the text did) and the refusal the clerk reads.
 */
export function clearanceLapse(
  clearedReport: Record<string, unknown> | null | undefined,
  current: ReportEnvelope,
): { changed: { path: string; label: string }[]; refusal: Refusal } {
  const changed = clearedReport ? changedCells(figuresOf(clearedReport), current) : [];
  return {
    changed: changed.map(({ path, label }) => ({ path, label })),
    refusal: {
      code: 'review.changedSinceCleared',
      message: changed.length
        ? `审核通过后年报数据已变化（${changed.length} 处），已退回草稿，请重新报送审核。`
        : '审核通过后年报文字已修改，已退回草稿，请重新报送审核。',
      details: changed.map((c) => ({
        field: c.path,
        reason: `${c.label}：审核时 ${c.published}，现在 ${c.current}`,
      })),
    },
  };
}

export type SnapshotOf = Pick<EnvelopeInput, 'orgId' | 'orgName' | 'year' | 'cells' | 'narrative'> & {
  cut: ReportCut;
};
export type YearEndDraft = { year: number; cut: ReportCut; contentSha256: string; failedChecks: string[] };

/**
 * What ReportDrafted records at year end: the cut, the hash of the draft's Markdown, and the
 * checks that fail. The draft is the report of the snapshot alone (no carry-over check).
 */
export function yearEndDraft(snap: SnapshotOf, sha256: Sha256): YearEndDraft {
  const r = envelopeOf({ ...snap, scope: 'self', position: snap.cut.position, stale: false });
  return {
    year: snap.year,
    cut: snap.cut,
    contentSha256: contentSha256(r, sha256),
    failedChecks: r.checks.filter((c) => !c.ok).map((c) => c.rule),
  };
}

/** The review sheet of a report: where it stands, the comparison with last year, its checks. */
export function reviewSheetOf(report: ReportEnvelope, comparison: Comparison): ReviewSheet {
  return {
    orgId: report.orgId,
    orgName: report.orgName,
    year: report.year,
    scope: report.scope,
    publication: report.publication,
    reviewStatus: report.review?.status,
    comparison,
    reportChecks: report.checks,
  };
}

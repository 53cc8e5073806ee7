// The review before publication (条例 art. 49): a member of a county (a town or a department)
// submits its draft, the county's 政务公开办 returns it with comments or clears it, and only a
// cleared report whose figures have not moved since goes out. Everything here is a pure function
// of the review's recorded steps, the publications and a date; the handlers do the IO.

import type { NarrativeSection, ReviewAction, ReviewComment } from '@app/domain';
import { NARRATIVE_SECTIONS } from '@app/domain';

export type ReviewStatus = 'draft' | 'submitted' | 'returned' | 'cleared' | 'published';

/** Who did a step, as the event store records it. */
export type Actor = { tokenId: string; label: string } | null;

/** One recorded step: a ReportReviewed or a ReportPublished, in store order. */
export type ReviewStep = {
  position: number;
  at: string;
  actor: Actor;
  action: ReviewAction | 'published';
  contentSha256?: string;
  comments?: ReviewComment[];
  changed?: { path: string; label: string }[];
};

export type ReviewHistoryItem = {
  status: ReviewStatus;
  at: string;
  actor: Actor;
  comments?: ReviewComment[];
  changed?: { path: string; label: string }[];
};

export type ReviewInfo = {
  status: ReviewStatus;
  /** The last day the report may be published (YYYY-MM-DD, the org's local date). */
  dueOn: string;
  overdue: boolean;
  /** Calendar days from today to dueOn: 0 on the day, negative once past. */
  daysLeft: number;
  /** The year is still running: nothing is due yet, and nothing is late. */
  running: boolean;
  /** Whether a county must clear this report before it is published. */
  needsClearance: boolean;
  history: ReviewHistoryItem[];
};

export type OrgKind = 'county' | 'town' | 'department';

const STATUS_AFTER: Record<ReviewStep['action'], ReviewStatus> = {
  submitted: 'submitted',
  returned: 'returned',
  cleared: 'cleared',
  reopened: 'draft',
  published: 'published',
};

export function statusOf(steps: readonly ReviewStep[]): ReviewStatus {
  const last = steps[steps.length - 1];
  return last ? STATUS_AFTER[last.action] : 'draft';
}

/**
 * Art. 49: each administrative organ publishes its report of year Y by 31 January of Y+1, the
 * people's government at county level and above by 31 March of Y+1 (it must gather its members'
 * first). Towns are left to local rules: they follow the departments unless their county sets a
 * month and day of its own (`townDue`, "MM-DD").
 */
export function reportDueOn(kind: OrgKind, year: number, townDue?: string | null): string {
  if (kind === 'county') return `${year + 1}-03-31`;
  if (kind === 'town' && townDue) return `${year + 1}-${townDue}`;
  return `${year + 1}-01-31`;
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) =>
  Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS;

export function reviewOf(input: {
  kind: OrgKind;
  hasParent: boolean;
  year: number;
  today: string;
  steps: readonly ReviewStep[];
  townDue?: string | null;
}): ReviewInfo {
  const { kind, year, today, steps } = input;
  const status = statusOf(steps);
  const dueOn = reportDueOn(kind, year, input.townDue);
  const running = Number(today.slice(0, 4)) <= year;
  const daysLeft = dayNumber(dueOn) - dayNumber(today);
  return {
    status,
    dueOn,
    overdue: !running && status !== 'published' && daysLeft < 0,
    daysLeft,
    running,
    needsClearance: input.hasParent,
    history: steps.map((s) => historyItem(s)),
  };
}

function historyItem(s: ReviewStep): ReviewHistoryItem {
  const item: ReviewHistoryItem = { status: STATUS_AFTER[s.action], at: s.at, actor: s.actor };
  if (s.comments?.length) item.comments = s.comments;
  if (s.changed?.length) item.changed = s.changed;
  return item;
}

/** The step a new action may follow; null when it may follow the current status. */
export function refusalOf(
  action: 'submit' | 'return' | 'clear' | 'publish',
  steps: readonly ReviewStep[],
  needsClearance: boolean,
): { code: string; message: string } | null {
  const status = statusOf(steps);
  switch (action) {
    case 'submit':
      return null; // a new submission replaces an earlier one; the handler skips exact repeats
    case 'return':
    case 'clear':
      if (status === 'submitted') return null;
      return {
        code: 'review.notSubmitted',
        message: `只有已报送的年报可以${action === 'clear' ? '审核通过' : '退回'}；当前状态为「${STATUS_WORDS[status]}」。`,
      };
    case 'publish':
      if (!needsClearance || status === 'cleared' || status === 'published') return null;
      return {
        code: 'review.notCleared',
        message: `年报须经县政务公开办审核通过后才能发布；当前状态为「${STATUS_WORDS[status]}」，请先报送审核。`,
      };
  }
}

export const STATUS_WORDS: Record<ReviewStatus, string> = {
  draft: '草稿',
  submitted: '已报送待审核',
  returned: '已退回修改',
  cleared: '审核通过待发布',
  published: '已发布',
};

/** The last submission, which a clearance clears and a publication must still match. */
export function lastSubmission(steps: readonly ReviewStep[]): ReviewStep | undefined {
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i].action === 'submitted') return steps[i];
  return undefined;
}

/**
 * The submission the latest clearance cleared: the one a publication must still match. Not simply
 * the last submission: a resubmission that crossed the reviewer's clearance was never cleared.
 */
export function clearedSubmission(steps: readonly ReviewStep[]): ReviewStep | undefined {
  let i = steps.length - 1;
  while (i >= 0 && steps[i].action !== 'cleared') i--;
  if (i < 0) return undefined;
  const sha = steps[i].contentSha256;
  for (let j = i - 1; j >= 0; j--)
    if (steps[j].action === 'submitted' && (sha === undefined || steps[j].contentSha256 === sha))
      return steps[j];
  return undefined;
}

const PATH = /^[a-zA-Z]+(\.[a-zA-Z.]+)*(\[\d\])?$/;

/** A reviewer's comments, checked: 1–50 of them, each 1–2000 characters, on a section or a cell. */
export function commentProblems(raw: unknown): { field: string; reason: string }[] {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > 50)
    return [{ field: 'comments', reason: 'send 1 to 50 comments: [{ "section"?, "path"?, "text" }]' }];
  const out: { field: string; reason: string }[] = [];
  raw.forEach((c: unknown, i) => {
    const at = `comments[${i}]`;
    if (typeof c !== 'object' || c === null) return void out.push({ field: at, reason: 'must be an object' });
    const { section, path, text, ...rest } = c as Record<string, unknown>;
    if (typeof text !== 'string' || text.trim().length === 0 || text.length > 2000)
      out.push({ field: `${at}.text`, reason: 'write the comment: 1 to 2000 characters' });
    if (section !== undefined && !NARRATIVE_SECTIONS.includes(section as NarrativeSection))
      out.push({ field: `${at}.section`, reason: `one of ${NARRATIVE_SECTIONS.join(', ')}` });
    if (path !== undefined && (typeof path !== 'string' || path.length > 200 || !PATH.test(path)))
      out.push({
        field: `${at}.path`,
        reason: 'a JSON path of the report, e.g. applications.rows.disclosed[6]',
      });
    for (const k of Object.keys(rest)) out.push({ field: `${at}.${k}`, reason: 'unknown field' });
  });
  return out;
}

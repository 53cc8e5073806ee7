import { badRequest } from '@app/config';
import { byDueDate, type DeadlineItem } from './deadline-items';

/** Items a page holds unless the request asks for fewer: a list of any subtree answers in bounded size. */
export const DEFAULT_LIMIT = 1000;
export const MAX_LIMIT = 5000;
/**
 * How far from today asOf may lie. A past asOf reads every application concluded since then, so
 * the range bounds that read; three years cover the report year, the year before it and the one
 * being written, which is as far back as a disclosure office reviews its deadlines.
 */
export const ASOF_YEARS_BACK = 3;
export const ASOF_DAYS_AHEAD = 366;

type Key = Pick<DeadlineItem, 'dueOn' | 'receivedOn' | 'orgId' | 'applicationId'>;

/** The list continues after this item: its sort key, as an opaque token. */
export function continuationOf(item: DeadlineItem): string {
  const key: [string | null, string, string, string] = [
    item.dueOn,
    item.receivedOn,
    item.orgId,
    item.applicationId,
  ];
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

function keyOf(token: string): Key {
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    v = null;
  }
  const ok =
    Array.isArray(v) &&
    v.length === 4 &&
    (v[0] === null || typeof v[0] === 'string') &&
    v.slice(1).every((x) => typeof x === 'string');
  if (!ok)
    throw badRequest(
      'query.invalid',
      `after must be the "next" token of an earlier page, got "${token.slice(0, 80)}"`,
      [{ field: 'after', reason: 'the next token of an earlier page, unchanged' }],
    );
  const [dueOn, receivedOn, orgId, applicationId] = v as [string | null, string, string, string];
  return { dueOn, receivedOn, orgId, applicationId };
}

/**
 * One page of a list sorted by due date: the items after `after` (a token from an earlier page),
 * at most `limit`, and the token of the next page (null on the last). The token is the sort key
 * of the page's last item, not an offset: an application concluded or received between two
 * requests neither repeats an item nor skips one that stays open.
 */
export function pageOf(
  items: DeadlineItem[],
  limit: number,
  after: string | null,
): { items: DeadlineItem[]; next: string | null } {
  const from = after === null ? 0 : firstAfter(items, keyOf(after));
  const page = items.slice(from, from + limit);
  const more = from + limit < items.length;
  return { items: page, next: more && page.length > 0 ? continuationOf(page[page.length - 1]) : null };
}

function firstAfter(items: DeadlineItem[], key: Key): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (byDueDate(items[mid], key as DeadlineItem) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The dates asOf may take for an org whose local date today is `today`. */
export function asOfRange(today: string): { from: string; to: string } {
  const from = `${Number(today.slice(0, 4)) - ASOF_YEARS_BACK}${today.slice(4)}`.replace(/-02-29$/, '-02-28');
  const to = new Date(Date.parse(`${today}T00:00:00Z`) + ASOF_DAYS_AHEAD * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return { from, to };
}

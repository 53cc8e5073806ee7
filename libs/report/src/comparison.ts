// Year over year: every figure of this year's report beside last year's. Last year is the report
// as it was published when there is one (what the public read), else the figures as the events
// stand now, else nothing: an org with no figure at all for last year has nothing to compare.

import type { Figure, PublishedFigures } from './render/figures';
import { allFigures } from './render/figures';
import type { ComparisonCheck } from './comparison-checks';
import { comparisonChecks } from './comparison-checks';
import { scaled, subtractDecimals } from './comparison-decimals';

export type PreviousSource = 'published' | 'live' | null;

export type ComparisonRow = {
  /** JSON path into the report, e.g. "applications.rows.disclosed[6]" (column 6 is 总计). */
  path: string;
  label: string;
  current: number | string;
  previous: number | string | null;
  /** current − previous; amounts as exact decimal strings; null without a previous year. */
  change: number | string | null;
};

export type Comparison = {
  year: number;
  previousYear: number;
  previousSource: PreviousSource;
  rows: ComparisonRow[];
  checks: ComparisonCheck[];
};

/** Which report stands for last year: the published one, else the live one unless it is all zero. */
export function previousOf(
  published: PublishedFigures | undefined,
  live: PublishedFigures,
): { source: PreviousSource; figures: PublishedFigures | null } {
  if (published) return { source: 'published', figures: published };
  const empty = allFigures(live).every((f) => (f.amount ? isZero(String(f.value)) : f.value === 0));
  return empty ? { source: null, figures: null } : { source: 'live', figures: live };
}

export function comparisonRows(
  current: PublishedFigures,
  previous: PublishedFigures | null,
): ComparisonRow[] {
  const before: (Figure | null)[] = previous ? allFigures(previous) : [];
  return allFigures(current).map((f, i) => {
    const p = before[i]?.value ?? null;
    return {
      path: f.path,
      label: f.label,
      current: f.value,
      previous: p,
      change: p === null ? null : changeOf(f.value, p),
    };
  });
}

function changeOf(current: number | string, previous: number | string): number | string {
  if (typeof current === 'number' && typeof previous === 'number') return current - previous;
  return subtractDecimals(String(current), String(previous));
}

const isZero = (s: string) => scaled(s, 6) === 0n;

/** The comparison of `year` with `year − 1`: rows from the chosen previous, checks as documented. */
export function compareYears(input: {
  year: number;
  scope: 'self' | 'rollup';
  current: PublishedFigures;
  published?: PublishedFigures;
  live: PublishedFigures;
}): Comparison {
  const { source, figures } = previousOf(input.published, input.live);
  return {
    year: input.year,
    previousYear: input.year - 1,
    previousSource: source,
    rows: comparisonRows(input.current, figures),
    checks: comparisonChecks({ ...input, previous: figures }),
  };
}

// Restatement: which figures of a published report no longer match the events as they stand.
// Every figure is named by its national-format labels, so the 更正 notice can say exactly what.

import { APPLICANT_TYPES } from '@app/domain';
import type { ReportBody } from '../report';
import type { ChangedCell } from './document';
import type { PublishedFigures } from './figures';
import { coreFigures } from './figures';

export type { PublishedFigures } from './figures';

export function changedCells(published: PublishedFigures, current: PublishedFigures): ChangedCell[] {
  const now = coreFigures(current);
  // A figure a report of an older shape lacks reads as 0, as it was counted then.
  return coreFigures(published).flatMap((f, i) => {
    const c = now[i];
    return f.value === c.value
      ? []
      : [{ path: f.path, label: f.label, published: f.value, current: c.value }];
  });
}

/** The national format's carry-over rule checked against what was actually published last year. */
export function carryOverPublishedCheck(
  carriedIn: readonly number[],
  lastYearPublishedCarriedOut: readonly number[],
): ReportBody['checks'][number] {
  const failures = [...APPLICANT_TYPES, 'total'].flatMap((col, i) =>
    carriedIn[i] === lastYearPublishedCarriedOut[i]
      ? []
      : [
          `column ${col}: 二 = ${carriedIn[i]} but last year's published 四 = ${lastYearPublishedCarriedOut[i]}; restate last year's report`,
        ],
  );
  return failures.length === 0
    ? {
        rule: 'applications.carryOverPublished',
        ok: true,
        detail: "二 (上年结转) equals 四 (结转下年度) of last year's published report",
      }
    : { rule: 'applications.carryOverPublished', ok: false, detail: failures.join('; ') };
}

/**
 * The report with `applications.carryOverPublished` added when last year's report was published:
 * what the read side shows and what a publication freezes are checked the same way.
 */
export function withPublishedCarryOver(
  body: ReportBody,
  lastYearPublished: { applications?: unknown } | undefined,
): ReportBody {
  if (!lastYearPublished) return body;
  const rows = (lastYearPublished.applications as ReportBody['applications']).rows;
  return {
    ...body,
    checks: [...body.checks, carryOverPublishedCheck(body.applications.rows.carriedIn, rows.carriedOut)],
  };
}

// Restatement: which figures of a published report no longer match the events as they stand.
// Every figure is named by its national-format labels, so the 更正 notice can say exactly what.

import { APPLICANT_TYPES } from '@app/domain';
import type { ReportBody } from '../report';
import { APPLICATION_ROWS } from '../report';
import type { ChangedCell } from './document';
import {
  APPLICANT_LABELS,
  APPLICATION_ROW_LABELS,
  CASE_RESULT_LABELS,
  SECTION_TITLES,
} from './national-format';

/** The parts of a report that a publication freezes. */
export type PublishedFigures = Pick<ReportBody, 'proactive' | 'applications' | 'reviewLitigation' | 'publications' | 'processingFees'>; // prettier-ignore

const CASE_ROWS = [
  ['review', '表四 行政复议'],
  ['litigationDirect', '表四 行政诉讼·未经复议直接起诉'],
  ['litigationAfterReview', '表四 行政诉讼·复议后起诉'],
] as const;

const PROACTIVE: [string, string, (p: ReportBody['proactive']) => number | string][] = [
  ['rules.issued', '表二 规章·本年制发件数', (p) => p.rules.issued],
  ['rules.repealed', '表二 规章·本年废止件数', (p) => p.rules.repealed],
  ['rules.inForce', '表二 规章·现行有效件数', (p) => p.rules.inForce],
  ['normativeDocuments.issued', '表二 行政规范性文件·本年制发件数', (p) => p.normativeDocuments.issued],
  ['normativeDocuments.repealed', '表二 行政规范性文件·本年废止件数', (p) => p.normativeDocuments.repealed],
  ['normativeDocuments.inForce', '表二 行政规范性文件·现行有效件数', (p) => p.normativeDocuments.inForce],
  ['licensing', '表二 行政许可·本年处理决定数量', (p) => p.licensing],
  ['penalty', '表二 行政处罚·本年处理决定数量', (p) => p.penalty],
  ['enforcement', '表二 行政强制·本年处理决定数量', (p) => p.enforcement],
  [
    'administrativeFeesWanYuan',
    '表二 行政事业性收费·本年收费金额（万元）',
    (p) => p.administrativeFeesWanYuan,
  ],
];

export function changedCells(published: PublishedFigures, current: PublishedFigures): ChangedCell[] {
  const out: ChangedCell[] = [];
  const cmp = (
    path: string,
    label: string,
    a: number | string | undefined,
    b: number | string | undefined,
  ) => {
    if ((a ?? 0) !== (b ?? 0)) out.push({ path, label, published: a ?? 0, current: b ?? 0 });
  };
  for (const [path, label, get] of PROACTIVE)
    cmp(`proactive.${path}`, label, get(published.proactive), get(current.proactive));
  APPLICATION_ROWS.forEach((row, i) => {
    const rowLabel = APPLICATION_ROW_LABELS[i].path.slice(-2).join(' ');
    [...APPLICANT_TYPES, 'total'].forEach((_, c) =>
      cmp(
        `applications.rows.${row}[${c}]`,
        `表三 ${rowLabel}·${APPLICANT_LABELS[c]}`,
        published.applications.rows[row]?.[c],
        current.applications.rows[row]?.[c],
      ),
    );
  });
  for (const [row, label] of CASE_ROWS)
    CASE_RESULT_LABELS.forEach(
      (col, c) =>
      cmp(`reviewLitigation.${row}[${c}]`, `${label}·${col}`, published.reviewLitigation[row][c], current.reviewLitigation[row][c]), // prettier-ignore
    );
  cmp('publications.total', `${SECTION_TITLES.overview} 主动公开信息条数`, published.publications.total, current.publications.total); // prettier-ignore
  const fees = [
    ['noticesIssued', '信息处理费收费通知件数'],
    ['noticedYuan', '信息处理费通知金额（元）'],
    ['collectedYuan', '信息处理费实收金额（元）'],
  ] as const;
  for (const [k, label] of fees)
    cmp(`processingFees.${k}`, `${SECTION_TITLES.otherMatters} ${label}`, published.processingFees[k], current.processingFees[k]); // prettier-ignore
  return out;
}

/** The national format's carry-over rule checked against what was actually published last year. */
export function carryOverPublishedCheck(
  carriedIn: readonly number[],
  lastYearPublishedCarriedOut: readonly number[],
): ReportBody['checks'][number] {
  const failures = [...APPLICANT_TYPES, 'total'].flatMap(
    (col, i) =>
    carriedIn[i] === lastYearPublishedCarriedOut[i]
      ? []
      : [`column ${col}: 二 = ${carriedIn[i]} but last year's published 四 = ${lastYearPublishedCarriedOut[i]}; restate last year's report`], // prettier-ignore
  );
  return failures.length === 0
    ? { rule: 'applications.carryOverPublished', ok: true, detail: "二 (上年结转) equals 四 (结转下年度) of last year's published report" } // prettier-ignore
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

// The reviewer's year-over-year checks. Balances here are sums over every year, so this year's
// opening figures always continue last year's figures as they stand today; what can break is the
// link with last year's report as it was PUBLISHED (a late event for last year, an opening balance
// declared after publication). So the continuity checks compare with the published report only,
// and say so (info) when there is none.

import { APPLICANT_TYPES } from '@app/domain';
import type { Figure, PublishedFigures } from './render/figures';
import { allFigures } from './render/figures';
import {
  APPLICANT_LABELS,
  CARRIED_IN_LABEL,
  CARRIED_OUT_LABEL,
  CASE_RESULT_LABELS,
  DOCUMENT_FIGURE_LABELS,
  PROACTIVE_LABELS,
} from './render/national-format';
import { scaled } from './comparison-decimals';

export type Severity = 'error' | 'warning' | 'info';
/** `severity` is the weight of the rule when it fails; a check that cannot be made is ok, info. */
export type ComparisonCheck = { code: string; ok: boolean; severity: Severity; message: string };

export type ComparisonInput = {
  year: number;
  scope: 'self' | 'rollup';
  current: PublishedFigures;
  /** Last year's report as published, if it was. */
  published?: PublishedFigures;
  /** Last year's figures as the events stand now. */
  live: PublishedFigures;
  /** What the rows compare with (published, else live, else null). */
  previous: PublishedFigures | null;
};

export const CODES = {
  documents: 'documents.inForceContinues',
  applications: 'applications.carriedInContinues',
  cases: 'reviewLitigation.pendingContinues',
  factor: 'figures.factorThree',
} as const;

export function comparisonChecks(input: ComparisonInput): ComparisonCheck[] {
  const { published } = input;
  const continuity = published
    ? [
        documentsContinue('rules', input.current, published),
        documentsContinue('normativeDocuments', input.current, published),
        applicationsCarriedIn(input.current, published),
        casesPendingContinue(input.live, published),
      ]
    : [CODES.documents, CODES.applications, CODES.cases].map((code) => notPublished(code, input));
  return [...continuity, ...factorThree(input.current, input.previous)];
}

function notPublished(code: string, { year, scope }: ComparisonInput): ComparisonCheck {
  const why =
    scope === 'rollup'
      ? '汇总报告不单独发布，本项只核对各单位本级报告与其上年度已发布报告的衔接'
      : `${year - 1}年度报告尚未发布，本项只与已发布的报告核对，发布后再核对`;
  return { code, ok: true, severity: 'info', message: `${why}。` };
}

/** 现行有效件数 of last year's published report + 本年制发 − 本年废止 = this year's 现行有效件数. */
export function documentsContinue(
  kind: 'rules' | 'normativeDocuments',
  current: PublishedFigures,
  published: PublishedFigures,
): ComparisonCheck {
  const [issuedL, repealedL, inForceL] = DOCUMENT_FIGURE_LABELS;
  const was = published.proactive[kind].inForce;
  const { issued, repealed, inForce } = current.proactive[kind];
  const expected = was + issued - repealed;
  const sum = `${PROACTIVE_LABELS[kind]}：上年度已发布报告${inForceL}${was}件，加${issuedL}${issued}件、减${repealedL}${repealed}件`;
  return expected === inForce
    ? {
        code: CODES.documents,
        ok: true,
        severity: 'error',
        message: `${sum}，等于本年${inForceL}${inForce}件。`,
      }
    : {
        code: CODES.documents,
        ok: false,
        severity: 'error',
        message: `${sum}，应为${expected}件，但本年${inForceL}为${inForce}件，相差${inForce - expected}件。请核对上年度报告是否需要更正，或本年的制发、废止和期初现行有效件数是否有误。`,
      };
}

/** 上年结转 (二) of this year = 结转下年度继续办理 (四) of last year's published report, per column. */
export function applicationsCarriedIn(
  current: PublishedFigures,
  published: PublishedFigures,
): ComparisonCheck {
  const now = current.applications.rows.carriedIn;
  const then = published.applications.rows.carriedOut;
  const columns = [...APPLICANT_TYPES, 'total'].flatMap((_, i) =>
    now[i] === then[i]
      ? []
      : [
          `${APPLICANT_LABELS[i]}：本年「${CARRIED_IN_LABEL}」${now[i]}件，上年度已发布报告「${CARRIED_OUT_LABEL}」${then[i]}件`,
        ],
  );
  return columns.length === 0
    ? {
        code: CODES.applications,
        ok: true,
        severity: 'error',
        message: `表三「${CARRIED_IN_LABEL}」与上年度已发布报告「${CARRIED_OUT_LABEL}」各列一致（总计${now[6]}件）。`,
      }
    : {
        code: CODES.applications,
        ok: false,
        severity: 'error',
        message: `表三上年结转与上年度已发布报告不一致：${columns.join('；')}。上年度报告发布后又有上年的申请被登记或办结，请更正上年度报告或核对登记。`,
      };
}

const CASE_ROWS = [
  ['review', '行政复议'],
  ['litigationDirect', '行政诉讼（未经复议直接起诉）'],
  ['litigationAfterReview', '行政诉讼（复议后起诉）'],
] as const;
const PENDING = 3;

/**
 * The cases this year starts from are those filed before 1 January and not concluded before it:
 * exactly 尚未审结 of last year as the events stand now. The report of this year gives only
 * 尚未审结 at its end, so the live report of last year is what carries that number.
 */
export function casesPendingContinue(live: PublishedFigures, published: PublishedFigures): ComparisonCheck {
  const label = CASE_RESULT_LABELS[PENDING];
  const rows = CASE_ROWS.flatMap(([row, name]) => {
    const now = live.reviewLitigation[row][PENDING];
    const then = published.reviewLitigation[row][PENDING];
    return now === then
      ? []
      : [
          `${name}：上年度已发布报告「${label}」${then}件，但本年从上年转入的未审结案件（上年底前受理、上年底前未审结）为${now}件`,
        ];
  });
  return rows.length === 0
    ? {
        code: CODES.cases,
        ok: true,
        severity: 'error',
        message: `表四从上年转入的未审结案件与上年度已发布报告「${label}」一致。`,
      }
    : {
        code: CODES.cases,
        ok: false,
        severity: 'error',
        message: `表四未审结案件与上年度已发布报告不一致：${rows.join('；')}。请更正上年度报告或核对案件登记。`,
      };
}

const SCALE = 6;
const BASE = scaled('10', SCALE);

/** Moved by more than a factor of three (up or down) from a base of at least 10: worth a look. */
export function movedByFactorThree(current: Figure, previous: Figure): boolean {
  const now = scaled(String(current.value), SCALE);
  const then = scaled(String(previous.value), SCALE);
  return then >= BASE && (now > 3n * then || 3n * now < then);
}

export function factorThree(current: PublishedFigures, previous: PublishedFigures | null): ComparisonCheck[] {
  const code = CODES.factor;
  if (!previous) return [{ code, ok: true, severity: 'info', message: '没有上年度数据，不检查变化幅度。' }];
  const before = allFigures(previous);
  const moved = allFigures(current).flatMap((f, i) =>
    movedByFactorThree(f, before[i])
      ? [
          {
            code,
            ok: false,
            severity: 'warning' as const,
            message: `${f.label}：本年${f.value}，上年${before[i].value}，变化超过三倍，请核实。`,
          },
        ]
      : [],
  );
  return moved.length
    ? moved
    : [
        {
          code,
          ok: true,
          severity: 'warning',
          message: '与上年相比，没有基数在10以上且变化超过三倍的数据。',
        },
      ];
}

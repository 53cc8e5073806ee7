// The consistency rules a reviewer applies to a published report (the national format's 勾稽关系).
// A projection never rejects a stored event, so anomalies surface here as ok:false with the
// column or row to look at, and on the county dashboard.

import { APPLICANT_TYPES } from '@app/domain';
import type { ReportBody, ReportCheck } from './report';
import { APPLICATION_COLUMNS, APPLICATION_ROWS } from './report';

type Rows = ReportBody['applications']['rows'];

export type CheckInput = {
  proactive: ReportBody['proactive'];
  applications: Rows;
  /** The previous year's table 三, for the carry-over rule. */
  previous: Rows;
  reviewLitigation: ReportBody['reviewLitigation'];
};

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

function check(rule: string, okDetail: string, failures: string[]): ReportCheck {
  return failures.length === 0
    ? { rule, ok: true, detail: okDetail }
    : { rule, ok: false, detail: failures.join('; ') };
}

export function checksOf(input: CheckInput): ReportCheck[] {
  return [
    balance(input.applications),
    totals(input.applications),
    carryOver(input),
    nonNegative(input.applications),
    reviewTotals(input.reviewLitigation),
    inForce(input.proactive),
  ];
}

/** The format's note on table 三: 第一项加第二项之和，等于第三项加第四项之和. */
function balance(rows: Rows): ReportCheck {
  const failures = APPLICATION_COLUMNS.flatMap((col, i) => {
    const left = rows.newReceived[i] + rows.carriedIn[i];
    const right = rows.concludedTotal[i] + rows.carriedOut[i];
    return left === right ? [] : [`column ${col}: 一+二 = ${left} but 三(七)+四 = ${right}`];
  });
  return check('applications.balance', '一+二 = 三(七)+四 in every column', failures);
}

function totals(rows: Rows): ReportCheck {
  const last = APPLICANT_TYPES.length;
  const failures = APPLICATION_ROWS.flatMap((r) => {
    const six = sum(rows[r].slice(0, last));
    return six === rows[r][last]
      ? []
      : [`row ${r}: total ${rows[r][last]} but the six columns sum to ${six}`];
  });
  return check('applications.totals', '总计 = the sum of the six applicant columns in every row', failures);
}

function carryOver({ applications, previous }: CheckInput): ReportCheck {
  const failures = APPLICATION_COLUMNS.flatMap((col, i) =>
    applications.carriedIn[i] === previous.carriedOut[i]
      ? []
      : [`column ${col}: 二 = ${applications.carriedIn[i]} but last year's 四 = ${previous.carriedOut[i]}`],
  );
  return check(
    'applications.carryOver',
    "二 (上年结转) equals last year's 四 (结转下年度) in every column",
    failures,
  );
}

/** A negative balance means a conclusion with no receipt behind it: an event is missing. */
function nonNegative(rows: Rows): ReportCheck {
  const failures = APPLICATION_COLUMNS.flatMap((col, i) =>
    (['carriedIn', 'carriedOut'] as const)
      .filter((r) => rows[r][i] < 0)
      .map((r) => `row ${r}, column ${col}: ${rows[r][i]} applications`),
  );
  return check('applications.nonNegative', 'no column carries a negative number of applications', failures);
}

function reviewTotals(rl: ReportBody['reviewLitigation']): ReportCheck {
  const failures = (['review', 'litigationDirect', 'litigationAfterReview'] as const).flatMap((r) => {
    const four = sum(rl[r].slice(0, 4));
    return four === rl[r][4] ? [] : [`row ${r}: total ${rl[r][4]} but its four columns sum to ${four}`];
  });
  return check(
    'reviewLitigation.totals',
    '总计 = 维持 + 纠正 + 其他 + 尚未审结 for review and both litigation rows',
    failures,
  );
}

function inForce(p: ReportBody['proactive']): ReportCheck {
  const failures = (['rules', 'normativeDocuments'] as const)
    .filter((k) => p[k].inForce < 0)
    .map(
      (k) =>
        `${k}: ${p[k].inForce} in force; a repeal or the opening balance (DocumentsInForceDeclared) is wrong`,
    );
  return check('documents.inForceNonNegative', 'no document kind has a negative number in force', failures);
}

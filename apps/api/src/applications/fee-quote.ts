// The answer of GET …/applications/{id}/fee-quote: the 信息处理费 the 办法 allows for one
// application, both ways (arts. 4 and 5), band by band, and which of the two the quote proposes
// (art. 3). The applicant key is read, never echoed: the answer names no applicant.

import {
  chooseFee,
  feeByCount,
  feeByPages,
  type ApplicationEntity,
  type CountFee,
  type PagesFee,
} from '@app/domain';

export type FeeQuote = {
  applicationId: string;
  receivedOn: string;
  /** The natural month of art. 4, in the org's time zone. */
  month: string;
  byCount: (CountFee & { computable: true }) | { method: 'byCount'; computable: false; reason: string };
  byPages: (PagesFee & { computable: true }) | { method: 'byPages'; computable: false; reason: string };
  applies: 'byCount' | 'byPages' | null;
  reason: string;
  amountYuan: string;
};

/** `sameMonth`: the ids of the applicant's applications received in the month, in order of receipt. */
export function feeQuote(a: ApplicationEntity, sameMonth: readonly string[], pages: number | null): FeeQuote {
  const month = a.receivedOn.slice(0, 7);
  const ordinal = sameMonth.indexOf(a.applicationId) + 1;
  const count = a.applicantKey !== undefined && ordinal > 0 ? feeByCount(ordinal) : null;
  const byPages = pages === null ? null : feeByPages(pages);
  const choice = chooseFee(count, byPages);
  const chosen = choice.applies === 'byCount' ? count : choice.applies === 'byPages' ? byPages : null;
  return {
    applicationId: a.applicationId,
    receivedOn: a.receivedOn,
    month,
    byCount: count
      ? { ...count, computable: true }
      : {
          method: 'byCount',
          computable: false,
          reason: '受理时未登记申请人标识（applicantKey），无法统计同一申请人当月的申请件数（第四条）',
        },
    byPages: byPages
      ? { ...byPages, computable: true }
      : {
          method: 'byPages',
          computable: false,
          reason: '未给出页数：测算时给出页数（?pages=N），或办结时登记页数（第五条）',
        },
    applies: choice.applies,
    reason: choice.reason,
    amountYuan: chosen?.amountYuan ?? '0.00',
  };
}

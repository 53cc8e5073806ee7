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
          reason:
            'the application was received without an applicantKey, so the same applicant’s applications in the month cannot be counted (办法 art. 4)',
        },
    byPages: byPages
      ? { ...byPages, computable: true }
      : {
          method: 'byPages',
          computable: false,
          reason: 'no page count: give ?pages=N, or conclude the application with pages (办法 art. 5)',
        },
    applies: choice.applies,
    reason: choice.reason,
    amountYuan: chosen?.amountYuan ?? '0.00',
  };
}

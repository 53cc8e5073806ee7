// The fee notice amounts of an applications ledger checked against the 信息处理费 the 办法 allows
// (国办函〔2020〕109号 arts. 3–5): a warning, not an error, when a row's notice amount is neither
// the 按件 nor the 按量 figure, since an org may have reasons the ledger does not show.

import { feeByCount, feeByPages, formatFenAsYuan, parseYuanToFen } from '@app/domain';
import type { CellProblem, LedgerRow } from './parse';

/** An application of the same applicant already recorded: its id and local date of receipt. */
export type KeyedApplication = { applicationId: string; applicantKey: string; receivedOn: string };

const NOTICE_COLUMN = '收费通知金额（元）';

/**
 * `stored`: the org's recorded applications with an applicant key named in the rows. The 按件
 * ordinal counts the applicant's applications of the natural month, stored and uploaded, in order
 * of the day of receipt (then id: a ledger gives no time of day).
 */
export function feeNoticeWarnings(
  sheet: string,
  rows: readonly LedgerRow[],
  stored: readonly KeyedApplication[],
): CellProblem[] {
  const all = new Map<string, KeyedApplication>();
  for (const a of stored) all.set(a.applicationId, a);
  for (const { values: v } of rows)
    if (v.applicantKey !== undefined && v.receivedOn !== undefined)
      all.set(String(v.applicationId), {
        applicationId: String(v.applicationId),
        applicantKey: String(v.applicantKey),
        receivedOn: String(v.receivedOn),
      });
  const warnings: CellProblem[] = [];
  for (const { line, values: v } of rows) {
    const noticed = v.feeNoticedYuan === undefined ? null : parseYuanToFen(String(v.feeNoticedYuan));
    if (noticed === null) continue;
    const self = all.get(String(v.applicationId));
    const quotes: string[] = [];
    const fens: number[] = [];
    if (self && v.applicantKey !== undefined) {
      const month = self.receivedOn.slice(0, 7);
      const same = [...all.values()]
        .filter((a) => a.applicantKey === self.applicantKey && a.receivedOn.startsWith(month))
        .sort(
          (a, b) =>
            a.receivedOn.localeCompare(b.receivedOn) || a.applicationId.localeCompare(b.applicationId),
        );
      const fee = feeByCount(same.findIndex((a) => a.applicationId === self.applicationId) + 1);
      fens.push(parseYuanToFen(fee.amountYuan) ?? 0);
      quotes.push(`按件（当月第${fee.ordinal}件）${formatFenAsYuan(fens[fens.length - 1])}元`);
    }
    if (v.pages !== undefined) {
      const fee = feeByPages(Number(v.pages));
      fens.push(parseYuanToFen(fee.amountYuan) ?? 0);
      quotes.push(`按量（${fee.pages}页）${formatFenAsYuan(fens[fens.length - 1])}元`);
    }
    if (!fens.length || fens.includes(noticed)) continue;
    warnings.push({
      sheet,
      row: line,
      column: NOTICE_COLUMN,
      message: `第${line}行：收费通知金额${formatFenAsYuan(noticed)}元与《政府信息公开信息处理费管理办法》计算的金额不符：${quotes.join('，')}；请核对（本提示不影响导入）`,
    });
  }
  return warnings;
}

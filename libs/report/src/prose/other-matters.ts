// Section 六: the national format requires every org to report the 信息处理费 it charged under
// 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号), worded as published reports word it:
// "本年度本机关未收取信息处理费。" or "本年度共发出收费通知X件，收取信息处理费X元。".
// Amounts are in 元 as the notices state them. What was noticed and not collected is stated as
// unpaid, not as waived: no event records a waiver, so the two cannot be told apart (docs/reports.md).

import { formatFenAsYuan, parseYuanToFen } from '@app/domain';
import type { ReportBody } from '../report';

const NOTHING_ELSE = '无其他需要报告的事项。';

export function otherMattersDraft(fees: ReportBody['processingFees']): string {
  const noticedFen = parseYuanToFen(fees.noticedYuan) ?? 0;
  const collectedFen = parseYuanToFen(fees.collectedYuan) ?? 0;
  if (fees.noticesIssued === 0 && collectedFen === 0) return `本年度本机关未收取信息处理费。${NOTHING_ELSE}`;
  const notices = `本年度共发出收费通知${fees.noticesIssued}件`;
  if (collectedFen === 0)
    return `${notices}，通知收费金额${fees.noticedYuan}元，申请人均未缴纳，本机关未收取信息处理费。${NOTHING_ELSE}`;
  // A payment of last year's notice counts in the year it was paid, so collected may exceed noticed.
  const unpaidFen = noticedFen - collectedFen;
  const unpaid = unpaidFen > 0 ? `，另有${formatFenAsYuan(unpaidFen)}元申请人未缴纳` : '';
  const noticed = fees.noticesIssued > 0 ? `，通知收费金额${fees.noticedYuan}元` : '';
  return `${notices}${noticed}，收取信息处理费${fees.collectedYuan}元${unpaid}。${NOTHING_ELSE}`;
}

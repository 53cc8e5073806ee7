// Section 六: the national format requires every org to report the 信息处理费 it charged under
// 《政府信息公开信息处理费管理办法》(国办函〔2020〕109号): notices sent, amounts, or that there were none.

import type { ReportBody } from '../report';
import { yuanAsWanYuanForPrint } from '../render/amounts';

export function otherMattersDraft(fees: ReportBody['processingFees']): string {
  const collected = yuanAsWanYuanForPrint(fees.collectedYuan);
  if (fees.noticesIssued === 0 && fees.collectedYuan === '0')
    return '本年度未发出信息处理费收费通知，未收取信息处理费。无其他需要报告的事项。';
  const noticed = yuanAsWanYuanForPrint(fees.noticedYuan);
  const paid =
    fees.collectedYuan === '0'
      ? '申请人未缴纳，未实际收取信息处理费'
      : `实际收取信息处理费${collected}万元（${fees.collectedYuan}元）`;
  return (
    `本年度依据《政府信息公开信息处理费管理办法》，共发出信息处理费收费通知${fees.noticesIssued}件，` +
    `通知收费金额${noticed}万元（${fees.noticedYuan}元），${paid}。无其他需要报告的事项。`
  );
}

// The API answers in English with a code per problem; a clerk reads Chinese beside the field the
// problem concerns. Each event form tells which of its fields holds which contract field.

import { ApiError } from './api';

export type Problem = { index?: number; field?: string; code?: string; reason?: string };

/** Chinese words for every refusal a workbench form can meet (decide's codes and the store's). */
export const ERROR_WORDS: Record<string, string> = {
  'event.shape': '填写不正确，请按提示修改',
  'event.occurredAt': '日期格式不正确',
  'event.future': '日期不能晚于今天',
  'event.idConflict': '这份表单已经以不同内容提交过，请关闭后重新填写',
  'event.beforeStreamStart': '日期早于该记录最初登记的日期，请核对',
  'event.outOfOrder': '日期早于该记录已登记的上一步，请按办理先后顺序核对日期',
  'void.unknownEvent': '要作废的记录不存在（或不属于本单位）',
  'void.alreadyVoided': '这条记录已经作废过',
  'void.ofVoid': '作废操作本身不能再作废',
  'void.serviceRecord': '系统生成的年报记录不能作废',
  'void.hasDependants': '后续还有依赖这条记录的登记，请一并作废',
  'event.foreignOrg': '当前令牌只能为本单位填报',
  'org.unknown': '本单位尚未在系统中登记，请联系管理员',
  'application.alreadyReceived': '该申请编号已登记过，请换一个编号',
  'application.notReceived': '该申请尚未登记收到',
  'application.alreadyConcluded': '该申请已办结，只能更正结果或登记收费',
  'application.alreadyExtended': '该申请已延期过一次（《条例》第三十三条只允许延期一次）',
  'application.awaitingSupplement': '该申请正在等待补正，请先登记收到补正',
  'application.consulting': '该申请正在征求意见，请先登记征求意见结束',
  'application.concludedBeforeReceipt': '办结日期不能早于收到申请的日期',
  'application.correctedBeforeConclusion': '更正日期不能早于办结日期',
  'application.noSupplementRequested': '该申请没有告知补正，不能登记收到补正',
  'application.notConcluded': '该申请尚未办结，请直接办结并选择正确的结果',
  'application.notConsulting': '该申请不在征求意见中',
  'processingFee.invalidAmount': '金额须大于0元，最多两位小数',
  'processingFee.notNoticed': '尚未发出收费通知，不能登记缴费',
  'processingFee.notOverdue':
    '收费通知发出后20个工作日内申请人仍可缴费，期满次日起才能按「申请人逾期未按收费通知要求缴纳费用」办结',
  'processingFee.noUnpaidNotice': '该申请没有未缴费的收费通知，不能按「申请人逾期未缴纳费用」办结',
  'application.awaitingFee': '该申请正在等待缴纳信息处理费，请先登记缴费',
  'application.applicantKeyIdentifying': '申请人标识不能是身份证号或手机号，请填写本机关自定的代号',
  'fee.invalidAmount': '金额须大于0元，最多两位小数',
  'fee.duplicate': '该收据编号已登记过',
  'decision.duplicate': '该记录编号已登记过',
  'decision.invalidCount': '件数须为不小于1的整数',
  'declaration.invalidCount': '件数须为不小于0的整数',
  'document.alreadyIssued': '该文件编号已登记过，请换一个编号',
  'document.alreadyRepealed': '该文件已经废止',
  'document.unknown': '没有登记过这个文件编号，请先登记制发',
  'publication.duplicate': '该信息编号已登记过，请换一个编号',
  'publication.unknown': '没有登记过这条信息',
  'publication.alreadyWithdrawn': '这条信息已经撤下',
  'review.alreadyFiled': '该行政复议案件已立案登记',
  'review.notFiled': '该行政复议案件尚未立案登记',
  'review.alreadyConcluded': '该行政复议案件已审结',
  'litigation.alreadyFiled': '该行政诉讼案件已立案登记',
  'litigation.notFiled': '该行政诉讼案件尚未立案登记',
  'litigation.alreadyConcluded': '该行政诉讼案件已审结',
};

/** Refusals without a field: the contract field each one is about. */
const FIELD_OF_CODE: Record<string, string> = {
  'application.alreadyReceived': 'data.applicationId',
  'application.concludedBeforeReceipt': 'occurredAt',
  'application.correctedBeforeConclusion': 'occurredAt',
  'event.beforeStreamStart': 'occurredAt',
  'event.outOfOrder': 'occurredAt',
  'processingFee.invalidAmount': 'data.amountYuan',
  'fee.invalidAmount': 'data.amountYuan',
  'fee.duplicate': 'data.receiptId',
  'decision.duplicate': 'data.decisionId',
  'decision.invalidCount': 'data.count',
  'document.alreadyIssued': 'data.documentId',
  'document.unknown': 'data.documentId',
  'document.alreadyRepealed': 'data.documentId',
  'publication.duplicate': 'data.publicationId',
  'publication.unknown': 'data.publicationId',
  'review.alreadyFiled': 'data.caseId',
  'litigation.alreadyFiled': 'data.caseId',
  'review.notFiled': 'data.caseId',
  'litigation.notFiled': 'data.caseId',
};

/** What a status says when no code-specific words apply. */
export function statusWords(status: number): string {
  if (status === 0) return '无法连接服务，请检查网络后重试；重试不会重复记录';
  if (status === 401) return '登录已失效，请重新登录';
  if (status === 403) return '当前令牌没有权限做这件事（查阅令牌不能填报）';
  if (status === 413) return '提交的内容太大';
  if (status === 429) return '操作太频繁，请稍后再试';
  if (status >= 500) return '服务暂时不可用，请稍后重试；重试不会重复记录';
  return '操作未被接受';
}

export function wordsOf(p: Problem): string {
  if (p.code && ERROR_WORDS[p.code]) return ERROR_WORDS[p.code];
  return p.code ? `操作未被接受（${p.code}）` : '操作未被接受';
}

/**
 * Each problem beside its form field: `fields` maps contract fields ("occurredAt",
 * "data.applicationId") to the form's own props. A problem of an event outside `indexes`, or of
 * a field the form does not show, goes to the form-wide list.
 */
export function problemsByField(
  problems: readonly Problem[],
  fields: Record<string, string>,
): { byField: Record<string, string>; general: string[] } {
  const byField: Record<string, string> = {};
  const general: string[] = [];
  for (const p of problems) {
    const contractField = p.field ?? (p.code ? FIELD_OF_CODE[p.code] : undefined);
    const prop = contractField ? (fields[contractField] ?? fields[contractField.split('.')[0]]) : undefined;
    const words = wordsOf(p);
    if (prop) byField[prop] = byField[prop] ? `${byField[prop]}；${words}` : words;
    else if (!general.includes(words)) general.push(words);
  }
  return { byField, general };
}

/** `special` when the API answered with `status`, `otherwise` for any other failure. */
export const byStatus = (e: unknown, status: number, special: string, otherwise: string) =>
  e instanceof ApiError && e.status === status ? special : otherwise;

// The contract's codes in the Chinese a clerk reads them in: one place for the API's label route,
// so the workbench never spells a code's word a second time. Outcomes use the rows of table 三.

import type {
  ApplicantType,
  ApplicationChannel,
  ApplicationState,
  CaseResult,
  ConsultationParty,
  DecisionKind,
  DocumentKind,
  EventType,
  Outcome,
} from '@app/domain';
import { CATEGORY_NAMES, CHANNEL_NAMES } from '../prose/words';
import { APPLICANT_LABELS, OUTCOME_GROUPS } from './national-format';

export const APPLICANT_TYPE_WORDS: Record<ApplicantType, string> = {
  naturalPerson: APPLICANT_LABELS[0],
  commercialEnterprise: APPLICANT_LABELS[1],
  researchInstitution: APPLICANT_LABELS[2],
  socialWelfareOrganization: APPLICANT_LABELS[3],
  legalServiceAgency: APPLICANT_LABELS[4],
  otherOrganization: '其他组织',
};

export const APPLICATION_CHANNEL_WORDS: Record<ApplicationChannel, string> = {
  online: '网上申请',
  letter: '信函申请',
  inPerson: '当面申请',
  fax: '传真申请',
  other: '其他方式',
};

export const CONSULTATION_PARTY_WORDS: Record<ConsultationParty, string> = {
  thirdParty: '第三方',
  otherAgency: '其他机关',
};

export const APPLICATION_STATE_WORDS: Record<ApplicationState, string> = {
  running: '办理中',
  awaitingSupplement: '待补正',
  consulting: '征求意见中',
  awaitingFee: '待缴费',
  concluded: '已办结',
};

export const DOCUMENT_KIND_WORDS: Record<DocumentKind, string> = {
  rule: '规章',
  normativeDocument: '行政规范性文件',
};
export const DECISION_KIND_WORDS: Record<DecisionKind, string> = {
  licensing: '行政许可',
  penalty: '行政处罚',
  enforcement: '行政强制',
};
export const CASE_RESULT_WORDS: Record<CaseResult, string> = {
  upheld: '结果维持',
  corrected: '结果纠正',
  other: '其他结果',
};
export const PUBLICATION_CHANNEL_WORDS = CHANNEL_NAMES;
export const PUBLICATION_CATEGORY_WORDS = CATEGORY_NAMES;

/** What each event records, as the history of a record lists it. */
export const EVENT_TYPE_WORDS: Record<
  Exclude<EventType, 'ReportDrafted' | 'ReportPublished' | 'ReportReviewed'> | 'EventVoided',
  string
> = {
  ApplicationReceived: '登记收到申请',
  ApplicationSupplementRequested: '告知补正',
  ApplicationSupplementReceived: '收到补正',
  ApplicationConsultationStarted: '开始征求意见',
  ApplicationConsultationEnded: '征求意见结束',
  ApplicationDeadlineExtended: '延长答复期限',
  ApplicationConcluded: '办结',
  ApplicationOutcomeCorrected: '更正办理结果',
  ProcessingFeeNoticed: '发出收费通知',
  ProcessingFeePaid: '缴纳信息处理费',
  DocumentIssued: '制发文件',
  DocumentRepealed: '废止文件',
  DocumentsInForceDeclared: '登记现行有效件数',
  AdministrativeDecisionRecorded: '登记处理决定',
  AdministrativeFeeCollected: '登记行政事业性收费',
  PublicationPosted: '发布信息',
  PublicationWithdrawn: '撤下信息',
  ReviewCaseFiled: '行政复议立案',
  ReviewCaseConcluded: '行政复议审结',
  LitigationCaseFiled: '行政诉讼立案',
  LitigationCaseConcluded: '行政诉讼审结',
  ReportNarrativeWritten: '撰写报告正文',
  EventVoided: '作废记录',
};

export type OutcomeGroupWords = { label: string; options: { code: Outcome; label: string }[] };

/** The办理结果 choices grouped as table 三 groups them, each in the format's own words. */
export function outcomeGroupWords(): OutcomeGroupWords[] {
  return OUTCOME_GROUPS.filter((g) => g.leaves[0][0] !== 'concludedTotal').map((g) => ({
    label: g.label,
    options: g.leaves.map(([row, leaf]) => ({ code: row as Outcome, label: leaf || g.label })),
  }));
}

/** An outcome in one line: "(三) 不予公开 · 1.属于国家秘密". */
export function outcomeWords(): Record<Outcome, string> {
  const out = {} as Record<Outcome, string>;
  for (const g of outcomeGroupWords())
    for (const o of g.options) out[o.code] = o.label === g.label ? g.label : `${g.label} · ${o.label}`;
  return out;
}

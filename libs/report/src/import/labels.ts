// Every label of the national format's tables 二, 三 and 四 as the reader recognises it: the
// format's own wording (from the renderers' layout, so the two cannot drift apart) and the variants
// counties actually print (不再受理, 法律和行政法规, 先行有效件数, 行政法复议, 1、2、3、 numbering,
// a 规章 row that is missing or a lone 规范性文件 row). Matching is by a distinctive part of the
// label, after normalisation, so wrapped or re-punctuated labels still match.

import type { ApplicationRow } from '../report';
import { APPLICATION_ROW_LABELS, SECTION_TITLES } from '../render/national-format';

/** Han characters, letters and digits only; full-width forms folded: "（二）部分公开(…)" ≈ "(二) 部分公开（…）". */
export const normalizeLabel = (s: string) => s.normalize('NFKC').replace(/[^\p{Script=Han}\p{L}\p{N}]/gu, '');

/** The distinctive part of each row's label in table 三, with the variants seen in print. */
const APPLICATION_KEYS: Record<ApplicationRow, string[]> = {
  newReceived: ['本年新收'],
  carriedIn: ['上年结转'],
  disclosed: ['予以公开'],
  partiallyDisclosed: ['部分公开'],
  'withheld.stateSecret': ['国家秘密'],
  'withheld.lawProhibited': ['禁止公开'],
  'withheld.threeSecurityOneStability': ['三安全一稳定', '三安全', '一稳定'],
  'withheld.thirdPartyRights': ['第三方'],
  'withheld.internalAffairs': ['内部事务'],
  'withheld.processInformation': ['过程性'],
  'withheld.enforcementCaseFile': ['执法案卷'],
  'withheld.administrativeInquiry': ['行政查询'],
  'unavailable.notHeld': ['不掌握'],
  'unavailable.needsCreation': ['另行制作', '现成信息'],
  'unavailable.unclearAfterSupplement': ['仍不明确', '补正后'],
  'notProcessed.petitionComplaint': ['信访', '举报投诉'],
  'notProcessed.repeated': ['重复申请'],
  'notProcessed.publication': ['出版物'],
  'notProcessed.massiveRepeated': ['大量反复'],
  'notProcessed.confirmOrReissue': ['重新出具', '确认或'],
  'other.noSupplement': ['不补正', '逾期不补'],
  'other.feeUnpaid': ['缴纳费用', '收费通知'],
  'other.other': ['其他'],
  concludedTotal: ['总计', '合计'],
  carriedOut: ['结转下年', '下年度继续'],
};

/** The label of a row as the format prints it (its last part), for messages. */
export const applicationRowLabel = (row: ApplicationRow): string => {
  const path = APPLICATION_ROW_LABELS.find((r) => r.row === row)!.path;
  return path.length > 2 ? `${path[1]} ${path[2]}` : path[path.length - 1];
};

/** Where in the label the row is last named (-1 if it is not): the name nearest its figures wins. */
export function mentionAt(row: ApplicationRow, label: string): number {
  const n = normalizeLabel(label);
  if (row === 'other.other') {
    const m = [...n.matchAll(/(3|三)其他(?!处理)/g)].pop();
    return m ? m.index : n.endsWith('其他') && !n.endsWith('其他处理') ? n.length - 2 : -1;
  }
  return Math.max(...APPLICATION_KEYS[row].map((k) => n.lastIndexOf(k)));
}

export function matchesApplicationRow(row: ApplicationRow, label: string): boolean {
  const n = normalizeLabel(label);
  if (row === 'other.other')
    return /^(3|三)?其他$/.test(n.replace(/^.*其他处理/, '')) || /(^|[^他])3其他$/.test(n);
  return APPLICATION_KEYS[row].some((k) => n.includes(k));
}

/** （六）其他处理 printed as a single row, without its three items. */
export const isMergedOtherRow = (label: string) => {
  const n = normalizeLabel(label);
  return n.includes('其他处理') && !APPLICATION_KEYS['other.noSupplement'].some((k) => n.includes(k));
};

/** Rows of table 二, 第二十条第（一）（五）（六）（八）项, with the variants seen in print. */
export const PROACTIVE_ROWS = [
  { key: 'rules', label: '规章', test: (n: string) => n === '规章' || /^规章(件数)?$/.test(n) },
  { key: 'normativeDocuments', label: '行政规范性文件', test: (n: string) => /^(行政)?规范性文件$/.test(n) },
  { key: 'licensing', label: '行政许可', test: (n: string) => n === '行政许可' },
  { key: 'penalty', label: '行政处罚', test: (n: string) => n === '行政处罚' },
  { key: 'enforcement', label: '行政强制', test: (n: string) => n === '行政强制' },
  { key: 'fees', label: '行政事业性收费', test: (n: string) => n.startsWith('行政事业性收费') },
] as const;

/** Columns of table 四, for messages: 行政复议, then 行政诉讼 未经复议直接起诉 and 复议后起诉. */
export const CASE_GROUPS = ['行政复议', '行政诉讼（未经复议直接起诉）', '行政诉讼（复议后起诉）'] as const;

/** Section headings: the format's own and the wordings counties use (因政府信息公开工作被申请行政复议…). */
export const SECTIONS = {
  proactive: (n: string) => /^二.{0,4}主动公开/.test(n) || n === normalizeLabel(SECTION_TITLES.proactive),
  applications: (n: string) => /^三.{0,2}(收到和处理|依申请)/.test(n) && n.includes('申请'),
  reviewLitigation: (n: string) => /^四.{0,20}(行政复议|行政法复议|复议|诉讼)/.test(n) && !n.includes('结转'),
  after: (n: string) =>
    /^五.{0,4}(存在|政府信息公开工作存在|主要问题)/.test(n) || /^六.{0,2}其他需要报告/.test(n),
} as const;

/** Table 二 at 2019's layout (本年新制作数量, 对外公开总数量): other columns, not the 2021 format. */
export const is2019ProactiveHeader = (n: string) =>
  n.includes('本年新制作数量') || n.includes('对外公开总数量');

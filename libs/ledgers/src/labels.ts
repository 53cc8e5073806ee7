// The Chinese words of every coded column. Applicant types and outcomes are taken from the
// national-format layout the report renderers print, so a ledger and the report it feeds use the
// same words; the other codes have no printed table to borrow from and are spelled here once.

import {
  APPLICANT_TYPES,
  APPLICATION_CHANNELS,
  CASE_RESULTS,
  CONSULTATION_PARTIES,
  DECISION_KINDS,
  DOCUMENT_KINDS,
  OUTCOMES,
  PUBLICATION_CATEGORIES,
  PUBLICATION_CHANNELS,
} from '@app/domain';
import { APPLICANT_LABELS, OUTCOME_GROUPS } from '@app/report/render';

/** A code list: each code with the label the drop-down shows, plus other words a clerk may type. */
export type CodeList = { name: string; entries: { code: string; label: string; aliases?: string[] }[] };

const zip = (name: string, codes: readonly string[], labels: readonly string[]): CodeList => ({
  name,
  entries: codes.map((code, i) => ({ code, label: labels[i] })),
});

/** "(三) 不予公开" → "不予公开"; "(二) 部分公开（区分处理的…）" → "部分公开". */
const groupWord = (label: string) => label.replace(/^\([一二三四五六七]\)\s*/, '').replace(/（.*$/, '');
/** "1.属于国家秘密" → "属于国家秘密". */
const leafWord = (leaf: string) => leaf.replace(/^\d+\./, '');

/** Table 三's words: "予以公开", "不予公开-属于国家秘密", with the printed numbering also accepted. */
function outcomeEntries(): CodeList['entries'] {
  const out: CodeList['entries'] = [];
  for (const g of OUTCOME_GROUPS)
    for (const [row, leaf] of g.leaves) {
      if (!(OUTCOMES as readonly string[]).includes(row)) continue;
      const label = leaf ? `${groupWord(g.label)}-${leafWord(leaf)}` : groupWord(g.label);
      const aliases = leaf
        ? [`${g.label}${leaf}`, `${g.label} ${leaf}`, `${groupWord(g.label)}${leaf}`]
        : [g.label];
      out.push({ code: row, label, aliases });
    }
  if (out.map((e) => e.code).join() !== OUTCOMES.join())
    throw new Error('outcome labels out of step with OUTCOMES');
  return out;
}

export const CODE_LISTS = {
  applicantType: zip('申请人类型', APPLICANT_TYPES, APPLICANT_LABELS.slice(0, 6)),
  channel: zip('渠道', APPLICATION_CHANNELS, ['网络申请', '信函申请', '当面申请', '传真申请', '其他']),
  party: zip('征求意见对象', CONSULTATION_PARTIES, ['第三方', '其他机关']),
  outcome: { name: '办理结果', entries: outcomeEntries() },
  documentKind: zip('文件类别', DOCUMENT_KINDS, ['规章', '行政规范性文件']),
  decisionKind: zip('决定类别', DECISION_KINDS, ['行政许可', '行政处罚', '行政强制']),
  publicationChannel: zip('发布渠道', PUBLICATION_CHANNELS, [
    '政府网站',
    '政务微信',
    '政务微博',
    '政务短视频',
    '美篇',
    '公开栏',
    '其他',
  ]),
  publicationCategory: zip('栏目类别', PUBLICATION_CATEGORIES, [
    '政务要闻',
    '政务信息公开',
    '政策文件',
    '政策解读',
    '其他',
  ]),
  caseType: zip(
    '案件类型',
    ['review', 'litigationDirect', 'litigationAfterReview'],
    ['行政复议', '行政诉讼（未经复议直接起诉）', '行政诉讼（复议后起诉）'],
  ),
  caseResult: zip('审结结果', CASE_RESULTS, ['维持', '纠正', '其他']),
} satisfies Record<string, CodeList>;
export type CodeListName = keyof typeof CODE_LISTS;

/** Spaces of every width and the brackets a keyboard may give in either width are ignored. */
const fold = (s: string) =>
  s
    .replace(/[\s\u3000]/g, '')
    .replace(/[（(]/g, '(')
    .replace(/[）)]/g, ')')
    .replace(/[“”"]/g, '"')
    .replace(/[－—–]/g, '-')
    .toLowerCase();

const lookups = new Map<CodeList, Map<string, string>>();

/** The code a cell stands for: its label, an alias, or the code itself; undefined if none. */
export function codeOf(list: CodeList, text: string): string | undefined {
  let m = lookups.get(list);
  if (!m) {
    m = new Map();
    for (const e of list.entries)
      for (const w of [e.code, e.label, ...(e.aliases ?? [])]) if (!m.has(fold(w))) m.set(fold(w), e.code);
    lookups.set(list, m);
  }
  return m.get(fold(text));
}

export function labelOf(list: CodeList, code: string): string {
  return list.entries.find((e) => e.code === code)?.label ?? code;
}

// Section 一 总体情况, drafted from the figures: its five parts in the format's order. Parts with
// no figure behind them (平台建设, 监督保障) state what the figures show and mark the rest for
// the clerk, rather than inventing work that may not have been done.

import type { Outcome, PublicationCategory } from '@app/domain';
import { OUTCOMES, PUBLICATION_CATEGORIES, PUBLICATION_CHANNELS } from '@app/domain';
import type { ReportBody } from '../report';
import { wanYuanForPrint } from '@app/domain';
import type { DraftInput } from './draft';
import { CATEGORY_NAMES, CHANNEL_NAMES, listOf, placeholder } from './words';

/** The five subsections of 一 that the format asks for. */
export const OVERVIEW_PARTS = [
  '（一）主动公开',
  '（二）依申请公开',
  '（三）政府信息管理',
  '（四）政府信息公开平台建设',
  '（五）监督保障',
] as const;

const TOTAL = 6;
const outcomesUnder = (prefix: string) => OUTCOMES.filter((o) => o.startsWith(prefix));
const WITHHELD = outcomesUnder('withheld.');
const UNAVAILABLE = outcomesUnder('unavailable.');
const NOT_PROCESSED = outcomesUnder('notProcessed.');
const OTHER = outcomesUnder('other.');

export function overviewDraft({ orgName, year, body }: DraftInput): string {
  const parts = [
    proactive(orgName, year, body),
    applications(orgName, year, body),
    management(year, body.proactive),
    platforms(orgName, body.publications),
    oversight(body.reviewLitigation),
  ];
  return parts.map((text, i) => `### ${OVERVIEW_PARTS[i]}\n\n${text}`).join('\n\n');
}

function counted<K extends string>(
  order: readonly K[],
  by: Partial<Record<K, number>>,
  names: Record<K, string>,
) {
  return order.filter((k) => (by[k] ?? 0) > 0).map((k) => `${names[k]}${by[k]}条`);
}

function proactive(org: string, year: number, b: ReportBody): string {
  const p = b.publications;
  const first =
    p.total === 0
      ? `${year}年，${org}未登记通过网站等渠道主动公开的信息条目。`
      : `${year}年，${org}通过${listOf(PUBLICATION_CHANNELS.filter((c) => p.byChannel[c]).map((c) => CHANNEL_NAMES[c]))}主动公开政府信息${p.total}条，` +
        `其中${counted<PublicationCategory>(PUBLICATION_CATEGORIES, p.byCategory, CATEGORY_NAMES).join('、')}。`;
  const x = b.proactive;
  const decisions = x.licensing + x.penalty + x.enforcement;
  const second =
    decisions === 0
      ? '本年度无需要公开的行政许可、行政处罚和行政强制决定。'
      : `依照《中华人民共和国政府信息公开条例》第二十条，公开行政许可决定${x.licensing}件、行政处罚决定${x.penalty}件、行政强制决定${x.enforcement}件。`;
  const fees =
    x.administrativeFeesWanYuan === '0'
      ? ''
      : `本年度收取行政事业性收费${wanYuanForPrint(x.administrativeFeesWanYuan)}万元。`;
  return first + second + fees;
}

function applications(org: string, year: number, b: ReportBody): string {
  const r = b.applications.rows;
  const at = (row: keyof typeof r) => r[row][TOTAL];
  if (at('newReceived') === 0 && at('carriedIn') === 0)
    return `${year}年，${org}未收到政府信息公开申请，亦无上年结转的申请。`;
  const persons = r.newReceived[0];
  const who =
    at('newReceived') === 0
      ? ''
      : `（其中自然人提出${persons}件，法人或其他组织提出${at('newReceived') - persons}件）`;
  const sum = (group: readonly Outcome[]) => group.reduce((s, k) => s + r[k][TOTAL], 0);
  const results = [
    ['予以公开', at('disclosed')],
    ['部分公开', at('partiallyDisclosed')],
    ['不予公开', sum(WITHHELD)],
    ['无法提供', sum(UNAVAILABLE)],
    ['不予处理', sum(NOT_PROCESSED)],
    ['其他处理', sum(OTHER)],
  ] as const;
  const named = results.filter(([, n]) => n > 0).map(([l, n]) => `${l}${n}件`);
  const done =
    at('concludedTotal') === 0
      ? '本年度未办结申请'
      : `本年度办结${at('concludedTotal')}件，其中${named.join('、')}`;
  return (
    `${year}年，${org}新收政府信息公开申请${at('newReceived')}件${who}，上年结转${at('carriedIn')}件。` +
    `${done}；结转下年度继续办理${at('carriedOut')}件。`
  );
}

function management(year: number, p: ReportBody['proactive']): string {
  const kinds = [
    ['规章', p.rules],
    ['行政规范性文件', p.normativeDocuments],
  ] as const;
  const moved = kinds.filter(([, f]) => f.issued + f.repealed > 0);
  const first =
    moved.length === 0
      ? `${year}年没有制发和废止的规章、行政规范性文件。`
      : `${year}年${listOf(moved.map(([l, f]) => `制发${l}${f.issued}件、废止${f.repealed}件`))}。`;
  return `${first}截至年底，现行有效的规章${p.rules.inForce}件、行政规范性文件${p.normativeDocuments.inForce}件。`;
}

function platforms(org: string, p: ReportBody['publications']): string {
  const used = PUBLICATION_CHANNELS.filter((c) => (p.byChannel[c] ?? 0) > 0).map(
    (c) => `${CHANNEL_NAMES[c]}发布信息${p.byChannel[c]}条`,
  );
  const first = used.length === 0 ? '' : `${org}本年度通过${listOf(used)}。`;
  return first + placeholder('政府网站、政务新媒体、政务公开栏等公开平台的建设和管理情况');
}

function oversight(rl: ReportBody['reviewLitigation']): string {
  const review = rl.review[4];
  const litigation = rl.litigationDirect[4] + rl.litigationAfterReview[4];
  const first =
    review + litigation === 0
      ? '本年度未发生因政府信息公开引起的行政复议、行政诉讼。'
      : `本年度涉及政府信息公开的行政复议案件${review}件、行政诉讼案件${litigation}件，其中被依法纠正${rl.review[1] + rl.litigationDirect[1] + rl.litigationAfterReview[1]}件。`;
  return first + placeholder('考核评议、社会评议、责任追究等监督保障工作情况');
}

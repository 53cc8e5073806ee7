// The rest of a demo org's year: normative documents, the licensing and penalty systems' monthly
// records, fee receipts, website and WeChat publications, review and litigation cases.

import type { DemoOrg } from './orgs';
import type { Planned } from './plan-applications';
import { at, firstDay, type Rng, workingDaysLater, workingDaysOf, monthOf } from './rng';

const TOPICS = [
  '农村人居环境整治',
  '城乡居民医疗保险',
  '高标准农田建设',
  '老旧小区改造',
  '营商环境优化',
  '安全生产专项整治',
  '义务教育招生',
  '防汛抗旱',
  '就业创业补贴',
  '耕地保护',
  '乡村振兴示范村建设',
  '食品安全监管',
  '生态环境保护督察整改',
  '惠民惠农财政补贴资金',
  '重大行政决策事项',
];
const CHANNELS: [string, number][] = [
  ['govWebsite', 55],
  ['wechat', 25],
  ['weibo', 4],
  ['shortVideo', 5],
  ['meipian', 3],
  ['bulletinBoard', 8],
];
const CATEGORIES: [string, number][] = [
  ['news', 40],
  ['disclosure', 30],
  ['policy', 12],
  ['interpretation', 10],
  ['other', 8],
];
const RESULTS: [string, number][] = [
  ['upheld', 70],
  ['corrected', 18],
  ['other', 12],
];

export function planProactive(org: DemoOrg, year: number, r: Rng, firstYear: boolean): Planned[] {
  const out: Planned[] = [];
  const days = workingDaysOf(year);
  const push = (key: string, type: string, day: number, data: Record<string, unknown>, minutes?: number) =>
    out.push({ key, type, at: at(day, minutes ?? 9 * 60 + r.int(0, 8 * 60)), data });
  const short = org.name.replace(/^青山县/, '');

  // Documents: the opening balance once, then 行政规范性文件 issued and a few repealed.
  if (firstYear) {
    const inForce =
      org.kind === 'county' ? r.int(30, 60) : org.kind === 'department' ? r.int(0, 12) : r.int(0, 3);
    push(
      'docbal/normativeDocument',
      'DocumentsInForceDeclared',
      firstDay(year),
      { kind: 'normativeDocument', count: inForce },
      0,
    );
  }
  const issued = org.kind === 'county' ? r.int(4, 10) : org.kind === 'department' ? r.int(0, 3) : r.int(0, 1);
  for (let i = 1; i <= issued; i++) {
    const day = r.pick(days);
    const id = `${year}-${i}`;
    const title = `${org.name}关于印发《青山县${r.pick(TOPICS)}实施办法》的通知`;
    push(`doc/${id}/issued`, 'DocumentIssued', day, { documentId: id, kind: 'normativeDocument', title });
    if (r.chance(0.12))
      push(`doc/${id}/repealed`, 'DocumentRepealed', day + r.int(60, 300), { documentId: id });
  }

  // The licensing and penalty systems report monthly totals rather than one event per decision.
  for (let month = 1; month <= 12; month++) {
    const last = days.filter((d) => monthOf(d) === month).at(-1)!;
    for (const [kind, mean] of Object.entries(org.decisions ?? {})) {
      const count = Math.round((mean ?? 0) * (0.6 + 0.8 * r.next()));
      if (count > 0)
        push(
          `dec/${kind}/${year}-${month}`,
          'AdministrativeDecisionRecorded',
          last,
          { decisionId: `${kind}-${year}-${month}`, kind, count },
          17 * 60,
        );
    }
    if (org.feesYuan) {
      const yuan = (org.feesYuan * (0.5 + r.next())).toFixed(2);
      push(
        `fee/${year}-${month}`,
        'AdministrativeFeeCollected',
        last,
        { receiptId: `${year}-${month}`, amountYuan: yuan },
        16 * 60,
      );
    }
  }

  const posts = org.kind === 'county' ? r.int(30, 45) : Math.round(2 + org.load * 2 * (0.7 + 0.6 * r.next()));
  for (let i = 1; i <= posts; i++) {
    const day = r.pick(days);
    const id = `${year}-${i}`;
    const data = {
      publicationId: id,
      channel: r.weighted(CHANNELS),
      category: r.weighted(CATEGORIES),
      title: `${short}：${r.pick(TOPICS)}工作情况`,
    };
    push(`pub/${id}/posted`, 'PublicationPosted', day, data);
    if (r.chance(0.02))
      push(`pub/${id}/withdrawn`, 'PublicationWithdrawn', day + r.int(1, 20), { publicationId: id });
  }

  // 行政复议 and 行政诉讼 about disclosure are rare: a few a year across the county.
  if (r.chance(org.load / 12)) {
    const day = r.pick(days);
    const id = `FY-${year}-${org.orgId.slice(-4)}`;
    push(`review/${id}/filed`, 'ReviewCaseFiled', day, { caseId: id });
    push(`review/${id}/concluded`, 'ReviewCaseConcluded', workingDaysLater(day, r.int(30, 60)), {
      caseId: id,
      result: r.weighted(RESULTS),
    });
  }
  if (r.chance(org.load / 30)) {
    const day = r.pick(days);
    const id = `SS-${year}-${org.orgId.slice(-4)}`;
    push(`lit/${id}/filed`, 'LitigationCaseFiled', day, { caseId: id, afterReview: r.chance(0.4) });
    push(`lit/${id}/concluded`, 'LitigationCaseConcluded', workingDaysLater(day, r.int(60, 120)), {
      caseId: id,
      result: r.weighted(RESULTS),
    });
  }

  return out;
}

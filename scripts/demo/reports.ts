// The finished year's reports: each org writes its prose (sections 一, 五, 六) in late January, then
// submits it to the county's review; most are cleared and published, some wait or were sent back,
// and for a few a late-entered event arrives after publication, so the dashboard shows every status.

import type { DemoOrg } from './orgs';
import type { Planned } from './plan-applications';
import { at, firstDay, rng } from './rng';

const PROBLEMS = [
  '一是政府信息公开专栏部分栏目更新不够及时；二是政策解读形式较为单一。下一步将建立栏目更新台账，丰富图解、短视频等解读形式。',
  '一是依申请公开答复文书格式有待进一步规范；二是工作人员业务能力有待提升。下一步将加强业务培训，规范答复流程。',
  '一是基层政务公开标准化规范化建设仍需加强；二是公众参与渠道不够丰富。下一步将完善公开目录，拓展政民互动渠道。',
];

/** How far each org's report of the finished year got through the county's review. */
export type ReviewStage = 'draft' | 'submitted' | 'returned' | 'cleared' | 'published';

export function reviewStage(org: DemoOrg): ReviewStage {
  if (org.kind === 'county') return 'published';
  const x = rng(`${org.orgId}/review`).next();
  return x < 0.65
    ? 'published'
    : x < 0.75
      ? 'cleared'
      : x < 0.85
        ? 'submitted'
        : x < 0.9
          ? 'returned'
          : 'draft';
}
export const publishes = (org: DemoOrg) => reviewStage(org) === 'published';
export const restates = (org: DemoOrg) => publishes(org) && rng(`${org.orgId}/restate`).chance(0.15);

/** What the county office writes when it sends a draft back. */
export const RETURN_COMMENTS = [
  { section: 'overview', text: '请补充政府信息公开平台建设和监督保障方面的具体做法。' },
  { path: 'applications.rows.newReceived[6]', text: '本年新收申请数与登记台账不一致，请核实后修改。' },
];

/** ReportNarrativeWritten for `year`, written on 20 January of the next year. */
export function narratives(org: DemoOrg, year: number): Planned[] {
  const r = rng(`${org.orgId}/narrative/${year}`);
  const texts: [string, string][] = [
    [
      'overview',
      `${year}年，${org.name}坚持以公开为常态、不公开为例外，全面落实《中华人民共和国政府信息公开条例》，围绕重点领域信息公开、政策解读和依申请公开办理，持续提升政务公开质量和实效。`,
    ],
    ['problems', r.pick(PROBLEMS)],
    ['otherMatters', '本年度无其他需要报告的事项。'],
  ];
  return texts.map(([section, text], i) => ({
    key: `narr/${year}/${section}`,
    type: 'ReportNarrativeWritten',
    at: at(firstDay(year + 1) + 19, 10 * 60 + i),
    data: { year, section, text },
  }));
}

/** An event of `year` entered after the report was published: it calls for a restatement (更正). */
export function lateEvent(org: DemoOrg, year: number): Planned {
  return {
    key: `late/${year}`,
    type: 'PublicationPosted',
    at: at(firstDay(year + 1) - 3, 15 * 60),
    data: {
      publicationId: `${year}-late`,
      channel: 'govWebsite',
      category: 'disclosure',
      title: '年末政务信息补录',
    },
  };
}

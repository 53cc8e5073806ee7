import type { DisclosureEvent } from '@app/domain';
import * as b from '@app/testing/builders';
import { givenEvents } from '@app/testing/given';
import { draftTexts, finalTexts, PROBLEMS_PLACEHOLDER } from './draft';

const ORG = '新乡县七里营镇';
const draft = (...events: (DisclosureEvent | DisclosureEvent[])[]) => {
  const body = givenEvents(...events.flat()).report(2023);
  return { body, texts: draftTexts({ orgName: ORG, year: 2023, body }) };
};

describe('drafted prose', () => {
  it('writes section 一 from the figures, part by part, in the format’s order', () => {
    const { texts } = draft(
      b.times(3, (i) => b.posted({ id: `w${i}`, channel: 'wechat', category: 'policy' })),
      b.posted({ id: 'g1', channel: 'govWebsite', category: 'interpretation' }),
      b.decisionRecorded({ id: 'X1', kind: 'penalty', count: 4 }),
      b.adminFeeCollected({ id: 'R1', amountYuan: '1234.50' }),
      b.application({ id: 'A1', applicantType: 'commercialEnterprise', outcome: 'withheld.stateSecret' }),
      b.application({ id: 'A2', outcome: 'disclosed' }),
      b.received({ id: 'A3', at: '2023-12-30T09:00:00+08:00' }),
      b.documentIssued({ id: 'D1' }),
      b.reviewFiled({ id: 'C1' }),
    );
    const o = texts.overview;
    const parts = [
      '（一）主动公开',
      '（二）依申请公开',
      '（三）政府信息管理',
      '（四）政府信息公开平台建设',
      '（五）监督保障',
    ];
    expect(parts.map((p) => o.indexOf(`### ${p}`))).toEqual([...parts.map((p) => o.indexOf(`### ${p}`))].sort((x, y) => x - y)); // prettier-ignore
    expect(o).toContain(
      '2023年，新乡县七里营镇通过政府网站和政务微信公众号主动公开政府信息4条，其中政策文件3条、政策解读1条。',
    );
    expect(o).toContain(
      '公开行政许可决定0件、行政处罚决定4件、行政强制决定0件。本年度收取行政事业性收费0.1235万元。',
    );
    expect(o).toContain('新收政府信息公开申请3件（其中自然人提出2件，法人或其他组织提出1件），上年结转0件。本年度办结2件，其中予以公开1件、不予公开1件；结转下年度继续办理1件。'); // prettier-ignore
    expect(o).toContain(
      '2023年制发行政规范性文件1件、废止0件。截至年底，现行有效的规章0件、行政规范性文件1件。',
    );
    expect(o).toContain('本年度涉及政府信息公开的行政复议案件1件、行政诉讼案件0件');
    expect(o).toContain('【待补充：');
  });

  it('says plainly when nothing happened', () => {
    const { texts } = draft();
    expect(texts.overview).toContain('2023年，新乡县七里营镇未收到政府信息公开申请，亦无上年结转的申请。');
    expect(texts.overview).toContain('2023年没有制发和废止的规章、行政规范性文件。');
    expect(texts.otherMatters).toBe('本年度本机关未收取信息处理费。无其他需要报告的事项。');
    expect(texts.problems).toBe(PROBLEMS_PLACEHOLDER);
  });

  it('states the 信息处理费 noticed and collected in section 六', () => {
    const { texts } = draft(
      b.received({ id: 'A1' }),
      b.feeNoticed({ id: 'A1', amountYuan: '300' }),
      b.feePaid({ id: 'A1', amountYuan: '300', at: '2023-05-01T10:00:00+08:00' }),
      b.received({ id: 'A2' }),
      b.feeNoticed({ id: 'A2', amountYuan: '150.5' }),
    );
    expect(texts.otherMatters).toBe(
      '本年度共发出收费通知2件，通知收费金额450.5元，收取信息处理费300元，另有150.5元申请人未缴纳。无其他需要报告的事项。',
    );
  });

  it('says when notices went out and nothing was paid', () => {
    const { texts } = draft(b.received({ id: 'A1' }), b.feeNoticed({ id: 'A1', amountYuan: '720' }));
    expect(texts.otherMatters).toBe(
      '本年度共发出收费通知1件，通知收费金额720元，申请人均未缴纳，本机关未收取信息处理费。无其他需要报告的事项。',
    );
  });

  it('gives way to what the org has written, section by section', () => {
    const { body, texts } = draft(b.narrativeWritten({ section: 'problems', text: '一是……' }));
    const final = finalTexts(body.narrative, texts);
    expect(final.problems).toBe('一是……');
    expect(final.overview).toBe(texts.overview);
  });
});

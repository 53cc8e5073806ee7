import JSZip from 'jszip';
import * as b from '@app/testing/builders';
import { givenEvents } from '@app/testing/given';
import type { DisclosureEvent } from '@app/domain';
import { compareYears } from '../comparison';
import type { ReviewSheet } from './review-sheet';
import { renderReviewSheetDocx } from './review-sheet-docx';
import { renderReviewSheetHtml } from './review-sheet-html';

const at = (d: string) => `${d}T10:00:00+08:00`;
const before: DisclosureEvent[] = [
  b.received({ id: 'A1', applicantType: 'naturalPerson', at: at('2024-12-20') }),
  b.decisionRecorded({ id: 'X1', count: 10, at: at('2024-05-01') }),
  b.decisionRecorded({ id: 'X2', count: 40, at: at('2025-05-01') }),
];
const late = [b.received({ id: 'A9', applicantType: 'commercialEnterprise', at: at('2024-12-28') })];
const all = givenEvents(...before, ...late);
const current = all.report(2025);

function sheet(o: Partial<ReviewSheet> = {}): ReviewSheet {
  const comparison = compareYears({ year: 2025, scope: 'self', current, published: givenEvents(...before).report(2024), live: all.report(2024) }); // prettier-ignore
  return { orgId: 'rs-town', orgName: '新乡县七里营镇', year: 2025, scope: 'self', comparison, reportChecks: current.checks, ...o }; // prettier-ignore
}

describe('the review sheet as HTML', () => {
  const html = renderReviewSheetHtml(sheet());

  it('names the org, the year, the status and what last year is', () => {
    expect(html).toContain('<h1>新乡县七里营镇2025年政府信息公开工作年度报告审核单</h1>');
    expect(html).toContain('<th>报告状态</th><td>草稿，尚未发布</td>');
    expect(html).toContain('<td>2024年：上年度已发布的报告</td>');
  });

  it('has the comparison table, with the changes signed', () => {
    expect(html).toContain('<tr><th>数据项</th><th>2025年</th><th>2024年</th><th>增减</th></tr>');
    expect(html).toContain('<tr><td>表二 行政许可·本年处理决定数量</td><td class="n">40</td><td class="n">10</td><td class="n">+30</td></tr>'); // prettier-ignore
    expect(html).toContain('<td>表三 二、上年结转政府信息公开申请数量·总计</td><td class="n">2</td><td class="n">0</td><td class="n">+2</td>'); // prettier-ignore
  });

  it('shows a column of table 三 only where a year has a figure in it', () => {
    expect(html).toContain('表三 二、上年结转政府信息公开申请数量·商业企业');
    expect(html).not.toContain('表三 二、上年结转政府信息公开申请数量·科研机构');
    expect(html).toContain('表三 二、上年结转政府信息公开申请数量·科研机构'.replace('科研机构', '总计'));
  });

  it('lists the checks, failing ones marked, and leaves room for the opinion', () => {
    expect(html).toMatch(/<tr class="fail"><td>✗<\/td><td>错误<\/td><td>表三上年结转与上年度已发布报告不一致：商业企业：本年「二、上年结转政府信息公开申请数量」1件，上年度已发布报告「四、结转下年度继续办理」0件/); // prettier-ignore
    expect(html).toMatch(
      /<tr class="fail"><td>✗<\/td><td>警告<\/td><td>表二 行政许可·本年处理决定数量：本年40，上年10/,
    );
    expect(html).toContain('<tr class="ok"><td>✓</td><td>通过</td><td>表三勾稽关系：一 + 二 = 三(七) + 四（每一列）</td></tr>'); // prettier-ignore
    expect(html).toContain('<h2>三、审核意见</h2>\n<div class="opinion"></div>');
    expect(html).not.toMatch(/<script|<link|src="http/);
  });

  it('lists the figures changed since publication when the report needs a restatement', () => {
    const restated = renderReviewSheetHtml(sheet({ publication: { status: 'needsRestatement', publishedAt: '2026-01-20T10:00:00+08:00', changedCells: [{ path: 'proactive.licensing', label: '表二 行政许可·本年处理决定数量', published: 39, current: 40 }] } })); // prettier-ignore
    expect(restated).toContain('已发布，发布后数据有变化，需发布更正（2026-01-20）');
    expect(restated).toContain('<h2>三、发布后变化的数据（需发布更正）</h2>');
    expect(restated).toContain(
      '<td>表二 行政许可·本年处理决定数量</td><td class="n">39</td><td class="n">40</td>',
    );
    expect(restated).toContain('<h2>四、审核意见</h2>');
  });

  it('escapes what an org named itself', () =>
    expect(renderReviewSheetHtml(sheet({ orgName: '<b>镇</b>' }))).toContain('&lt;b&gt;镇&lt;/b&gt;2025年'));
});

describe('the review sheet as a Word document', () => {
  it('opens, with the title, the comparison, the checks and the opinion', async () => {
    const zip = await JSZip.loadAsync(await renderReviewSheetDocx(sheet()));
    const xml = await zip.file('word/document.xml')!.async('string');
    const plain = xml.replace(/<[^>]+>/g, '');
    expect(plain).toContain('新乡县七里营镇2025年政府信息公开工作年度报告审核单');
    expect(plain).toContain('表二 行政许可·本年处理决定数量4010+30');
    expect(plain).toContain('表三上年结转与上年度已发布报告不一致');
    expect(plain).toContain('三、审核意见');
    expect(plain).toContain('本审核单供审核使用，不属于年度报告正文，不随报告发布。');
    expect(xml.split('<w:tbl>')).toHaveLength(5);
  });

  it('adds the table of figures changed since publication when there are any', async () => {
    const restated = sheet({ publication: { status: 'needsRestatement', publishedAt: '2026-01-20T10:00:00+08:00', changedCells: [{ path: 'proactive.licensing', label: '表二 行政许可·本年处理决定数量', published: 39, current: 40 }] } }); // prettier-ignore
    const zip = await JSZip.loadAsync(await renderReviewSheetDocx(restated));
    const xml = await zip.file('word/document.xml')!.async('string');
    const plain = xml.replace(/<[^>]+>/g, '');
    expect(plain).toContain(
      '三、发布后变化的数据（需发布更正）数据项已发布现在表二 行政许可·本年处理决定数量3940四、审核意见',
    );
    expect(xml.split('<w:tbl>')).toHaveLength(6);
  });
});

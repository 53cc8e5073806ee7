import { parseReport } from '../import/parse-report';
import { renderHtml } from './html';
import { APPENDIX_TRACES, SEED_TEXT, restatedWithFailingChecks, seedDocument } from './seed-fixture.spec';

describe('the report as HTML', () => {
  const html = renderHtml(seedDocument());

  it('reads back into the seed tables', () => {
    const seed = parseReport(SEED_TEXT);
    const ours = parseReport(html);
    if (!seed.ok || !ours.ok) throw new Error('unparseable');
    expect(ours.report.applications).toEqual(seed.report.applications);
    expect(ours.report.proactive).toEqual(seed.report.proactive);
    expect(ours.report.reviewLitigation).toEqual(seed.report.reviewLitigation);
  });

  it('merges the header cells of tables 三 and 四 as the national format does', () => {
    const th = (attrs: string, text: string) =>
      new RegExp(`<th(?: class="l")? ${attrs}>${text.replace(/[()]/g, '\\$&')}`);
    expect(html).toMatch(th('colspan="3" rowspan="3"', '(本列数据的勾稽关系为'));
    expect(html).toMatch(th('colspan="7"', '申请人情况</th>'));
    expect(html).toMatch(th('rowspan="2"', '自然人</th>'));
    expect(html).toMatch(th('colspan="5"', '法人或其他组织</th>'));
    expect(html).toMatch(th('rowspan="22"', '三、本年度办理结果</th>'));
    expect(html).toMatch(th('rowspan="8"', '(三) 不予公开</th>'));
    expect(html).toMatch(th('rowspan="3"', '(四) 无法提供</th>'));
    expect(html).toContain('<th colspan="5">行政复议</th><th colspan="10">行政诉讼</th>');
    expect(html).toContain('<th colspan="5">未经复议直接起诉</th><th colspan="5">复议后起诉</th>');
  });

  it('is self-contained and prints on A4', () => {
    expect(html).toContain('@page { size: A4;');
    expect(html).not.toMatch(/<script|<link|src="http/);
  });

  it('escapes what an org wrote', () => {
    const doc = seedDocument();
    doc.texts.problems = '<b>x</b> & y';
    expect(renderHtml(doc)).toContain('<p>&lt;b&gt;x&lt;/b&gt; &amp; y</p>');
  });

  it('carries no check appendix, even with failing checks and changed cells', () => {
    const page = renderHtml(restatedWithFailingChecks());
    for (const gone of APPENDIX_TRACES) expect(page).not.toContain(gone);
    expect(page).not.toContain('appendix');
    expect(page).toMatch(/六、其他需要报告的事项<\/h2>[\s\S]*<\/section>\n<\/body>/);
  });
});

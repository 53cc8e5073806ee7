import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEED_TEXT } from '../render/seed-fixture.spec';
import { Findings } from './figures';
import { htmlDocument } from './html-document';
import { readApplications } from './read-applications';
import { balanceProblems } from './check-balance';
import { detectFormat } from './detect-format';
import { parseReport, readReport, sectionsOf } from './parse-report';
import type { ParseResult } from './parse-report';
import { pdfDocument } from './pdf-document';
import type { PdfTextItem } from './pdf-document';

// The layouts counties print, each read to the same figures as the format's own layout, or
// refused with the table, row and column named.

const ok = (r: ParseResult) => {
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r;
};
const seedWith = (...edits: [string | RegExp, string][]) =>
  edits.reduce((t, [from, to]) => {
    const next = t.replace(from, to);
    if (next === t) throw new Error(`edit did not apply: ${from}`);
    return next;
  }, SEED_TEXT);
const ONE = '\t1\t0\t0\t0\t0\t0\t1';

describe('label variants', () => {
  it('reads 1、2、3、 numbering, 法律和行政法规, 不再受理, 先行有效件数 and 行政法复议 as the format', () => {
    const r = ok(
      parseReport(
        seedWith(
          [/\t(\d)\./g, '\t$1、'],
          ['2、其他法律行政法规禁止公开', '2、法律和行政法规禁止公开'],
          ['(五) 不予处理', '(五) 不再受理'],
          ['现行有效件数', '先行有效件数'],
          ['四、政府信息公开行政复议、行政诉讼情况', '四、政府信息公开行政法复议、行政诉讼情况'],
          ['2、重复申请\t0\t0\t0\t0\t0\t0\t0', `2、重复申请${ONE}`],
          ['(七) 总计\t0\t0\t0\t0\t0\t0\t0', `(七) 总计${ONE}`],
          [
            '一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0',
            `一、本年新收政府信息公开申请数量\t${ONE}`,
          ],
        ),
      ),
    );
    expect(r.report.applications['notProcessed.repeated']).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(r.report.applications['withheld.lawProhibited']).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(balanceProblems(r.report)).toEqual([]);
  });

  it('reads （六）其他处理 printed as one row into 3.其他, and says so', () => {
    const text = seedWith(
      [/\t\(六\) 其他处理\t1\.[^\n]*\n\t\t2\.[^\n]*\n3\.其他\t\t[^\n]*\n/, `\t(六) 其他处理\t${ONE}\n`],
      ['(七) 总计\t0\t0\t0\t0\t0\t0\t0', `(七) 总计${ONE}`],
    );
    const r = ok(parseReport(text));
    expect(r.report.applications['other.other']).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(r.report.applications['other.noSupplement']).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(r.warnings).toContainEqual(expect.objectContaining({ table: '三', row: '（六）其他处理' }));
  });

  it('reads a table 二 without a 规章 row (the other row called 规范性文件) as no rules, and says so', () => {
    const r = ok(
      parseReport(seedWith(['规章\t0\t0\t0\n', ''], ['行政规范性文件\t0\t0\t0', '规范性文件\t2\t0\t5'])),
    );
    expect(r.report.proactive.rules).toEqual([0, 0, 0]);
    expect(r.report.proactive.normativeDocuments).toEqual([2, 0, 5]);
    expect(r.warnings).toContainEqual(expect.objectContaining({ table: '二', row: '规章' }));
  });

  it('reads "/" in table 二 as 0 with a warning, and refuses a figure it cannot read, naming its cell', () => {
    const slash = ok(parseReport(seedWith(['规章\t0\t0\t0', '规章\t/\t/\t/'])));
    expect(slash.warnings).toContainEqual(expect.objectContaining({ table: '二' }));
    const typo = parseReport(
      seedWith(['\t(一) 予以公开\t0\t0\t0\t0\t0\t0\t0', '\t(一) 予以公开\t1O\t0\t0\t0\t0\t0\t0']),
    );
    expect(typo.ok).toBe(false);
    if (!typo.ok) expect(typo.problems[0]).toMatchObject({ table: '三', row: '(一) 予以公开' });
  });
});

describe('wrapped labels and page breaks', () => {
  it('joins a row label wrapped over lines before and after its figures', () => {
    const r = ok(
      parseReport(
        seedWith(
          ['\t(六) 其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0', '\t(六) 其他处理\t1.申请人无正当理由逾期不补\n正、行政机关不再处理其政府信息公开申请\t0'], // prettier-ignore
          ['\t\t2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请\t0\t0\t0\t0\t0\t0\t0', `\t\t2.申请人逾期未按收费通知要求\t${ONE}\n缴纳费用、行政机关不再处理其政府信息公开申请`], // prettier-ignore
          ['(七) 总计\t0\t0\t0\t0\t0\t0\t0', `(七) 总计${ONE}`],
          [
            '一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0',
            `一、本年新收政府信息公开申请数量\t${ONE}`,
          ],
        ),
      ),
    );
    expect(r.report.applications['other.feeUnpaid']).toEqual([1, 0, 0, 0, 0, 0, 1]);
    expect(r.report.applications['other.noSupplement']).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('reads table 三 across a PDF page break: page number left out, columns by position, blank rows named', () => {
    const cols = [300, 330, 360, 390, 420, 450, 480];
    const line = (y: number, label: string, figures: (number | null)[]): PdfTextItem[] => [
      { str: label, x: 40, y, width: label.length * 9, height: 9 },
      ...figures.flatMap((v, i) =>
        v === null ? [] : [{ str: String(v), x: cols[i] - 3, y, width: 6, height: 9 }],
      ),
    ];
    const head = (y: number) =>
      ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'].map((s, i) => ({ str: s, x: cols[i] - 4, y, width: 8, height: 8 })); // prettier-ignore
    const z = [0, 0, 0, 0, 0, 0, 0];
    const page1: PdfTextItem[] = [
      ...line(800, '二、主动公开政府信息情况', []),
      ...line(790, '规章 0 0 0', []),
      ...line(780, '行政规范性文件 0 0 0', []),
      ...line(770, '行政许可 0', []),
      ...line(760, '行政处罚 0', []),
      ...line(750, '行政强制 0', []),
      ...line(740, '行政事业性收费 0', []),
      ...line(720, '三、收到和处理政府信息公开申请情况', []),
      ...head(710),
      ...line(700, '一、本年新收政府信息公开申请数量', [3, null, null, null, 1, null, 4]),
      ...line(690, '二、上年结转政府信息公开申请数量', z),
      ...line(680, '（一）予以公开', [2, null, null, null, 1, null, 3]),
      ...line(670, '（二）部分公开', z),
      ...line(60, '- 1 -', []),
    ];
    const labels = ['1.属于国家秘密', '2.其他法律行政法规禁止公开', '3.危及“三安全一稳定”', '4.保护第三方合法权益', '5.属于三类内部事务信息', '6.属于四类过程性信息', '7.属于行政执法案卷', '8.属于行政查询事项', '1.本机关不掌握相关政府信息', '2.没有现成信息需要另行制作', '3.补正后申请内容仍不明确', '1.信访举报投诉类申请', '2.重复申请', '3.要求提供公开出版物', '4.无正当理由大量反复申请', '5.要求行政机关确认或重新出具已获取信息', '1.申请人无正当理由逾期不补正', '2.申请人逾期未按收费通知要求缴纳费用', '3.其他']; // prettier-ignore
    const page2: PdfTextItem[] = [
      ...labels.flatMap((l, i) => line(800 - i * 10, l, l === '7.属于行政执法案卷' ? [] : z)),
      ...line(600, '（七）总计', [2, null, null, null, 1, null, 3]),
      ...line(590, '四、结转下年度继续办理', [1, 0, 0, 0, 0, 0, 1]),
      ...line(570, '四、政府信息公开行政复议、行政诉讼情况', []),
      ...line(560, '0 0 0 0 0 0 0 0 0 0 0 0 0 0 0', []),
      ...line(540, '五、存在的主要问题及改进情况', []),
    ];
    const r = readReport(pdfDocument([{ items: page1 }, { items: page2 }]));
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.report.applications.newReceived).toEqual([3, 0, 0, 0, 1, 0, 4]);
    expect(r.report.applications['withheld.enforcementCaseFile']).toEqual(z);
    expect(r.report.applications.concludedTotal).toEqual([2, 0, 0, 0, 1, 0, 3]);
    expect(r.warnings).toContainEqual(
      expect.objectContaining({ table: '三', row: '(三) 不予公开 7.属于行政执法案卷' }),
    );
    expect(balanceProblems(r.report)).toEqual([]);
  });
});

describe('web pages', () => {
  it('reads cells with <p>, <span> and &nbsp; by their place on the grid', () => {
    const html = SEED_TEXT.split('\n')
      .map((l) => (l.includes('\t') ? `<table><tr>${l.split('\t').map((c) => `<td><p><span>${c || '&nbsp;'}</span></p></td>`).join('')}</tr></table>` : `<p>${l}</p>`)) // prettier-ignore
      .join('\n')
      .replace('<td><p><span>一、本年新收政府信息公开申请数量</span></p></td><td><p><span>&nbsp;</span></p></td><td><p><span>0</span></p></td>', '<td colspan="2"><p>一、本年新收政府信息公开申请数量</p></td><td><p><span>2</span></p></td>'); // prettier-ignore
    const r = parseReport(html);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.report.applications.newReceived).toEqual([2, 0, 0, 0, 0, 0, 0]);
  });

  it('walks through the layout tables of a page saved whole to the report tables inside them', () => {
    const article = readFileSync(join(__dirname, 'fixtures/corpus/shanghai-bgt-2019.html'), 'utf8');
    const body = article.slice(article.indexOf('<div class="article">'), article.lastIndexOf('</body>'));
    const page = `<html><head><meta charset="utf-8"><script>var a = "<table>";</script></head><body><table width="1000"><tr><td>导航</td></tr><tr><td><table><tr><td>${body}</td></tr></table></td></tr></table></body></html>`; // prettier-ignore
    const direct = sectionsOf(htmlDocument(article).rows);
    const saved = sectionsOf(htmlDocument(page).rows);
    const f = new Findings();
    expect(readApplications(saved.applications!, f)).toEqual(readApplications(direct.applications!, f));
    expect(readApplications(saved.applications!, f)!.concludedTotal).toEqual([767, 35, 0, 0, 2, 1, 805]);
  });
});

describe('format detection from the bytes', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  it('tells PDF, Word, old Word, web page, GB18030 text apart', () => {
    expect(detectFormat(bytes('%PDF-1.7\n…')).format).toBe('pdf');
    expect(
      detectFormat(new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...bytes('....word/document.xml')])).format,
    ).toBe('docx');
    expect(detectFormat(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2])).format).toBe('unsupported');
    expect(detectFormat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1])).format).toBe('unsupported');
    expect(detectFormat(bytes('<div><table><tr><td>规章</td></tr></table></div>')).format).toBe('html');
    const gb = new Uint8Array([0xb9, 0xe6, 0xd5, 0xc2]); // 规章 in GB18030
    expect(detectFormat(gb)).toEqual({ format: 'text', text: '规章' });
  });
});

import * as b from '@app/testing/builders';
import { givenEvents } from '@app/testing/given';
import type { DisclosureEvent } from '@app/domain';
import type { ComparisonCheck } from './comparison-checks';
import { CODES, comparisonChecks, factorThree } from './comparison-checks';
import type { PublishedFigures } from './render/figures';

// Last year (2024) is published from the events known at publication; a late 2024 event then
// moves today's figures and breaks the link with what was published, as it would in the service.
const at = (d: string) => `${d}T10:00:00+08:00`;
const year = (events: DisclosureEvent[], y: number) => givenEvents(...events).report(y);

function checksAfter(before: DisclosureEvent[], late: DisclosureEvent[], scope: 'self' | 'rollup' = 'self') {
  const published = year(before, 2024);
  const all = [...before, ...late];
  const live = year(all, 2024);
  return comparisonChecks({
    year: 2025,
    scope,
    current: year(all, 2025),
    published,
    live,
    previous: published,
  });
}
const byCode = (checks: ComparisonCheck[], code: string) => checks.filter((c) => c.code === code);

const HISTORY: DisclosureEvent[] = [
  b.inForceDeclared({ kind: 'rule', count: 3, at: at('2024-01-02') }),
  b.documentIssued({ id: 'R1', kind: 'rule', at: at('2024-03-01') }),
  b.documentIssued({ id: 'R2', kind: 'rule', at: at('2025-03-01') }),
  b.documentIssued({ id: 'R3', kind: 'rule', at: at('2025-04-01') }),
  b.documentRepealed({ id: 'R1', at: at('2025-05-01') }),
  b.received({ id: 'A1', applicantType: 'naturalPerson', at: at('2024-12-20') }),
  b.concluded({ id: 'A1', at: at('2025-01-10') }),
  b.reviewFiled({ id: 'C1', at: at('2024-11-01') }),
];

describe('documents in force continue last year’s published count', () => {
  it('passes when 现行有效 of last year + 制发 − 废止 is this year’s 现行有效', () =>
    expect(byCode(checksAfter(HISTORY, []), CODES.documents)).toEqual([
      { code: CODES.documents, ok: true, severity: 'error', message: '规章：上年度已发布报告现行有效件数4件，加本年制发件数2件、减本年废止件数1件，等于本年现行有效件数5件。' }, // prettier-ignore
      { code: CODES.documents, ok: true, severity: 'error', message: '行政规范性文件：上年度已发布报告现行有效件数0件，加本年制发件数0件、减本年废止件数0件，等于本年现行有效件数0件。' }, // prettier-ignore
    ]));

  it('fails on a rule issued in 2024 but recorded after publication, naming both figures', () => {
    const late = [b.documentIssued({ id: 'R9', kind: 'rule', at: at('2024-12-30') })];
    const [rules, normative] = byCode(checksAfter(HISTORY, late), CODES.documents);
    expect(rules).toMatchObject({ ok: false, severity: 'error' });
    expect(rules.message).toBe(
      '规章：上年度已发布报告现行有效件数4件，加本年制发件数2件、减本年废止件数1件，应为5件，但本年现行有效件数为6件，相差1件。请核对上年度报告是否需要更正，或本年的制发、废止和期初现行有效件数是否有误。',
    );
    expect(normative.ok).toBe(true);
  });

  it('fails on an opening balance declared for last year after its report was published', () => {
    const late = [b.inForceDeclared({ kind: 'normativeDocument', count: 7, at: at('2024-12-31') })];
    const [, normative] = byCode(checksAfter(HISTORY, late), CODES.documents);
    expect(normative.ok).toBe(false);
    expect(normative.message).toContain('上年度已发布报告现行有效件数0件');
    expect(normative.message).toContain('但本年现行有效件数为7件');
  });
});

describe('applications carried over', () => {
  it('passes when 上年结转 equals last year’s published 结转下年度继续办理 in every column', () =>
    expect(byCode(checksAfter(HISTORY, []), CODES.applications)).toEqual([
      { code: CODES.applications, ok: true, severity: 'error', message: '表三「二、上年结转政府信息公开申请数量」与上年度已发布报告「四、结转下年度继续办理」各列一致（总计1件）。' }, // prettier-ignore
    ]));

  it('fails on an application of 2024 registered after publication, naming the column and both figures', () => {
    const late = [b.received({ id: 'A9', applicantType: 'commercialEnterprise', at: at('2024-12-28') })];
    const [check] = byCode(checksAfter(HISTORY, late), CODES.applications);
    expect(check.ok).toBe(false);
    expect(check.message).toBe(
      '表三上年结转与上年度已发布报告不一致：' +
        '商业企业：本年「二、上年结转政府信息公开申请数量」1件，上年度已发布报告「四、结转下年度继续办理」0件；' +
        '总计：本年「二、上年结转政府信息公开申请数量」2件，上年度已发布报告「四、结转下年度继续办理」1件。' +
        '上年度报告发布后又有上年的申请被登记或办结，请更正上年度报告或核对登记。',
    );
  });
});

describe('review and litigation cases pending', () => {
  it('passes when the cases carried in are last year’s published 尚未审结', () =>
    expect(byCode(checksAfter(HISTORY, []), CODES.cases)[0]).toMatchObject({ ok: true })); // prettier-ignore

  it('fails on a case filed in 2024 but recorded after publication, naming the row and both figures', () => {
    const late = [b.litigationFiled({ id: 'L9', afterReview: true, at: at('2024-10-01') })];
    const [check] = byCode(checksAfter(HISTORY, late), CODES.cases);
    expect(check.ok).toBe(false);
    expect(check.message).toBe(
      '表四未审结案件与上年度已发布报告不一致：行政诉讼（复议后起诉）：上年度已发布报告「尚未审结」0件，但本年从上年转入的未审结案件（上年底前受理、上年底前未审结）为1件。请更正上年度报告或核对案件登记。',
    );
  });

  it('fails when a case of 2024 is concluded in 2024 after publication', () => {
    const late = [b.reviewConcluded({ id: 'C1', at: at('2024-12-15') })];
    const [check] = byCode(checksAfter(HISTORY, late), CODES.cases);
    expect(check.message).toContain('行政复议：上年度已发布报告「尚未审结」1件，但本年从上年转入的未审结案件（上年底前受理、上年底前未审结）为0件'); // prettier-ignore
  });
});

describe('when last year is not published', () => {
  const live = year(HISTORY, 2024);
  const input = { year: 2025, current: year(HISTORY, 2025), live, previous: live };

  it('says so for each continuity check, as info and not as a failure', () => {
    const checks = comparisonChecks({ ...input, scope: 'self' });
    expect(checks.slice(0, 3)).toEqual(
      [CODES.documents, CODES.applications, CODES.cases].map((code) => ({
        code,
        ok: true,
        severity: 'info',
        message: '2024年度报告尚未发布，本项只与已发布的报告核对，发布后再核对。',
      })),
    );
  });

  it('says a rollup is never published itself', () =>
    expect(comparisonChecks({ ...input, scope: 'rollup' })[0].message).toMatch(/^汇总报告不单独发布/));
});

describe('figures that move by more than a factor of three', () => {
  const licensing = (n: number): PublishedFigures => year([b.decisionRecorded({ count: n, at: at('2024-06-01') })], 2024); // prettier-ignore
  const flagged = (from: number, to: number) =>
    factorThree(licensing(to), licensing(from))
      .filter((c) => !c.ok)
      .map((c) => c.message);

  it('warns from a base of 10, not of 9', () => {
    expect(flagged(9, 28)).toEqual([]);
    expect(flagged(9, 100)).toEqual([]);
    expect(flagged(10, 31)).toEqual([
      '表二 行政许可·本年处理决定数量：本年31，上年10，变化超过三倍，请核实。',
    ]);
  });

  it('warns on a fall to less than a third, and not on exactly three times', () => {
    expect(flagged(10, 3)).toEqual(['表二 行政许可·本年处理决定数量：本年3，上年10，变化超过三倍，请核实。']);
    expect(flagged(10, 30)).toEqual([]);
    expect(flagged(12, 4)).toEqual([]);
  });

  it('is a warning, and passes with a message when nothing moved that much', () => {
    expect(factorThree(licensing(31), licensing(10))[0]).toMatchObject({ code: CODES.factor, ok: false, severity: 'warning' }); // prettier-ignore
    expect(factorThree(licensing(12), licensing(10))).toEqual([
      { code: CODES.factor, ok: true, severity: 'warning', message: '与上年相比，没有基数在10以上且变化超过三倍的数据。' }, // prettier-ignore
    ]);
  });

  it('compares amounts exactly, in their own unit', () => {
    const fees = (y: string) => year([b.adminFeeCollected({ amountYuan: y, at: at('2024-06-01') })], 2024);
    // 10 万元 = 100000 元 is the base; 300000.01 元 is just over three times it.
    expect(factorThree(fees('300000.01'), fees('100000.00')).map((c) => c.ok)).toEqual([false]);
    expect(factorThree(fees('300000.00'), fees('100000.00')).map((c) => c.ok)).toEqual([true]);
    expect(factorThree(fees('900000.00'), fees('99999.99')).map((c) => c.ok)).toEqual([true]);
  });

  it('is not made without a previous year', () =>
    expect(factorThree(licensing(50), null)).toEqual([{ code: CODES.factor, ok: true, severity: 'info', message: '没有上年度数据，不检查变化幅度。' }])); // prettier-ignore
});

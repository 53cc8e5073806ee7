import * as b from '@app/testing/builders';
import { givenEvents } from '@app/testing/given';
import { compareYears, comparisonRows, previousOf } from './comparison';
import { subtractDecimals } from './comparison-decimals';
import { changedCells } from './render/changed-cells';

const at = (d: string) => `${d}T10:00:00+08:00`;
const given = givenEvents(
  b.application({ id: 'A1', applicantType: 'naturalPerson', receivedAt: at('2024-02-01'), concludedAt: at('2024-02-10') }), // prettier-ignore
  b.received({ id: 'A2', applicantType: 'naturalPerson', at: at('2025-03-01') }),
  b.received({ id: 'A3', applicantType: 'legalServiceAgency', at: at('2025-03-02') }),
  b.posted({ id: 'P1', channel: 'wechat', category: 'policy', at: at('2025-04-01') }),
  b.adminFeeCollected({ id: 'F1', amountYuan: '1234.56', at: at('2024-05-01') }),
  b.adminFeeCollected({ id: 'F2', amountYuan: '100.00', at: at('2025-05-01') }),
  b.feeNoticed({ id: 'A2', amountYuan: '10.50', at: at('2025-03-05') }),
);
const y2024 = given.report(2024);
const y2025 = given.report(2025);
const row = (path: string) => comparisonRows(y2025, y2024).find((r) => r.path === path);

describe('the comparison rows', () => {
  it('name every figure of table 三 by row and column, 总计 being column 6', () => {
    expect(row('applications.rows.newReceived[0]')).toEqual({ path: 'applications.rows.newReceived[0]', label: '表三 一、本年新收政府信息公开申请数量·自然人', current: 1, previous: 1, change: 0 }); // prettier-ignore
    expect(row('applications.rows.newReceived[6]')).toMatchObject({ current: 2, previous: 1, change: 1 });
    expect(row('applications.rows.disclosed[6]')).toEqual({ path: 'applications.rows.disclosed[6]', label: '表三 三、本年度办理结果 (一) 予以公开·总计', current: 0, previous: 1, change: -1 }); // prettier-ignore
    expect(row('applications.rows.withheld.stateSecret[6]')?.label).toBe(
      '表三 (三) 不予公开 1.属于国家秘密·总计',
    );
  });

  it('cover tables 二 and 四, publications by channel and category, and the fees', () => {
    const paths = comparisonRows(y2025, y2024).map((r) => r.path);
    expect(paths.filter((p) => p.startsWith('applications.'))).toHaveLength(25 * 7);
    expect(paths.filter((p) => p.startsWith('reviewLitigation.'))).toHaveLength(15);
    expect(paths).toEqual(expect.arrayContaining(['proactive.rules.inForce', 'proactive.licensing', 'publications.total', 'processingFees.collectedYuan'])); // prettier-ignore
    expect(row('proactive.normativeDocuments.issued')?.label).toBe('表二 行政规范性文件·本年制发件数');
    expect(row('reviewLitigation.litigationAfterReview[3]')?.label).toBe('表四 行政诉讼·复议后起诉·尚未审结');
    expect(row('publications.byChannel.wechat')).toMatchObject({ label: '一、总体情况 主动公开信息条数·政务微信公众号', current: 1, previous: 0, change: 1 }); // prettier-ignore
    expect(row('publications.byCategory.policy')).toMatchObject({ label: '一、总体情况 主动公开信息条数·政策文件', current: 1 }); // prettier-ignore
  });

  it('subtract amounts exactly, as decimal strings', () => {
    expect(row('proactive.administrativeFeesWanYuan')).toEqual({ path: 'proactive.administrativeFeesWanYuan', label: '表二 行政事业性收费·本年收费金额（单位：万元）', current: '0.01', previous: '0.123456', change: '-0.113456' }); // prettier-ignore
    expect(row('processingFees.noticedYuan')).toMatchObject({
      current: '10.5',
      previous: '0',
      change: '10.5',
    });
    expect([subtractDecimals('0.3', '0.1'), subtractDecimals('1', '1.25'), subtractDecimals('2.50', '2.5')]).toEqual(['0.2', '-0.25', '0']); // prettier-ignore
  });

  it('name a figure the way the restatement names it', () => {
    const late = givenEvents(b.received({ id: 'X', applicantType: 'naturalPerson', at: at('2024-06-01') })).report(2024); // prettier-ignore
    const [cell] = changedCells(givenEvents().report(2024), late);
    expect(row(cell.path)?.label).toBe(cell.label);
  });

  it('have no previous and no change when there is no previous year', () =>
    expect(comparisonRows(y2025, null).every((r) => r.previous === null && r.change === null)).toBe(true));
});

describe('which report stands for last year', () => {
  const empty = givenEvents().report(2024);

  it('is the published one when there is one, else the live one, else none when every figure is zero', () => {
    expect(previousOf(y2024, empty)).toEqual({ source: 'published', figures: y2024 });
    expect(previousOf(undefined, y2024)).toEqual({ source: 'live', figures: y2024 });
    expect(previousOf(undefined, empty)).toEqual({ source: null, figures: null });
  });

  it('counts a balance carried into last year as a figure (an imported opening balance)', () => {
    const opening = givenEvents(b.inForceDeclared({ kind: 'rule', count: 2, at: at('2023-12-31') })).report(2024); // prettier-ignore
    expect(previousOf(undefined, opening).source).toBe('live');
  });

  it('puts year, previous year, source, rows and checks together', () => {
    const c = compareYears({ year: 2025, scope: 'self', current: y2025, live: y2024 });
    // 10 of table 二, 25 × 7 of 三, 15 of 四, 1 + 7 + 5 of publications, 3 of fees.
    expect([c.year, c.previousYear, c.previousSource, c.rows.length]).toEqual([2025, 2024, 'live', 216]);
    expect(c.checks[0]).toMatchObject({ code: 'documents.inForceContinues', severity: 'info' });
  });
});

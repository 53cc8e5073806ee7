// The real 2023 report of 新乡县七里营镇 (fixtures/qiliying-2023-report.txt, as published): its
// tables are read from the text itself, so this test fails if the fold and the published
// national-format tables ever disagree.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APPLICATION_ROWS } from './report';
import { posted, times } from '@app/testing/builders';
import { givenEvents } from '@app/testing/given';

const text = readFileSync(join(__dirname, 'fixtures', 'qiliying-2023-report.txt'), 'utf8');
const lines = text.split('\n');
const numbersOf = (line: string) =>
  line
    .split('\t')
    .filter((f) => /^\d+$/.test(f.trim()))
    .map(Number);
const section = (from: string, to?: string) =>
  lines.slice(
    lines.findIndex((l) => l.includes(from)),
    to ? lines.findIndex((l) => l.includes(to)) : undefined,
  );
const rowOf = (label: string) => numbersOf(lines.find((l) => l.startsWith(`${label}\t`))!);

const published = {
  rules: rowOf('规章'),
  normativeDocuments: rowOf('行政规范性文件'),
  decisions: ['行政许可', '行政处罚', '行政强制'].map((l) => rowOf(l)[0]),
  feesWanYuan: lines.find((l) => l.startsWith('行政事业性收费\t'))!.split('\t')[1],
  applicationRows: section('三、收到和处理', '四、政府信息公开行政复议')
    .map(numbersOf)
    .filter((ns) => ns.length >= 7)
    .map((ns) => ns.slice(-7)),
  reviewLitigation: section('四、政府信息公开行政复议', '五、')
    .map(numbersOf)
    .find((ns) => ns.length === 15)!,
  news: Number(/政务要闻\s*(\d+)\s*条/.exec(text)![1]),
  disclosure: Number(/政务信息公开\s*(\d+)\s*条/.exec(text)![1]),
};

// What the town's website CMS would have sent over 2023: one event per item, spread over the year.
const dated = (i: number) => `2023-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}T09:00:00+08:00`; // prettier-ignore
const year2023 = givenEvents(
  times(published.news, (i) => posted({ id: `news-${i}`, category: 'news', at: dated(i) })),
  times(published.disclosure, (i) => posted({ id: `gk-${i}`, category: 'disclosure', at: dated(i + 5) })),
);

describe('the seed: 七里营镇 2023 annual report', () => {
  it('reads the published tables (guards the parser)', () => {
    expect(published.applicationRows).toHaveLength(APPLICATION_ROWS.length);
    expect(published.reviewLitigation).toHaveLength(15);
    expect([published.news, published.disclosure]).toEqual([42, 20]);
  });

  it('gives table 二 exactly', () =>
    year2023.thenReport(2023, (r) => {
      const { rules, normativeDocuments } = r.proactive;
      expect([rules.issued, rules.repealed, rules.inForce]).toEqual(published.rules);
      expect([normativeDocuments.issued, normativeDocuments.repealed, normativeDocuments.inForce]).toEqual(
        published.normativeDocuments,
      );
      expect([r.proactive.licensing, r.proactive.penalty, r.proactive.enforcement]).toEqual(
        published.decisions,
      );
      expect(r.proactive.administrativeFeesWanYuan).toBe(published.feesWanYuan);
    }));

  it('gives table 三 exactly, row by row in the national order', () =>
    year2023.thenReport(2023, (r) =>
      expect(APPLICATION_ROWS.map((row) => r.applications.rows[row])).toEqual(published.applicationRows),
    ));

  it('gives table 四 exactly', () =>
    year2023.thenReport(2023, (r) =>
      expect([
        ...r.reviewLitigation.review,
        ...r.reviewLitigation.litigationDirect,
        ...r.reviewLitigation.litigationAfterReview,
      ]).toEqual(published.reviewLitigation),
    ));

  it('counts the 62 items posted on the county government website', () =>
    year2023.thenReport(2023, (r) => {
      expect(r.publications).toEqual({
        total: 62,
        byChannel: { govWebsite: 62 },
        byCategory: { news: 42, disclosure: 20 },
      });
      expect(r.processingFees).toEqual({ noticesIssued: 0, noticedYuan: '0', collectedYuan: '0' });
      expect(r.checks.filter((c) => !c.ok)).toEqual([]);
    }));

  it('leaves 2022 and 2024 empty', () => {
    year2023.thenReport(2022, (r) => expect(r.publications.total).toBe(0));
    year2023.thenReport(2024, (r) => expect(r.publications.total).toBe(0));
  });
});

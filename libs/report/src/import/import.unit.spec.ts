import type { DisclosureEvent } from '@app/domain';
import * as b from '@app/testing/builders';
import { givenEvents } from '@app/testing/given';
import { renderHtml } from '../render/html';
import { renderMarkdown } from '../render/markdown';
import { SEED_TEXT, documentOf, seedEvents } from '../render/seed-fixture.spec';
import { balanceProblems } from './check-balance';
import { openingBalanceEvents } from './opening-balance';
import { parseReport } from './parse-report';
import type { ParsedReport } from './parse-report';

const ZONE = 'Asia/Shanghai';
const parsed = (text: string): ParsedReport => {
  const r = parseReport(text);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.report;
};
const asEvents = (r: ParsedReport, year: number) =>
  openingBalanceEvents(r, b.ORG, year, ZONE).map(({ key: _k, ...e }) => ({ ...e, eventId: b.nextEventId() }) as DisclosureEvent); // prettier-ignore

// A town with a busy 2023: open applications of three applicant types, pending cases, documents.
const busy2023 = givenEvents(
  ...seedEvents(),
  b.inForceDeclared({ count: 7, at: '2023-01-01T00:00:00+08:00' }),
  b.documentIssued({ id: 'D1', at: '2023-03-01T09:00:00+08:00' }),
  b.documentIssued({ id: 'R1', kind: 'rule', at: '2023-03-01T09:00:00+08:00' }),
  b.application({ id: 'A1', applicantType: 'commercialEnterprise', outcome: 'disclosed' }),
  b.received({ id: 'A2', applicantType: 'naturalPerson', at: '2023-12-20T09:00:00+08:00' }),
  b.received({ id: 'A3', applicantType: 'naturalPerson', at: '2023-12-21T09:00:00+08:00' }),
  b.received({ id: 'A4', applicantType: 'legalServiceAgency', at: '2023-12-22T09:00:00+08:00' }),
  b.reviewFiled({ id: 'C1', at: '2023-05-01T09:00:00+08:00' }),
  b.reviewFiled({ id: 'C2', at: '2023-05-01T09:00:00+08:00' }),
  b.reviewConcluded({ id: 'C2', at: '2023-06-01T09:00:00+08:00', result: 'corrected' }),
  b.litigationFiled({ id: 'L1', afterReview: true, at: '2023-07-01T09:00:00+08:00' }),
);

describe('importing a published report', () => {
  it('reads the seed and finds it balanced', () => {
    const seed = parsed(SEED_TEXT);
    expect([seed.orgName, seed.year]).toEqual(['新乡县七里营镇', 2023]);
    expect(balanceProblems(seed)).toEqual([]);
    expect(seed.applications.carriedOut).toEqual([0, 0, 0, 0, 0, 0, 0]);
  });

  it('opens 2024 from the seed: nothing carried, no documents in force', () => {
    const events = asEvents(parsed(SEED_TEXT), 2023);
    expect(events.map((e) => e.type)).toEqual(['DocumentsInForceDeclared', 'DocumentsInForceDeclared']);
    givenEvents(events).thenReport(2024, (r) => {
      expect(r.applications.rows.carriedIn).toEqual([0, 0, 0, 0, 0, 0, 0]);
      expect(r.proactive.normativeDocuments.inForce).toBe(0);
    });
  });

  it.each([
    ['Markdown', renderMarkdown],
    ['HTML', renderHtml],
  ])('round-trips through %s: the next year opens with the same carried figures', (_, render) => {
    const original = busy2023.report(2023);
    const back = parsed(render(documentOf(busy2023, 2023)));
    expect(balanceProblems(back)).toEqual([]);
    const imported = givenEvents(asEvents(back, 2023));
    const next = busy2023.report(2024);
    imported.thenReport(2024, (r) => {
      expect(r.applications.rows.carriedIn).toEqual(original.applications.rows.carriedOut);
      expect(r.applications.rows.carriedIn).toEqual([2, 0, 0, 0, 1, 0, 3]);
      expect(r.reviewLitigation).toEqual(next.reviewLitigation);
      expect(r.reviewLitigation.review[3]).toBe(1);
      expect(r.reviewLitigation.litigationAfterReview[3]).toBe(1);
      expect(r.proactive.rules.inForce).toBe(original.proactive.rules.inForce);
      expect(r.proactive.normativeDocuments.inForce).toBe(8);
      expect(r.checks.filter((c) => !c.ok)).toEqual([]);
    });
  });

  it('plans the same events, with the same keys, every time', () => {
    const once = openingBalanceEvents(parsed(renderMarkdown(documentOf(busy2023, 2023))), 'x', 2023, ZONE);
    const twice = openingBalanceEvents(parsed(renderMarkdown(documentOf(busy2023, 2023))), 'x', 2023, ZONE);
    expect(twice).toEqual(once);
    expect(new Set(once.map((e) => e.key)).size).toBe(once.length);
    expect(once[0]).toMatchObject({ key: 'opening/2023/application/naturalPerson/1', occurredAt: '2023-12-31T12:00:00+08:00' }); // prettier-ignore
  });

  it('refuses a report that does not balance, naming the column and the row', () => {
    // The seed with 1 new application from a 科研机构 and nothing else changed.
    const broken = SEED_TEXT.replace(
      '一、本年新收政府信息公开申请数量\t\t0\t0\t0\t0\t0\t0\t0',
      '一、本年新收政府信息公开申请数量\t\t0\t0\t1\t0\t0\t0\t1',
    );
    expect(broken).not.toBe(SEED_TEXT);
    const problems = balanceProblems(parsed(broken));
    expect(problems).toHaveLength(2);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ table: '三', column: '科研机构', row: '一+二 = 三(七)+四' }),
      ]),
    );
    expect(problems.map((p) => p.message).join('\n')).toContain('表三“科研机构”列不平衡：一、本年新收 1 + 二、上年结转 0 = 1，而 (七) 总计 0 + 四、结转下年度继续办理 0 = 0'); // prettier-ignore
  });

  it('refuses a total that is not the sum of its row, naming both', () => {
    const broken = SEED_TEXT.replace(
      '\t(一) 予以公开\t0\t0\t0\t0\t0\t0\t0',
      '\t(一) 予以公开\t0\t0\t0\t0\t0\t0\t3',
    );
    const problems = balanceProblems(parsed(broken));
    expect(problems).toContainEqual(
      expect.objectContaining({ row: '三、本年度办理结果 (一) 予以公开', column: '总计' }),
    );
  });

  it('refuses a table with a row missing, naming what it expected', () => {
    const r = parseReport(SEED_TEXT.replace(/\t\t2\.重复申请[^\n]*\n/, '\n'));
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems[0]).toEqual({
        table: '三',
        row: '(五) 不予处理 2.重复申请',
        message: '表三第17行应为“(五) 不予处理 2.重复申请”，未找到该行，读到的是“3.要求提供公开出版物”',
      });
  });
});

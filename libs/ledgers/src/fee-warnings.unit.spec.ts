import { nameUuid } from '@app/event-store';
import { feeNoticeWarnings } from './fee-warnings';
import { rowsOfEvents } from './from-events';
import type { LedgerRow } from './parse';
import { LiveEvent, planUpload } from './plan';

const row = (line: number, values: LedgerRow['values']): LedgerRow => ({ line, values });
const SHEET = '依申请公开登记台账';

describe('fee notice amounts against the 办法 (a warning, never an error)', () => {
  const eleventh = row(2, {
    applicationId: 'K11',
    receivedOn: '2026-03-31',
    applicantKey: 'K',
    feeNoticedYuan: '100',
  });
  const stored = Array.from({ length: 10 }, (_, i) => ({ applicationId: `K${i + 1}`, applicantKey: 'K', receivedOn: '2026-03-02' })); // prettier-ignore

  it('accepts the 按件 figure of the 11th application of the month in silence', () =>
    expect(feeNoticeWarnings(SHEET, [eleventh], stored)).toEqual([]));

  it('accepts the 按量 figure too (art. 3: either, not both)', () =>
    expect(feeNoticeWarnings(SHEET, [row(2, { ...eleventh.values, pages: 101, feeNoticedYuan: '720' })], stored)).toEqual([])); // prettier-ignore

  it('warns, naming the row and both figures, when the amount is neither', () =>
    expect(
      feeNoticeWarnings(SHEET, [row(3, { ...eleventh.values, pages: 31, feeNoticedYuan: '150' })], stored),
    ).toEqual([
      // prettier-ignore
      {
        sheet: SHEET,
        row: 3,
        column: '收费通知金额（元）',
        message: '第3行：收费通知金额150元与《政府信息公开信息处理费管理办法》计算的金额不符：按件（当月第11件）100元，按量（31页）10元；请核对（本提示不影响导入）', // prettier-ignore
      },
    ]));

  it('counts April afresh', () =>
    expect(feeNoticeWarnings(SHEET, [row(2, { ...eleventh.values, receivedOn: '2026-04-01' })], stored)).toHaveLength(1)); // prettier-ignore
});

describe('the applicant key in the ledger', () => {
  const values = { applicationId: 'A1', receivedOn: '2025-03-14', applicantType: 'naturalPerson', applicantKey: 'K-9', concludedOn: '2025-04-02', outcome: 'disclosed', pages: 12 }; // prettier-ignore
  const input = (rows: LedgerRow[], live: LiveEvent[] = []) => ({ orgId: 'town', zone: 'Asia/Shanghai', kind: 'applications' as const, rows, historyOf: () => ({ live, voided: 0 }), idOf: nameUuid }); // prettier-ignore
  const recorded = planUpload(input([row(2, values)])).events;
  const live: LiveEvent[] = recorded.map((e) => ({ eventId: e.eventId, type: e.type, occurredAt: e.occurredAt, date: e.occurredAt.slice(0, 10), data: e.data })); // prettier-ignore

  it('is recorded on receipt, and pages on conclusion', () =>
    expect(recorded.map((e) => e.data)).toEqual([
      { applicationId: 'A1', applicantType: 'naturalPerson', applicantKey: 'K-9' },
      { applicationId: 'A1', outcome: 'disclosed', pages: 12 },
    ]));

  it('is left out of the download, which still shows the pages', () => {
    const [downloaded] = rowsOfEvents('applications', live.map((e) => ({ type: e.type, date: e.date, data: e.data as Record<string, unknown> }))); // prettier-ignore
    expect(downloaded).not.toHaveProperty('applicantKey');
    expect(JSON.stringify(downloaded)).not.toContain('K-9');
    expect(downloaded.pages).toBe(12);
  });

  it('is kept when the download comes back with the cell blank', () => {
    const { applicantKey: _k, ...blank } = values;
    expect(planUpload(input([row(2, blank)], live))).toMatchObject({ unchanged: 1, events: [] });
  });
});

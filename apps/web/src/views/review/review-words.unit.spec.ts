import { daysText, markersIn, needsChasing, refusalText, type ReviewSummary } from './review-words';

const summary = (o: Partial<ReviewSummary>): ReviewSummary => ({
  status: 'draft',
  dueOn: '2026-01-31',
  overdue: false,
  daysLeft: 20,
  running: false,
  needsClearance: true,
  ...o,
});

describe('the review words of the pages', () => {
  it('finds every 【待补充】 marker, with or without its hint, and nothing in written text', () => {
    expect(markersIn('甲【待补充：平台建设】乙【待补充】丙')).toEqual(['【待补充：平台建设】', '【待补充】']);
    expect(markersIn('本镇政务公开平台运行平稳。【注】')).toEqual([]);
    expect(markersIn(null)).toEqual([]);
  });

  it('says the days left, the day itself, or how late; nothing while the year runs or once published', () => {
    expect(daysText(summary({ daysLeft: 12 }))).toBe('剩 12 天');
    expect(daysText(summary({ daysLeft: 0 }))).toBe('今天到期');
    expect(daysText(summary({ daysLeft: -3, overdue: true }))).toBe('逾期 3 天');
    expect(daysText(summary({ running: true, daysLeft: 400 }))).toBe('—');
    expect(daysText(summary({ status: 'published', daysLeft: -3 }))).toBe('—');
  });

  it('chases a member not yet handed in as its date nears, not one under review or in a running year', () => {
    expect(needsChasing(summary({ daysLeft: 15 }))).toBe(true);
    expect(needsChasing(summary({ status: 'returned', daysLeft: -2 }))).toBe(true);
    expect(needsChasing(summary({ daysLeft: 16 }))).toBe(false);
    expect(needsChasing(summary({ status: 'submitted', daysLeft: 1 }))).toBe(false);
    expect(needsChasing(summary({ running: true, daysLeft: 1 }))).toBe(false);
  });

  it('puts the API refusals in Chinese, and keeps a message it has no words for', () => {
    expect(refusalText('report.unwritten', 'x')).toContain('【待补充】');
    expect(refusalText('some.other', 'as sent')).toBe('as sent');
  });
});

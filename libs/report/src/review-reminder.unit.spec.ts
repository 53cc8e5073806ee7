import { reminderSummary, remindsOn } from './review-reminder';
import { reviewOf, type ReviewStep } from './review';

const step = (action: ReviewStep['action']): ReviewStep => ({ position: 1, at: '2026-01-05T10:00:00+08:00', actor: null, action }); // prettier-ignore
const member = (
  orgId: string,
  name: string,
  today: string,
  actions: ReviewStep['action'][],
  kind: 'town' | 'department' | 'county' = 'town',
) => ({
  // prettier-ignore
  orgId,
  name,
  kind,
  review: reviewOf({ kind, hasParent: kind !== 'county', year: 2025, today, steps: actions.map(step) }),
});

describe('the county’s reminder', () => {
  it('runs from 1 January to 31 March of the next year', () => {
    expect(remindsOn(2025, '2025-12-31')).toBe(false);
    expect(remindsOn(2025, '2026-01-01')).toBe(true);
    expect(remindsOn(2025, '2026-03-31')).toBe(true);
    expect(remindsOn(2025, '2026-04-01')).toBe(false);
  });

  it('counts each status, lists the unpublished most urgent first and says it in one line', () => {
    const today = '2026-02-03';
    const s = reminderSummary({ orgId: 'qs', name: '青山县' }, 2025, today, [
      member('qs', '青山县人民政府', today, [], 'county'),
      member('qs-a', '城关镇', today, ['submitted']),
      member('qs-b', '东城街道', today, ['submitted', 'returned']),
      member('qs-c', '公安局', today, ['submitted', 'cleared', 'published'], 'department'),
    ])!;
    expect(s.counts).toMatchObject({
      draft: 1,
      submitted: 1,
      returned: 1,
      cleared: 0,
      published: 1,
      overdue: 2,
    });
    expect(s.pending.map((p) => p.orgId)).toEqual(['qs-a', 'qs-b', 'qs']);
    expect(s.pending[0]).toMatchObject({ status: 'submitted', statusText: '已报送待审核', dueOn: '2026-01-31', daysLeft: -3, overdue: true }); // prettier-ignore
    expect(s.text).toBe(
      '青山县2025年政府信息公开工作年度报告：4家中已发布1家，待审核1家，已退回1家，审核通过待发布0家，未报送1家；已逾期2家（城关镇、东城街道）。',
    );
  });

  it('counts what is due within 7 days, and sends nothing once everything is published', () => {
    const today = '2026-01-25';
    const soon = reminderSummary({ orgId: 'qs', name: '青山县' }, 2025, today, [
      member('qs-a', '城关镇', today, []),
    ])!;
    expect(soon.counts).toMatchObject({ overdue: 0, dueWithin7Days: 1 });
    expect(reminderSummary({ orgId: 'qs', name: '青山县' }, 2025, today, [member('qs-a', '城关镇', today, ['submitted', 'cleared', 'published'])])).toBeNull(); // prettier-ignore
  });
});

import {
  clearedSubmission,
  commentProblems,
  refusalOf,
  reportDueOn,
  reviewOf,
  statusOf,
  type ReviewStep,
} from './review';

const step = (
  action: ReviewStep['action'],
  position: number,
  extra: Partial<ReviewStep> = {},
): ReviewStep => ({
  position,
  at: `2026-01-0${position}T10:00:00+08:00`,
  actor: { tokenId: 't1', label: '七里营镇党政办 张三' },
  action,
  ...extra,
});

describe('the review status', () => {
  it('is draft before anything is recorded, then follows the last step', () => {
    expect(statusOf([])).toBe('draft');
    expect(statusOf([step('submitted', 1)])).toBe('submitted');
    expect(statusOf([step('submitted', 1), step('returned', 2)])).toBe('returned');
    expect(statusOf([step('submitted', 1), step('cleared', 2)])).toBe('cleared');
    expect(statusOf([step('submitted', 1), step('cleared', 2), step('reopened', 3)])).toBe('draft');
    expect(statusOf([step('submitted', 1), step('cleared', 2), step('published', 3)])).toBe('published');
  });

  it('lets a reviewer return or clear only a submitted report', () => {
    for (const verb of ['return', 'clear'] as const) {
      expect(refusalOf(verb, [], true)?.code).toBe('review.notSubmitted');
      expect(refusalOf(verb, [step('submitted', 1)], true)).toBeNull();
      expect(refusalOf(verb, [step('submitted', 1), step('returned', 2)], true)?.code).toBe(
        'review.notSubmitted',
      );
      expect(refusalOf(verb, [step('submitted', 1), step('cleared', 2)], true)?.code).toBe(
        'review.notSubmitted',
      );
    }
  });

  it('publishes a member only once cleared, and a county without review', () => {
    expect(refusalOf('publish', [], true)?.code).toBe('review.notCleared');
    expect(refusalOf('publish', [step('submitted', 1)], true)?.code).toBe('review.notCleared');
    expect(refusalOf('publish', [step('submitted', 1), step('returned', 2)], true)?.code).toBe(
      'review.notCleared',
    );
    expect(refusalOf('publish', [step('submitted', 1), step('cleared', 2)], true)).toBeNull();
    expect(refusalOf('publish', [], false)).toBeNull();
  });
});

describe('what a clearance cleared', () => {
  const sub = (position: number, sha: string) => step('submitted', position, { contentSha256: sha });
  const clear = (position: number, sha: string) => step('cleared', position, { contentSha256: sha });

  it('is the submission whose report the reviewer cleared', () => {
    expect(clearedSubmission([sub(1, 'a'), clear(2, 'a')])?.position).toBe(1);
    expect(clearedSubmission([sub(1, 'a'), step('returned', 2), sub(3, 'b'), clear(4, 'b')])?.position).toBe(
      3,
    );
  });

  it('is not a resubmission that crossed the clearance', () => {
    // The reviewer read A; B arrived before the clearance was recorded: B was never cleared.
    expect(clearedSubmission([sub(1, 'a'), sub(2, 'b'), clear(3, 'a')])?.contentSha256).toBe('a');
  });

  it('is nothing before a clearance', () => {
    expect(clearedSubmission([sub(1, 'a')])).toBeUndefined();
    expect(clearedSubmission([])).toBeUndefined();
  });
});

describe('due dates (条例 art. 49)', () => {
  it('puts departments and towns on 31 January and the county on 31 March of the next year', () => {
    expect(reportDueOn('department', 2025)).toBe('2026-01-31');
    expect(reportDueOn('town', 2025)).toBe('2026-01-31');
    expect(reportDueOn('county', 2025)).toBe('2026-03-31');
  });

  it('lets a county give its towns another day', () => {
    expect(reportDueOn('town', 2025, '02-15')).toBe('2026-02-15');
    expect(reportDueOn('department', 2025, '02-15')).toBe('2026-01-31');
  });

  const info = (today: string, steps: ReviewStep[] = [], kind: 'town' | 'county' = 'town') =>
    reviewOf({ kind, hasParent: kind !== 'county', year: 2025, today, steps });

  it('counts days left in calendar days, 0 on the day, and flags an unpublished report after it', () => {
    expect(info('2026-01-01')).toMatchObject({
      dueOn: '2026-01-31',
      daysLeft: 30,
      overdue: false,
      running: false,
    });
    expect(info('2026-01-31')).toMatchObject({ daysLeft: 0, overdue: false });
    expect(info('2026-02-01')).toMatchObject({ daysLeft: -1, overdue: true });
    expect(
      info('2026-02-01', [step('submitted', 1), step('cleared', 2), step('published', 3)]),
    ).toMatchObject({
      status: 'published',
      overdue: false,
    });
    expect(info('2026-02-01', [], 'county')).toMatchObject({ dueOn: '2026-03-31', overdue: false, needsClearance: false }); // prettier-ignore
  });

  it('shows the year still running as running, never as late', () => {
    expect(info('2025-12-31')).toMatchObject({ running: true, overdue: false, status: 'draft' });
  });

  it('keeps the comments and who acted in the history', () => {
    const comments = [{ section: 'overview' as const, text: '请补充平台建设情况' }];
    const r = info('2026-01-10', [step('submitted', 1), step('returned', 2, { comments })]);
    expect(r.history).toEqual([
      {
        status: 'submitted',
        at: '2026-01-01T10:00:00+08:00',
        actor: { tokenId: 't1', label: '七里营镇党政办 张三' },
      },
      { status: 'returned', at: '2026-01-02T10:00:00+08:00', actor: { tokenId: 't1', label: '七里营镇党政办 张三' }, comments }, // prettier-ignore
    ]);
  });
});

describe('review comments', () => {
  it('accepts comments on a section or on a cell', () => {
    expect(commentProblems([{ section: 'problems', text: '请写明存在的主要问题' }])).toEqual([]);
    expect(commentProblems([{ path: 'applications.rows.disclosed[6]', text: '请核实' }])).toEqual([]);
    expect(commentProblems([{ path: 'proactive.rules.inForce', text: '请核实' }])).toEqual([]);
  });

  it('names every bad field', () => {
    expect(commentProblems([])).toHaveLength(1);
    expect(commentProblems('x')).toHaveLength(1);
    const fields = commentProblems([
      { text: '' },
      { section: 'summary', text: 'x' },
      { path: 'rows; drop table', text: 'x' },
      { text: 'x', author: 'me' },
      null,
    ]).map((p) => p.field);
    expect(fields).toEqual([
      'comments[0].text',
      'comments[1].section',
      'comments[2].path',
      'comments[3].author',
      'comments[4]',
    ]);
  });
});

import type { YearCells } from './cells';
import { toReport } from './to-report';
import { checksOf } from './checks';

// Valid histories pass every check by construction; these feed corrupt cells (a lost event, a
// hand-edited read model) and expect the check to name the column or row to look at.
const reportOf = (cells: Record<number, YearCells>, year: number) =>
  toReport({ cells: new Map(Object.entries(cells).map(([y, c]) => [Number(y), c])) }, year);
const failing = (r: ReturnType<typeof reportOf>) => r.checks.filter((c) => !c.ok);

describe('report checks', () => {
  it('passes every rule for an empty year and names them', () =>
    expect(reportOf({}, 2023).checks.map((c) => [c.rule, c.ok])).toEqual([
      ['applications.balance', true],
      ['applications.totals', true],
      ['applications.carryOver', true],
      ['applications.nonNegative', true],
      ['reviewLitigation.totals', true],
      ['documents.inForceNonNegative', true],
    ]));

  it('flags a conclusion with no receipt behind it as a negative carry-over in its column', () =>
    expect(failing(reportOf({ 2022: { 'app.concluded.disclosed.researchInstitution': 1 } }, 2023))).toEqual([
      {
        rule: 'applications.nonNegative',
        ok: false,
        detail:
          'row carriedIn, column researchInstitution: -1 applications; row carriedOut, column researchInstitution: -1 applications; ' +
          'row carriedIn, column total: -1 applications; row carriedOut, column total: -1 applications',
      },
    ]));

  it('flags a negative number of documents in force, naming the kind', () =>
    expect(failing(reportOf({ 2023: { 'doc.repealed.rule': 1 } }, 2023))).toEqual([
      expect.objectContaining({
        rule: 'documents.inForceNonNegative',
        detail: expect.stringMatching(/^rules: -1 in force/),
      }),
    ]));

  it('names the column, the row and the rule of tampered tables', () => {
    const r = reportOf({ 2023: { 'app.received.naturalPerson': 2, 'case.review.filed': 1 } }, 2023);
    r.applications.rows.carriedOut[0] = 1;
    r.applications.rows.disclosed[6] = 5;
    r.reviewLitigation.review[4] = 3;
    const previous = reportOf({}, 2022).applications.rows;
    previous.carriedOut[1] = 4;
    const checks = checksOf({ ...r, applications: r.applications.rows, previous });
    expect(checks.filter((c) => !c.ok).map((c) => [c.rule, c.detail])).toEqual([
      ['applications.balance', 'column naturalPerson: 一+二 = 2 but 三(七)+四 = 1'],
      [
        'applications.totals',
        'row disclosed: total 5 but the six columns sum to 0; row carriedOut: total 2 but the six columns sum to 1',
      ],
      ['applications.carryOver', "column commercialEnterprise: 二 = 0 but last year's 四 = 4"],
      ['reviewLitigation.totals', 'row review: total 3 but its four columns sum to 1'],
    ]);
  });
});

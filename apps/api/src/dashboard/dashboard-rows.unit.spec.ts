import { sumYearCells, type YearCells } from '@app/report';
import { dashboardFigures, rowIdOf } from './dashboard-rows';

const cells = (byYear: Record<number, YearCells>) => new Map(Object.entries(byYear).map(([y, c]) => [+y, c]));
const root = { orgId: 'county', name: '青山县人民政府', kind: 'county' };
const town = { orgId: 'town', name: '城关镇', kind: 'town' };
const dept = { orgId: 'dept', name: '教育局', kind: 'department' };

const rootSelf = cells({ 2025: { 'app.received.naturalPerson': 2, 'app.received.m03': 2 } });
const townCells = cells({
  2024: { 'app.received.naturalPerson': 3, 'app.concluded.disclosed.naturalPerson': 1 },
  2025: {
    'app.received.commercialEnterprise': 1,
    'app.received.m01': 1,
    'app.concluded.disclosed.naturalPerson': 2,
    'app.concluded.m02': 2,
    'pub.govWebsite.news': 4,
  },
});
const deptCells = cells({ 2025: { 'app.received.naturalPerson': 1, 'app.concluded.unavailable.notHeld.naturalPerson': 1 } }); // prettier-ignore
const total = sumYearCells(sumYearCells(rootSelf, townCells), deptCells);

const figures = dashboardFigures({
  year: 2025,
  root,
  members: [town, dept],
  rootSelf,
  rollups: new Map([
    ['county', total],
    ['town', townCells],
    ['dept', deptCells],
  ]),
  deadlines: new Map([['town', { open: 1, overdue: 1, dueSoon: 0, feeOverdue: 1 }]]),
  deadlineTotal: { open: 3, overdue: 1, dueSoon: 1, feeOverdue: 1 },
});

describe('dashboardFigures', () => {
  it('gives the county its own row first, then each member', () =>
    expect(
      figures.rows.map((r) => [r.orgId, r.scope, r.received, r.carriedIn, r.concluded, r.carriedOut]),
    ).toEqual([
      ['county', 'self', 2, 0, 0, 2],
      ['town', 'rollup', 1, 2, 2, 1],
      ['dept', 'rollup', 1, 0, 1, 0],
    ]));

  it('has rows that add up to the total for every figure of table 三', () => {
    for (const k of ['received', 'carriedIn', 'concluded', 'carriedOut', 'publications'] as const)
      expect(figures.rows.reduce((s, r) => s + r[k], 0)).toBe(figures.total[k]);
  });

  it('takes deadline counts as given, zero for an org without open applications', () => {
    expect(figures.rows.map((r) => r.overdue)).toEqual([0, 1, 0]);
    expect(figures.rows.map((r) => r.feeOverdue)).toEqual([0, 1, 0]);
    expect(figures.total).toMatchObject({ open: 3, overdue: 1, dueSoon: 1, feeOverdue: 1, balanced: true });
  });

  it('charts the county rollup by month and by outcome', () => {
    expect(figures.months.received).toEqual([1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(figures.months.concluded[1]).toBe(2);
    expect(figures.outcomes).toMatchObject({ disclosed: 2, 'unavailable.notHeld': 1, partiallyDisclosed: 0 });
  });
});

describe('rowIdOf', () => {
  it('maps an org to the member row on its path below the county', () => {
    expect(rowIdOf(['county'], 'county')).toBe('county');
    expect(rowIdOf(['county', 'town'], 'county')).toBe('town');
    expect(rowIdOf(['county', 'town', 'village'], 'county')).toBe('town');
    expect(rowIdOf(['other'], 'county')).toBeNull();
  });
});

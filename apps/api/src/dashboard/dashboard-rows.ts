// The county dashboard's member table as a pure function of read-model cells: one row for the
// county's own figures (本级), one per member (its rollup, equal to its own figures for a town or
// department without orgs below it), and the county total (its rollup). Rows add up to the total.

import { OUTCOMES, type Outcome } from '@app/domain';
import { toReport, type ReportBody, type ReportCheck, type YearCells } from '@app/report';
import type { DeadlineCounts } from '../deadlines/deadline-items';

export type MemberOrg = { orgId: string; name: string; kind: string };
export type YearlyCells = ReadonlyMap<number, YearCells>;

export type DashboardRow = MemberOrg & {
  /** 'self' for the county's own row, 'rollup' for a member and for the total. */
  scope: 'self' | 'rollup';
  /** Table 三 总计 column: 一 newly received, 二 carried in, 三(七) concluded, 四 carried out. */
  received: number;
  carriedIn: number;
  concluded: number;
  carriedOut: number;
  /** Publications posted in the year and not withdrawn (table 二). */
  publications: number;
  /** Deadline figures as of today (not of the year shown): open, overdue, due within 5 working days. */
  open: number;
  overdue: number;
  dueSoon: number;
  /** Open applications whose 信息处理费 notice went unpaid past its 20 working days (a part of open). */
  feeOverdue: number;
  /** True when every consistency rule of the report holds (checks.ts). */
  balanced: boolean;
  failedChecks: ReportCheck[];
};

export type DashboardFigures = {
  total: DashboardRow;
  rows: DashboardRow[];
  /** The county rollup by local month, January first. */
  months: { received: number[]; concluded: number[] };
  /** The county rollup's applications concluded in the year, by outcome (after corrections). */
  outcomes: Record<Outcome, number>;
};

/** Which subtree and year the figures are of, and how far the projections have applied the store. */
export type DashboardHeader = {
  orgId: string;
  name: string;
  year: number;
  /** The local date the deadline figures are counted at: today in the county's time zone. */
  asOf: string;
  /** Years with any figures in the subtree, ascending. */
  years: number[];
  /** Every event at or below this store position is reflected (low-water mark of the subtree's partitions). */
  position: number;
  headPosition: number;
  /** Committed events the projections of the subtree have not applied yet. */
  lagEvents: number;
};

export type DashboardInput = {
  year: number;
  root: MemberOrg;
  members: readonly MemberOrg[];
  /** The root's own cells (scope self). */
  rootSelf: YearlyCells;
  /** Rollup cells of the root and of every member, by orgId. */
  rollups: ReadonlyMap<string, YearlyCells>;
  /** Deadline counts already summed per row: by the root's id for 本级, by the member's id otherwise. */
  deadlines: ReadonlyMap<string, DeadlineCounts>;
  /** Deadline counts of the whole subtree, for the total row. */
  deadlineTotal: DeadlineCounts;
};

const TOTAL = 6;
const NONE: DeadlineCounts = { open: 0, overdue: 0, dueSoon: 0, feeOverdue: 0 };

export function dashboardFigures(input: DashboardInput): DashboardFigures {
  const { year, root } = input;
  const rollupOf = (id: string): YearlyCells => input.rollups.get(id) ?? new Map();
  const row = (org: MemberOrg, scope: 'self' | 'rollup', cells: YearlyCells, d: DeadlineCounts) =>
    rowOf(org, scope, toReport({ cells }, year), d);
  const rows = [
    row(root, 'self', input.rootSelf, input.deadlines.get(root.orgId) ?? NONE),
    ...input.members.map((m) => row(m, 'rollup', rollupOf(m.orgId), input.deadlines.get(m.orgId) ?? NONE)),
  ];
  const totalCells = rollupOf(root.orgId);
  // The county rollup's report serves both the total row and the outcome chart.
  const report = toReport({ cells: totalCells }, year);
  const total = rowOf(root, 'rollup', report, input.deadlineTotal);
  const yc = totalCells.get(year) ?? {};
  const month = (kind: 'received' | 'concluded') =>
    Array.from({ length: 12 }, (_, i) => yc[`app.${kind}.m${String(i + 1).padStart(2, '0')}`] ?? 0);
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, report.applications.rows[o][TOTAL]])) as Record<
    Outcome,
    number
  >;
  return { total, rows, months: { received: month('received'), concluded: month('concluded') }, outcomes };
}

function rowOf(org: MemberOrg, scope: 'self' | 'rollup', r: ReportBody, d: DeadlineCounts): DashboardRow {
  const rows = r.applications.rows;
  const failedChecks = r.checks.filter((c) => !c.ok);
  return {
    orgId: org.orgId,
    name: org.name,
    kind: org.kind,
    scope,
    received: rows.newReceived[TOTAL],
    carriedIn: rows.carriedIn[TOTAL],
    concluded: rows.concludedTotal[TOTAL],
    carriedOut: rows.carriedOut[TOTAL],
    publications: r.publications.total,
    open: d.open,
    overdue: d.overdue,
    dueSoon: d.dueSoon,
    feeOverdue: d.feeOverdue,
    balanced: failedChecks.length === 0,
    failedChecks,
  };
}

/**
 * The row an org's deadlines count towards: the root's own row for the root, else the member
 * (a child of the root) on the org's path from the root.
 */
export function rowIdOf(path: readonly string[], rootId: string): string | null {
  const i = path.indexOf(rootId);
  if (i < 0) return null;
  return i === path.length - 1 ? rootId : path[i + 1];
}

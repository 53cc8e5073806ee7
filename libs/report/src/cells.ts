// Cell names of the read model rm_cells (docs/architecture.md, "Read models"). A cell is a flow
// within one local year; every figure of the report is a linear function of cells, so a rollup
// is the sum of its members' cells and a late event moves every later balance with it.

import type {
  ApplicantType,
  CaseResult,
  DecisionKind,
  DocumentKind,
  Outcome,
  PublicationCategory,
  PublicationChannel,
} from '@app/domain';

/** Counters of one org (or rollup) in one local year, by cell name. Absent means 0. */
export type YearCells = Record<string, number>;

/** The three case kinds of table 四: 行政复议, 未经复议直接起诉, 复议后起诉. */
export type CaseKind = 'review' | 'litDirect' | 'litAfter';
export const CASE_KINDS: readonly CaseKind[] = ['review', 'litDirect', 'litAfter'];

const mm = (month: number) => `m${String(month).padStart(2, '0')}`;

export const cell = {
  received: (t: ApplicantType) => `app.received.${t}`,
  concluded: (o: Outcome, t: ApplicantType) => `app.concluded.${o}.${t}`,
  receivedInMonth: (month: number) => `app.received.${mm(month)}`,
  concludedInMonth: (month: number) => `app.concluded.${mm(month)}`,
  docIssued: (k: DocumentKind) => `doc.issued.${k}`,
  docRepealed: (k: DocumentKind) => `doc.repealed.${k}`,
  docDeclared: (k: DocumentKind) => `doc.declared.${k}`,
  decision: (k: DecisionKind) => `dec.${k}`,
  adminFeeFen: 'fee.admin.fen',
  publication: (ch: PublicationChannel, cat: PublicationCategory) => `pub.${ch}.${cat}`,
  caseFiled: (k: CaseKind) => `case.${k}.filed`,
  caseConcluded: (k: CaseKind, r: CaseResult) => `case.${k}.${r}`,
  feeNotices: 'pfee.notices',
  feeNoticedFen: 'pfee.noticedFen',
  feePaidFen: 'pfee.paidFen',
} as const;

/**
 * The names `cell` makes, each made once and then looked up: a fold names a cell for every event,
 * and a name built anew each time is a new string to hash into the cells object. Arguments come
 * from stored events, so each cache is capped; past the cap a name is built as `cell` builds it.
 */
export const cellNames: typeof cell = {
  ...cell,
  received: once(cell.received),
  concluded: twice(cell.concluded),
  receivedInMonth: once(cell.receivedInMonth),
  concludedInMonth: once(cell.concludedInMonth),
  docIssued: once(cell.docIssued),
  docRepealed: once(cell.docRepealed),
  docDeclared: once(cell.docDeclared),
  decision: once(cell.decision),
  publication: twice(cell.publication),
  caseFiled: once(cell.caseFiled),
  caseConcluded: twice(cell.caseConcluded),
};

const NAMES_CACHED = 1000;

function once<A>(name: (a: A) => string): (a: A) => string {
  const names = new Map<A, string>();
  return (a) => {
    let s = names.get(a);
    if (s === undefined) {
      s = name(a);
      if (names.size < NAMES_CACHED) names.set(a, s);
    }
    return s;
  };
}

function twice<A, B>(name: (a: A, b: B) => string): (a: A, b: B) => string {
  const byFirst = new Map<A, (b: B) => string>();
  return (a, b) => {
    let named = byFirst.get(a);
    if (named === undefined) {
      named = once((b: B) => name(a, b));
      if (byFirst.size < NAMES_CACHED) byFirst.set(a, named);
    }
    return named(b);
  };
}

/** a + b, cell by cell; zeros are left out so equal sums compare equal. */
export function sumCells(a: Readonly<YearCells>, b: Readonly<YearCells>): YearCells {
  const out: YearCells = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const s = (out[k] ?? 0) + v;
    if (s === 0) delete out[k];
    else out[k] = s;
  }
  return out;
}

/** Year-by-year sum of two cell maps: a rollup of two orgs, or stored totals plus a batch's deltas. */
export function sumYearCells(
  a: ReadonlyMap<number, YearCells>,
  b: ReadonlyMap<number, YearCells>,
): Map<number, YearCells> {
  const out = new Map(a);
  for (const [year, cells] of b) {
    const s = sumCells(out.get(year) ?? {}, cells);
    if (Object.keys(s).length === 0) out.delete(year);
    else out.set(year, s);
  }
  return out;
}

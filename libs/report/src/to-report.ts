// From per-year flows to the tables of one year. Balances are sums over years
// (docs/architecture.md): carriedIn(Y) = Σ_{y<Y}(received − concluded), inForce(Y) = Σ_{y≤Y}
// (declared + issued − repealed), pending(Y) = Σ_{y≤Y}(filed − concluded).

import type { NarrativeSection } from '@app/domain';
import {
  APPLICANT_TYPES,
  CASE_RESULTS,
  DECISION_KINDS,
  formatFenAsWanYuan,
  formatFenAsYuan,
  NARRATIVE_SECTIONS,
  OUTCOMES,
  PUBLICATION_CATEGORIES,
  PUBLICATION_CHANNELS,
} from '@app/domain';
import type { CaseKind, YearCells } from './cells';
import { cell } from './cells';
import { checksOf } from './checks';
import type { DocumentFigures, ReportBody } from './report';
import { APPLICATION_COLUMNS, APPLICATION_ROWS, REVIEW_LITIGATION_COLUMNS } from './report';

export type ReportInput = {
  cells: ReadonlyMap<number, YearCells>;
  narrative?: Partial<Record<NarrativeSection, string>>;
};

/** Reads one cell of a year's flows; absent cells are 0. */
type Read = (name: string) => number;

const reader =
  (c: Readonly<YearCells>): Read =>
  (name) =>
    c[name] ?? 0;

/** Σ of every year strictly before `year`: the opening balances. */
export function cellsBefore(cells: ReadonlyMap<number, YearCells>, year: number): YearCells {
  const out: YearCells = {};
  for (const [y, c] of cells) if (y < year) for (const k in c) out[k] = (out[k] ?? 0) + c[k];
  return out;
}

export function toReport(input: ReportInput, year: number): ReportBody {
  const cur = reader(input.cells.get(year) ?? {});
  const before = reader(cellsBefore(input.cells, year));
  const upTo: Read = (name) => before(name) + cur(name);
  const applications = applicationRows(cur, before);
  const previous = applicationRows(reader(input.cells.get(year - 1) ?? {}), reader(cellsBefore(input.cells, year - 1))); // prettier-ignore
  const reviewLitigation = {
    columns: [...REVIEW_LITIGATION_COLUMNS],
    review: caseRow('review', cur, upTo),
    litigationDirect: caseRow('litDirect', cur, upTo),
    litigationAfterReview: caseRow('litAfter', cur, upTo),
  };
  const [licensing, penalty, enforcement] = DECISION_KINDS.map((k) => cur(cell.decision(k)));
  const proactive = {
    rules: documents('rule', cur, upTo),
    normativeDocuments: documents('normativeDocument', cur, upTo),
    licensing,
    penalty,
    enforcement,
    administrativeFeesWanYuan: formatFenAsWanYuan(cur(cell.adminFeeFen)),
  };
  return {
    proactive,
    applications: { columns: [...APPLICATION_COLUMNS], rows: applications },
    reviewLitigation,
    publications: publications(cur),
    processingFees: {
      noticesIssued: cur(cell.feeNotices),
      noticedYuan: formatFenAsYuan(cur(cell.feeNoticedFen)),
      collectedYuan: formatFenAsYuan(cur(cell.feePaidFen)),
    },
    checks: checksOf({ proactive, applications, previous, reviewLitigation }),
    narrative: Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [s, input.narrative?.[s] ?? ''])) as Record<NarrativeSection, string>, // prettier-ignore
  };
}

type Rows = ReportBody['applications']['rows'];

/** Table 三: one column per applicant type (法人或其他组织 split five ways), then 总计. */
function applicationRows(cur: Read, before: Read): Rows {
  const rows = Object.fromEntries(APPLICATION_ROWS.map((r) => [r, [] as number[]])) as Rows;
  for (const t of APPLICANT_TYPES) {
    const concludedBefore = OUTCOMES.reduce((s, o) => s + before(cell.concluded(o, t)), 0);
    const carriedIn = before(cell.received(t)) - concludedBefore;
    const newReceived = cur(cell.received(t));
    let concludedTotal = 0;
    for (const o of OUTCOMES) {
      const n = cur(cell.concluded(o, t));
      rows[o].push(n);
      concludedTotal += n;
    }
    rows.newReceived.push(newReceived);
    rows.carriedIn.push(carriedIn);
    rows.concludedTotal.push(concludedTotal);
    rows.carriedOut.push(carriedIn + newReceived - concludedTotal);
  }
  for (const r of APPLICATION_ROWS) rows[r].push(rows[r].reduce((a, b) => a + b, 0));
  return rows;
}

/** Table 四: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计. */
function caseRow(kind: CaseKind, cur: Read, upTo: Read): number[] {
  const results = CASE_RESULTS.map((r) => cur(cell.caseConcluded(kind, r)));
  const concludedUpTo = CASE_RESULTS.reduce((s, r) => s + upTo(cell.caseConcluded(kind, r)), 0);
  const pending = upTo(cell.caseFiled(kind)) - concludedUpTo;
  const row = [...results, pending];
  return [...row, row.reduce((a, b) => a + b, 0)];
}

function documents(kind: 'rule' | 'normativeDocument', cur: Read, upTo: Read): DocumentFigures {
  const inForce = upTo(cell.docDeclared(kind)) + upTo(cell.docIssued(kind)) - upTo(cell.docRepealed(kind));
  return { issued: cur(cell.docIssued(kind)), repealed: cur(cell.docRepealed(kind)), inForce };
}

function publications(cur: Read): ReportBody['publications'] {
  const out: ReportBody['publications'] = { total: 0, byChannel: {}, byCategory: {} };
  for (const ch of PUBLICATION_CHANNELS)
    for (const cat of PUBLICATION_CATEGORIES) {
      const n = cur(cell.publication(ch, cat));
      if (n === 0) continue;
      out.total += n;
      out.byChannel[ch] = (out.byChannel[ch] ?? 0) + n;
      out.byCategory[cat] = (out.byCategory[cat] ?? 0) + n;
    }
  return sortedCategories(out);
}

/** byCategory in the catalog's order, whatever order the channels filled it in. */
function sortedCategories(p: ReportBody['publications']): ReportBody['publications'] {
  const byCategory: ReportBody['publications']['byCategory'] = {};
  for (const cat of PUBLICATION_CATEGORIES) if (p.byCategory[cat]) byCategory[cat] = p.byCategory[cat];
  return { ...p, byCategory };
}

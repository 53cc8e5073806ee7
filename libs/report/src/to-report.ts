// From per-year flows to the tables of one year. Balances are sums over years
// (docs/architecture.md): carriedIn(Y) = Σ_{y<Y}(received − concluded), inForce(Y) = Σ_{y≤Y}
// (declared + issued − repealed), pending(Y) = Σ_{y≤Y}(filed − concluded).
//
// Every cell the report reads has a slot, its name built once when this module loads; one pass
// over the cells adds each into the year, the year before, or the years before that, and the
// tables read those sums by slot. No cell name is built or looked up per figure.

import type { NarrativeSection } from '@app/domain';
import {
  APPLICANT_TYPES,
  CASE_RESULTS,
  DECISION_KINDS,
  DOCUMENT_KINDS,
  formatFenAsWanYuan,
  formatFenAsYuan,
  NARRATIVE_SECTIONS,
  OUTCOMES,
  PUBLICATION_CATEGORIES,
  PUBLICATION_CHANNELS,
} from '@app/domain';
import type { CaseKind, YearCells } from './cells';
import { CASE_KINDS, cell } from './cells';
import { checksOf } from './checks';
import type { DocumentFigures, ReportBody } from './report';
import { APPLICATION_COLUMNS, REVIEW_LITIGATION_COLUMNS } from './report';

export type ReportInput = {
  cells: ReadonlyMap<number, YearCells>;
  narrative?: Partial<Record<NarrativeSection, string>>;
};

/** Σ of every year strictly before `year`: the opening balances. */
export function cellsBefore(cells: ReadonlyMap<number, YearCells>, year: number): YearCells {
  const out: YearCells = {};
  for (const [y, c] of cells) if (y < year) for (const k in c) out[k] = (out[k] ?? 0) + c[k];
  return out;
}

const SLOTS = new Map<string, number>();
const slot = (name: string): number => {
  let i = SLOTS.get(name);
  if (i === undefined) SLOTS.set(name, (i = SLOTS.size));
  return i;
};

/** [applicant type] */
const RECEIVED = APPLICANT_TYPES.map((t) => slot(cell.received(t)));
/** [applicant type][outcome] */
const CONCLUDED = APPLICANT_TYPES.map((t) => OUTCOMES.map((o) => slot(cell.concluded(o, t))));
const CASES = Object.fromEntries(
  CASE_KINDS.map((k) => [
    k,
    { filed: slot(cell.caseFiled(k)), results: CASE_RESULTS.map((r) => slot(cell.caseConcluded(k, r))) },
  ]),
) as Record<CaseKind, { filed: number; results: number[] }>;
const DOCUMENTS = Object.fromEntries(
  DOCUMENT_KINDS.map((k) => [
    k,
    {
      issued: slot(cell.docIssued(k)),
      repealed: slot(cell.docRepealed(k)),
      declared: slot(cell.docDeclared(k)),
    },
  ]),
) as Record<(typeof DOCUMENT_KINDS)[number], { issued: number; repealed: number; declared: number }>;
const DECISIONS = DECISION_KINDS.map((k) => slot(cell.decision(k)));
const ADMIN_FEE = slot(cell.adminFeeFen);
/** [channel][category] */
const PUBLICATIONS = PUBLICATION_CHANNELS.map((ch) =>
  PUBLICATION_CATEGORIES.map((cat) => slot(cell.publication(ch, cat))),
);
const FEE_NOTICES = slot(cell.feeNotices);
const FEE_NOTICED = slot(cell.feeNoticedFen);
const FEE_PAID = slot(cell.feePaidFen);
const WIDTH = SLOTS.size;

// The catalogs, read once: a binding re-exported by @app/domain is a getter on every access.
const OUTCOME_NAMES = [...OUTCOMES];
const TYPE_COUNT = APPLICANT_TYPES.length;
const CHANNEL_NAMES = [...PUBLICATION_CHANNELS];
const CATEGORY_NAMES = [...PUBLICATION_CATEGORIES];
const SECTION_NAMES = [...NARRATIVE_SECTIONS];

/** The report's cells of one span of years, by slot; absent cells are 0. */
type Flows = number[];
const noFlows = (): Flows => new Array<number>(WIDTH).fill(0);

/** The flows of `year` and of the year before, each with the sum of every year before it. */
type Sums = { cur: Flows; before: Flows; prev: Flows; beforePrev: Flows };

function sumsOf(cells: ReadonlyMap<number, YearCells>, year: number): Sums {
  const cur = noFlows();
  const prev = noFlows();
  const older = noFlows();
  for (const [y, c] of cells) {
    const into = y === year ? cur : y === year - 1 ? prev : y < year - 1 ? older : null;
    if (into === null) continue;
    for (const k in c) {
      const i = SLOTS.get(k);
      if (i !== undefined) into[i] += c[k];
    }
  }
  const before = noFlows();
  for (let i = 0; i < WIDTH; i++) before[i] = older[i] + prev[i];
  return { cur, before, prev, beforePrev: older };
}

export function toReport(input: ReportInput, year: number): ReportBody {
  const { cur, before, prev, beforePrev } = sumsOf(input.cells, year);
  const upTo = (i: number) => before[i] + cur[i];
  const applications = applicationRows(cur, before);
  const previous = applicationRows(prev, beforePrev);
  const reviewLitigation = {
    columns: [...REVIEW_LITIGATION_COLUMNS],
    review: caseRow('review', cur, upTo),
    litigationDirect: caseRow('litDirect', cur, upTo),
    litigationAfterReview: caseRow('litAfter', cur, upTo),
  };
  const [licensing, penalty, enforcement] = DECISIONS.map((i) => cur[i]);
  const proactive = {
    rules: documents('rule', cur, upTo),
    normativeDocuments: documents('normativeDocument', cur, upTo),
    licensing,
    penalty,
    enforcement,
    administrativeFeesWanYuan: formatFenAsWanYuan(cur[ADMIN_FEE]),
  };
  return {
    proactive,
    applications: { columns: [...APPLICATION_COLUMNS], rows: applications },
    reviewLitigation,
    publications: publications(cur),
    processingFees: {
      noticesIssued: cur[FEE_NOTICES],
      noticedYuan: formatFenAsYuan(cur[FEE_NOTICED]),
      collectedYuan: formatFenAsYuan(cur[FEE_PAID]),
    },
    checks: checksOf({ proactive, applications, previous, reviewLitigation }),
    narrative: narrativeTexts(input.narrative),
  };
}

function narrativeTexts(n: ReportInput['narrative']): Record<NarrativeSection, string> {
  const out = {} as Record<NarrativeSection, string>;
  for (const s of SECTION_NAMES) out[s] = n?.[s] ?? '';
  return out;
}

type Rows = ReportBody['applications']['rows'];

const withTotal = (row: number[]): number[] => {
  let total = 0;
  for (const n of row) total += n;
  row.push(total);
  return row;
};

/** Table 三: one column per applicant type (法人或其他组织 split five ways), then 总计. */
function applicationRows(cur: Flows, before: Flows): Rows {
  const newReceived: number[] = [];
  const carriedIn: number[] = [];
  const byOutcome: number[][] = OUTCOME_NAMES.map(() => []);
  const concludedTotal: number[] = [];
  const carriedOut: number[] = [];
  for (let t = 0; t < TYPE_COUNT; t++) {
    const concluded = CONCLUDED[t];
    let concludedBefore = 0;
    let concludedNow = 0;
    for (let o = 0; o < concluded.length; o++) {
      concludedBefore += before[concluded[o]];
      const n = cur[concluded[o]];
      byOutcome[o].push(n);
      concludedNow += n;
    }
    const carried = before[RECEIVED[t]] - concludedBefore;
    const received = cur[RECEIVED[t]];
    newReceived.push(received);
    carriedIn.push(carried);
    concludedTotal.push(concludedNow);
    carriedOut.push(carried + received - concludedNow);
  }
  // In the order of APPLICATION_ROWS.
  const rows = { newReceived: withTotal(newReceived), carriedIn: withTotal(carriedIn) } as Rows;
  for (let o = 0; o < OUTCOME_NAMES.length; o++) rows[OUTCOME_NAMES[o]] = withTotal(byOutcome[o]);
  rows.concludedTotal = withTotal(concludedTotal);
  rows.carriedOut = withTotal(carriedOut);
  return rows;
}

/** Table 四: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计. */
function caseRow(kind: CaseKind, cur: Flows, upTo: (i: number) => number): number[] {
  const { filed, results } = CASES[kind];
  const row: number[] = [];
  let concludedUpTo = 0;
  for (const i of results) {
    row.push(cur[i]);
    concludedUpTo += upTo(i);
  }
  row.push(upTo(filed) - concludedUpTo);
  let total = 0;
  for (const n of row) total += n;
  row.push(total);
  return row;
}

function documents(
  kind: 'rule' | 'normativeDocument',
  cur: Flows,
  upTo: (i: number) => number,
): DocumentFigures {
  const d = DOCUMENTS[kind];
  const inForce = upTo(d.declared) + upTo(d.issued) - upTo(d.repealed);
  return { issued: cur[d.issued], repealed: cur[d.repealed], inForce };
}

/** byCategory in the catalog's order, whatever order the channels filled it in. */
function publications(cur: Flows): ReportBody['publications'] {
  let total = 0;
  const byChannel: ReportBody['publications']['byChannel'] = {};
  const sums = CATEGORY_NAMES.map(() => 0);
  for (let ch = 0; ch < CHANNEL_NAMES.length; ch++)
    for (let cat = 0; cat < CATEGORY_NAMES.length; cat++) {
      const n = cur[PUBLICATIONS[ch][cat]];
      if (n === 0) continue;
      total += n;
      const channel = CHANNEL_NAMES[ch];
      byChannel[channel] = (byChannel[channel] ?? 0) + n;
      sums[cat] += n;
    }
  const byCategory: ReportBody['publications']['byCategory'] = {};
  for (let cat = 0; cat < CATEGORY_NAMES.length; cat++)
    if (sums[cat]) byCategory[CATEGORY_NAMES[cat]] = sums[cat];
  return { total, byChannel, byCategory };
}

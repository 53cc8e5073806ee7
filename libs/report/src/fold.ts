// The report as a fold. Each event's cell deltas are computed from (entity before, entity after,
// event) only, so the projector can fold a batch against the entities it loaded and EMPTY cells,
// then add the resulting deltas to its stored totals: folding in chunks equals folding at once.

import type { Entity, StoredEvent } from '@app/domain';
import { entityKeyOf, evolveEntity, localDateOf, parseYuanToFen } from '@app/domain';
import type { YearCells } from './cells';
import { cell } from './cells';

export type OrgLedger = {
  entities: ReadonlyMap<string, Entity>;
  cells: ReadonlyMap<number, YearCells>;
};

export function emptyLedger(): OrgLedger {
  return { entities: new Map(), cells: new Map() };
}

type Add = (year: number, name: string, n: number) => void;

/** Pure: returns a new ledger. Maps are copied once per call, year objects once per touched year. */
export function foldEvents(ledger: OrgLedger, events: readonly StoredEvent[], zone: string): OrgLedger {
  const entities = new Map(ledger.entities);
  const cells = new Map(ledger.cells);
  const touched = new Set<number>();
  const add: Add = (year, name, n) => {
    let yc = cells.get(year);
    if (!touched.has(year)) {
      touched.add(year);
      yc = { ...yc };
      cells.set(year, yc);
    }
    yc![name] = (yc![name] ?? 0) + n;
  };
  for (const event of events) {
    const key = entityKeyOf(event);
    const before = entities.get(key);
    const after = evolveEntity(before, event, zone);
    entities.set(key, after);
    addDeltas(before, after, event, zone, add);
  }
  for (const year of touched) prune(cells, year);
  return { entities, cells };
}

/** Zeros are dropped so that a +1 and a −1 in one batch leave the same cells as neither. */
function prune(cells: Map<number, YearCells>, year: number): void {
  const yc = cells.get(year)!;
  for (const k of Object.keys(yc)) if (yc[k] === 0) delete yc[k];
  if (Object.keys(yc).length === 0) cells.delete(year);
}

function addDeltas(before: Entity | undefined, after: Entity, e: StoredEvent, zone: string, add: Add): void {
  const local = () => localDateOf(e.occurredAtMs, zone);
  switch (after.kind) {
    case 'application':
      return applicationDeltas(before, after, e, local, add);
    case 'document':
      if (before?.kind !== 'document') add(after.issuedYear, cell.docIssued(after.docKind), 1);
      else if (before.repealedYear === undefined && after.repealedYear !== undefined)
        add(after.repealedYear, cell.docRepealed(after.docKind), 1);
      return;
    case 'declaration':
      // A later declaration replaces the earlier one: take the old balance back where it was put.
      if (before?.kind === 'declaration') add(before.year, cell.docDeclared(before.docKind), -before.count);
      return add(after.year, cell.docDeclared(after.docKind), after.count);
    case 'decision':
      if (before?.kind !== 'decision') add(after.year, cell.decision(after.decisionKind), after.count);
      return;
    case 'fee':
      if (before?.kind !== 'fee') add(after.year, cell.adminFeeFen, after.fen);
      return;
    case 'publication':
      // Withdrawal takes the item out of the year it was posted in (posted in Y and not withdrawn).
      if (before?.kind !== 'publication') add(after.year, cell.publication(after.channel, after.category), 1);
      else if (!before.withdrawn && after.withdrawn)
        add(after.year, cell.publication(after.channel, after.category), -1);
      return;
    case 'review':
    case 'litigation': {
      const kind = after.kind === 'review' ? 'review' : after.afterReview ? 'litAfter' : 'litDirect';
      if (before?.kind !== after.kind) add(after.filedYear, cell.caseFiled(kind), 1);
      else if (before.concludedYear === undefined && after.concludedYear !== undefined && after.result)
        add(after.concludedYear, cell.caseConcluded(kind, after.result), 1);
      return;
    }
    case 'reportDraft':
    case 'reportPublication':
      return; // records about the report, not figures of it
    case 'narrative':
    case 'orphan':
      return processingFeeDeltas(e, local, add);
  }
}

function applicationDeltas(
  before: Entity | undefined,
  after: Extract<Entity, { kind: 'application' }>,
  e: StoredEvent,
  local: () => { year: number; month: number },
  add: Add,
): void {
  const t = after.applicantType;
  if (before?.kind !== 'application') {
    // receivedOn is the local 'YYYY-MM-DD' evolve already computed: no second zone conversion.
    const year = Number(after.receivedOn.slice(0, 4));
    add(year, cell.received(t), 1);
    return add(year, cell.receivedInMonth(Number(after.receivedOn.slice(5, 7))), 1);
  }
  const year = after.concludedYear;
  if (year === undefined || !after.outcome) return processingFeeDeltas(e, local, add);
  if (before.outcome === undefined) {
    add(year, cell.concluded(after.outcome, t), 1);
    return add(year, cell.concludedInMonth(local().month), 1);
  }
  // A correction moves the application between outcome rows of its conclusion year.
  if (before.outcome !== after.outcome) {
    add(year, cell.concluded(before.outcome, t), -1);
    add(year, cell.concluded(after.outcome, t), 1);
  }
  processingFeeDeltas(e, local, add);
}

/** 信息处理费 count in the year of the notice or payment, whatever the application's state. */
function processingFeeDeltas(e: StoredEvent, local: () => { year: number }, add: Add): void {
  if (e.type === 'ProcessingFeeNoticed') {
    const y = local().year;
    add(y, cell.feeNotices, 1);
    add(y, cell.feeNoticedFen, parseYuanToFen(e.data.amountYuan) ?? 0);
  } else if (e.type === 'ProcessingFeePaid') {
    add(local().year, cell.feePaidFen, parseYuanToFen(e.data.amountYuan) ?? 0);
  }
}

// The report as a fold. Each event's cell deltas are computed from (entity before, entity after,
// event) only, so the projector can fold a batch against the entities it loaded and EMPTY cells,
// then add the resulting deltas to its stored totals: folding in chunks equals folding at once.

import type { Entity, StoredEvent } from '@app/domain';
import { entityKeyOf, evolveEntity, localDateOf, parseYuanToFen } from '@app/domain';
import type { YearCells } from './cells';
import { cellNames as cell } from './cells';

export type OrgLedger = {
  entities: ReadonlyMap<string, Entity>;
  cells: ReadonlyMap<number, YearCells>;
};

export function emptyLedger(): OrgLedger {
  return { entities: new Map(), cells: new Map() };
}

type Add = (year: number, name: string, n: number) => void;

/**
 * One org's fold in progress, for a caller that owns it (the projector's batch): events are
 * applied one at a time, entities and cell deltas are kept in place. foldEvents is this fold over
 * copies of a ledger, so the projector and every from-scratch fold run the same code.
 */
export class OrgFold {
  readonly entities: Map<string, Entity>;
  readonly cells: Map<number, YearCells>;
  /** Years whose cells object is this fold's own (a ledger's are copied on their first change). */
  private readonly own = new Set<number>();
  private year = NaN;
  private yearCells: YearCells = {};

  /** Takes `entities` and `cells` as they are: the caller hands over maps this fold may change. */
  constructor(
    readonly zone: string,
    entities: Map<string, Entity> = new Map(),
    cells: Map<number, YearCells> = new Map(),
  ) {
    this.entities = entities;
    this.cells = cells;
  }

  /** Applies one event to its stream and adds its cell deltas; returns the stream's new state. */
  apply(event: StoredEvent, key: string = entityKeyOf(event)): Entity {
    const before = this.entities.get(key);
    const after = evolveEntity(before, event, this.zone);
    this.entities.set(key, after);
    addDeltas(before, after, event, this.zone, this.add);
    return after;
  }

  private readonly add: Add = (year, name, n) => {
    if (year !== this.year) {
      let yc = this.cells.get(year);
      if (!this.own.has(year)) {
        this.own.add(year);
        yc = { ...yc };
        this.cells.set(year, yc);
      }
      this.year = year;
      this.yearCells = yc!;
    }
    this.yearCells[name] = (this.yearCells[name] ?? 0) + n;
  };

  /** Drops the zeros of every year changed, so that a +1 and a −1 leave the same cells as neither. */
  prune(): void {
    for (const year of this.own) prune(this.cells, year);
    this.own.clear();
    this.year = NaN;
  }
}

/** Pure: returns a new ledger. Maps are copied once per call, year objects once per touched year. */
export function foldEvents(ledger: OrgLedger, events: readonly StoredEvent[], zone: string): OrgLedger {
  const fold = new OrgFold(zone, new Map(ledger.entities), new Map(ledger.cells));
  for (const event of events) fold.apply(event);
  fold.prune();
  return { entities: fold.entities, cells: fold.cells };
}

/** Zeros are dropped so that a +1 and a −1 in one batch leave the same cells as neither. */
function prune(cells: Map<number, YearCells>, year: number): void {
  const yc = cells.get(year);
  if (!yc) return;
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
    case 'reportReview':
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

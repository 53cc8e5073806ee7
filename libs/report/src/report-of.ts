// Convenience for tests and one-off tools: the whole history of one org in, one year's report out.

import type { Entity, NarrativeSection, StoredEvent } from '@app/domain';
import { withoutVoided } from '@app/domain';
import { YearCells, sumYearCells } from './cells';
import { OrgLedger, emptyLedger, foldEvents } from './fold';
import type { ReportBody } from './report';
import { toReport } from './to-report';

/** The texts of a year from the narrative streams (`narr:{year}:{section}`), latest write each. */
export function narrativeOf(
  entities: Iterable<Entity>,
  year: number,
): Partial<Record<NarrativeSection, string>> {
  const out: Partial<Record<NarrativeSection, string>> = {};
  for (const e of entities) if (e.kind === 'narrative' && e.year === year) out[e.section] = e.text;
  return out;
}

/**
 * The reference fold: one org's whole log folded from scratch, voided events left out. The
 * projections are checked against it (the specs, the drill).
 */
export function referenceLedger(events: readonly StoredEvent[], zone: string): OrgLedger {
  return foldEvents(emptyLedger(), withoutVoided(events), zone);
}

/** A rollup's cells: the year-by-year sum of its members' cells. */
export function rollupCells(members: Iterable<ReadonlyMap<number, YearCells>>): Map<number, YearCells> {
  let out = new Map<number, YearCells>();
  for (const cells of members) out = sumYearCells(out, cells);
  return out;
}

export function reportOf(events: readonly StoredEvent[], year: number, zone: string): ReportBody {
  const ledger = referenceLedger(events, zone);
  return toReport({ cells: ledger.cells, narrative: narrativeOf(ledger.entities.values(), year) }, year);
}

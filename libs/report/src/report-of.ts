// Convenience for tests and one-off tools: the whole history of one org in, one year's report out.

import type { Entity, NarrativeSection, StoredEvent } from '@app/domain';
import { withoutVoided } from '@app/domain';
import { emptyLedger, foldEvents } from './fold';
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

export function reportOf(events: readonly StoredEvent[], year: number, zone: string): ReportBody {
  const ledger = foldEvents(emptyLedger(), withoutVoided(events), zone);
  return toReport({ cells: ledger.cells, narrative: narrativeOf(ledger.entities.values(), year) }, year);
}

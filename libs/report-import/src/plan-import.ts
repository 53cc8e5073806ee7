// The events that open year Y+1 as the published report of year Y closed, with eventIds named by
// org, year and row (a name-based UUID): importing the same report again records nothing new.

import { nameUuid } from '@app/event-store';
import type { DisclosureEvent } from '@app/domain';
import type { ParsedReport } from '@app/report/import';
import { openingBalanceEvents } from '@app/report/import';

export function importEvents(
  parsed: ParsedReport,
  orgId: string,
  year: number,
  zone: string,
): DisclosureEvent[] {
  return openingBalanceEvents(parsed, orgId, year, zone).map(
    ({ key, ...e }) => ({ eventId: nameUuid(`import-report/${orgId}/${key}`), ...e }) as DisclosureEvent,
  );
}

/** "2 DocumentsInForceDeclared, 3 ApplicationReceived": what an import records, by type. */
export function eventCounts(events: DisclosureEvent[]): string {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.type, (counts.get(e.type) ?? 0) + 1);
  return [...counts].map(([t, n]) => `${n} ${t}`).join(', ');
}

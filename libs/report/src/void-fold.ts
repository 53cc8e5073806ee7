// A void's effect on the report (docs/architecture.md, "Voiding"). Every cell delta of an event
// depends on its stream alone, so a stream's share of the cells is the fold of its own events:
// a void adds cells(stream without the voided event) − cells(stream as it stood), and the
// stream's state becomes its events folded again without the voided ones.

import type { Entity, StoredEvent } from '@app/domain';
import { entityKeyOf, foldStream, withoutVoided } from '@app/domain';
import type { YearCells } from './cells';
import { OrgFold, OrgLedger, emptyLedger, foldEvents } from './fold';

/** The cells one stream's events add, voided events and voids left out. */
function streamCells(events: readonly StoredEvent[], zone: string): ReadonlyMap<number, YearCells> {
  return foldEvents(emptyLedger(), withoutVoided(events), zone).cells;
}

export type VoidEffect = { entity: Entity | undefined; cells: Map<number, YearCells> };

/** `before`: the events of the void's stream before it, in stream order (earlier voids included). */
export function voidEffect(before: readonly StoredEvent[], v: StoredEvent, zone: string): VoidEffect {
  const after = [...before, v];
  const cells = new Map<number, YearCells>();
  const put = (from: ReadonlyMap<number, YearCells>, sign: 1 | -1) => {
    for (const [year, yc] of from) {
      const out = cells.get(year) ?? {};
      cells.set(year, out);
      for (const name in yc) out[name] = (out[name] ?? 0) + sign * yc[name];
    }
  };
  put(streamCells(after, zone), 1);
  put(streamCells(before, zone), -1);
  return { entity: foldStream(after, zone), cells };
}

/**
 * One org's log folded in order as the projector does, voids applied when they come by
 * voidEffect: equal to foldEvents over the log without its voided events.
 */
export function foldLog(events: readonly StoredEvent[], zone: string): OrgLedger {
  const fold = new OrgFold(zone);
  const streams = new Map<string, StoredEvent[]>();
  const keyOf = new Map<string, string>();
  for (const e of events) {
    const key = e.type === 'EventVoided' ? keyOf.get(e.data.voidedEventId.toLowerCase()) : entityKeyOf(e);
    if (key === undefined) continue; // a void of nothing stored: the store refuses those
    const log = streams.get(key) ?? [];
    streams.set(key, [...log, e]);
    keyOf.set(e.eventId.toLowerCase(), key);
    if (e.type !== 'EventVoided') {
      fold.apply(e, key);
      continue;
    }
    const effect = voidEffect(log, e, zone);
    if (effect.entity) fold.entities.set(key, effect.entity);
    else fold.entities.delete(key);
    fold.addCells(effect.cells);
  }
  fold.prune();
  return { entities: fold.entities, cells: fold.cells };
}

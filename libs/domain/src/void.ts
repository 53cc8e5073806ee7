// Voiding (docs/architecture.md, "Voiding"). An EventVoided is stored in the stream of the event
// it voids; a stream's state is the fold of its events with the voided ones and the voids left
// out, so the state, the report and the deadline list are as if the voided event had never been
// stored, while the log keeps both.

import type { Entity } from './entities';
import type { EventOf, StoredEvent } from './events';
import { RECORDED_EVENT_TYPES } from './events';
import type { Refusal } from './decide';
import { decide } from './decide';
import { evolveEntity } from './evolve';

/** The ids (lower case, as the store spells a uuid) of the events that `events` void. */
export function voidedIdsOf(events: readonly StoredEvent[]): Set<string> {
  const ids = new Set<string>();
  for (const e of events) if (e.type === 'EventVoided') ids.add(e.data.voidedEventId.toLowerCase());
  return ids;
}

/** Whether an event counts: neither a void nor voided. */
export const counts = (e: StoredEvent, voided: ReadonlySet<string>): boolean =>
  e.type !== 'EventVoided' && !voided.has(e.eventId.toLowerCase());

/** The events of `events` that count, in their order: what every fold of a log with voids reads. */
export function withoutVoided<E extends StoredEvent>(events: readonly E[]): E[] {
  const voided = voidedIdsOf(events);
  return events.filter((e) => counts(e, voided));
}

/** A stream's state: its events (in stream order) folded, the voided ones and the voids left out. */
export function foldStream(events: readonly StoredEvent[], zone: string): Entity | undefined {
  let entity: Entity | undefined;
  // Most streams hold no void: they are folded as they are, without a set or a copy.
  const all = !events.some((e) => e.type === 'EventVoided');
  for (const e of all ? events : withoutVoided(events)) entity = evolveEntity(entity, e, zone);
  return entity;
}

/**
 * The events of a stream that decide refuses when the stream is replayed without its voided events:
 * each relies on something voided (a conclusion on a receipt, a payment on a notice).
 */
export function refusedOnReplay(events: readonly StoredEvent[], zone: string): StoredEvent[] {
  const refused: StoredEvent[] = [];
  let entity: Entity | undefined;
  for (const e of withoutVoided(events)) {
    if (decide(entity, e, e.occurredAtMs, zone)) refused.push(e);
    else entity = evolveEntity(entity, e, zone);
  }
  return refused;
}

const invalid = (code: string, message: string): Refusal => ({ status: 422, code, message });

/**
 * Checks a void against its target, found by (org, eventId) among the stored events and those
 * earlier in the batch, and the target's stream as it stands (`stream`, voids included).
 */
export function decideVoid(
  target: StoredEvent | undefined,
  v: EventOf<'EventVoided'>,
  stream: readonly StoredEvent[],
): Refusal | null {
  const id = v.data.voidedEventId;
  if (!target)
    return invalid(
      'void.unknownEvent',
      `no event ${id} is stored for org ${v.orgId}; voidedEventId must name an event of the same org`,
    );
  if (target.type === 'EventVoided')
    return invalid(
      'void.ofVoid',
      `event ${id} is itself a void and cannot be voided; record the voided event again instead`,
    );
  if ((RECORDED_EVENT_TYPES as readonly string[]).includes(target.type))
    return invalid(
      'void.serviceRecord',
      `event ${id} (${target.type}) is recorded by the service about a report and cannot be voided`,
    );
  const by = stream.find(
    (e) => e.type === 'EventVoided' && e.data.voidedEventId.toLowerCase() === id.toLowerCase(),
  );
  if (!by) return null;
  return {
    status: 409,
    code: 'void.alreadyVoided',
    message: `event ${id} was already voided by event ${by.eventId}; it counts nowhere already`,
  };
}

/**
 * The events that the batch's voids of one stream (`voids`) leave without what they rely on, per
 * void: those refused on replaying the stream as the batch leaves it, not refused without that
 * void, nor before the batch. A void whose dependants are voided by the same batch has none.
 */
export function dependantsOf(
  stream: readonly StoredEvent[],
  voids: readonly StoredEvent[],
  zone: string,
): Map<StoredEvent, StoredEvent[]> {
  const out = new Map<StoredEvent, StoredEvent[]>();
  const after = refusedOnReplay(stream, zone);
  if (after.length === 0) return out;
  const without = (drop: ReadonlySet<StoredEvent>) => stream.filter((e) => !drop.has(e));
  const before = new Set(refusedOnReplay(without(new Set(voids)), zone));
  const fresh = after.filter((e) => !before.has(e));
  if (fresh.length === 0) return out;
  for (const v of voids) {
    const spared = new Set(refusedOnReplay(without(new Set([v])), zone));
    const own = fresh.filter((e) => !spared.has(e));
    if (own.length > 0) out.set(v, own);
  }
  // Refused only when several voids of the batch act together: each of them is named.
  if (out.size === 0) for (const v of voids) out.set(v, fresh);
  return out;
}

/** The 422 for a void whose dependants the batch leaves standing. */
export function dependantsRefusal(target: StoredEvent, dependants: readonly StoredEvent[]): Refusal {
  const list = dependants.map((e) => `${e.eventId} (${e.type})`).join(', ');
  return invalid(
    'void.hasDependants',
    `event ${target.eventId} (${target.type}) cannot be voided alone: later events of its stream rely on it: ${list}; void those in the same batch too`,
  );
}

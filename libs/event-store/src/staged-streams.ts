import {
  DisclosureEvent,
  Entity,
  EventOf,
  Refusal,
  StoredEvent,
  dependantsOf,
  dependantsRefusal,
  decide,
  decideVoid,
  entityKeyOf,
  evolveEntity,
  foldStream,
} from '@app/domain';

/**
 * The streams a group transaction touches: every stored event of each (voids included, in stream
 * order), the state each folds to, and where each event id of the org lives. A void names only the
 * event it voids; the store resolves that event's stream here and stores the void in it.
 */
export type Streams = {
  logs: Map<string, StoredEvent[]>;
  entities: Map<string, Entity | undefined>;
  /** "{orgId}|{eventId in lower case}" → stream id. */
  streamOf: Map<string, string>;
};

export const streamIdOf = (e: DisclosureEvent) => `${e.orgId}/${entityKeyOf(e)}`;
export const eventKey = (orgId: string, eventId: string) => `${orgId}|${eventId.toLowerCase()}`;

/** Rows in (stream_id, stream_version) order, each with its stream_id and the stored-event columns. */
export function loadStreams(
  rows: readonly (StoredEvent & { streamId: string })[],
  zones: ReadonlyMap<string, string>,
): Streams {
  const s: Streams = { logs: new Map(), entities: new Map(), streamOf: new Map() };
  for (const { streamId, ...e } of rows) {
    const log = s.logs.get(streamId) ?? [];
    if (log.length === 0) s.logs.set(streamId, log);
    log.push(e as StoredEvent);
    s.streamOf.set(eventKey(e.orgId, e.eventId), streamId);
  }
  for (const [streamId, log] of s.logs) s.entities.set(streamId, foldStream(log, zones.get(log[0].orgId) as string)); // prettier-ignore
  return s;
}

/**
 * One batch's view of the streams: what it appends is kept aside and reaches `base` only by
 * `commit()`, once the whole batch is accepted (a refused batch leaves nothing behind).
 */
export class StagedStreams {
  private readonly logs = new Map<string, StoredEvent[]>();
  private readonly entities = new Map<string, Entity | undefined>();
  private readonly streamOf = new Map<string, string>();
  /** The batch's voids by stream, each with its index in the batch and the event it voids. */
  private readonly voids = new Map<string, { v: StoredEvent; index: number; target: StoredEvent }[]>();

  constructor(private readonly base: Streams) {}

  entity(streamId: string): Entity | undefined {
    return this.entities.has(streamId) ? this.entities.get(streamId) : this.base.entities.get(streamId);
  }

  /** Events in the stream, voids and voided ones included: the next stream_version is this + 1. */
  length(streamId: string): number {
    return this.log(streamId).length;
  }

  append(streamId: string, e: StoredEvent, zone: string): void {
    this.own(streamId).push(e);
    this.entities.set(streamId, evolveEntity(this.entity(streamId), e, zone));
    this.streamOf.set(eventKey(e.orgId, e.eventId), streamId);
  }

  /** Checks a void and stages it in its target's stream; returns that stream, or the refusal. */
  void(v: EventOf<'EventVoided'> & StoredEvent, index: number, zone: string): Refusal | { streamId: string } {
    const key = eventKey(v.orgId, v.data.voidedEventId);
    const streamId = this.streamOf.get(key) ?? this.base.streamOf.get(key);
    const log = streamId === undefined ? [] : this.log(streamId);
    const target = log.find((e) => eventKey(e.orgId, e.eventId) === key);
    const refusal = decideVoid(target, v, log);
    if (refusal || streamId === undefined || !target) return refusal as Refusal;
    const next = this.own(streamId);
    next.push(v);
    this.entities.set(streamId, foldStream(next, zone));
    this.streamOf.set(eventKey(v.orgId, v.eventId), streamId);
    const list = this.voids.get(streamId) ?? [];
    this.voids.set(streamId, [...list, { v, index, target }]);
    return { streamId };
  }

  /** The batch's voids that leave later events of their stream without what they rely on. */
  dependantRefusals(
    zoneOf: (orgId: string) => string,
  ): { index: number; eventId: string; refusal: Refusal }[] {
    const out: { index: number; eventId: string; refusal: Refusal }[] = [];
    for (const [streamId, voids] of this.voids) {
      const log = this.log(streamId);
      const found = dependantsOf(
        log,
        voids.map((x) => x.v),
        zoneOf(log[0].orgId),
      );
      for (const { v, index, target } of voids) {
        const dependants = found.get(v);
        if (dependants)
          out.push({ index, eventId: v.eventId, refusal: dependantsRefusal(target, dependants) });
      }
    }
    return out;
  }

  commit(): void {
    for (const [k, v] of this.logs) this.base.logs.set(k, v);
    for (const [k, v] of this.entities) this.base.entities.set(k, v);
    for (const [k, v] of this.streamOf) this.base.streamOf.set(k, v);
  }

  private log(streamId: string): StoredEvent[] {
    return this.logs.get(streamId) ?? this.base.logs.get(streamId) ?? [];
  }

  /** The batch's own copy of a stream's log, made on its first append: `base` stays as it was. */
  private own(streamId: string): StoredEvent[] {
    let log = this.logs.get(streamId);
    if (!log) this.logs.set(streamId, (log = [...(this.base.logs.get(streamId) ?? [])]));
    return log;
  }
}

export type Decided = { index: number; streamId: string; version: number };
export type Refused = { index: number; eventId: string; refusal: Refusal };

/**
 * Decides a batch's new events (`fresh`, indices into `events`) in order against the streams and
 * against each other; voids go to their target's stream. Pure: `commit()` applies the batch to
 * `state`, which the caller does only when nothing was refused.
 */
export function decideEvents(
  events: readonly (DisclosureEvent & { occurredAtMs: number })[],
  fresh: readonly number[],
  zones: ReadonlyMap<string, string>,
  state: Streams,
): { decided: Decided[]; refused: Refused[]; commit: () => void } {
  const staged = new StagedStreams(state);
  const decided: Decided[] = [];
  const refused: Refused[] = [];
  for (const index of fresh) {
    const e = events[index];
    const zone = zones.get(e.orgId) as string;
    const ev = { ...e, position: 0 } as StoredEvent;
    if (ev.type === 'EventVoided') {
      const v = staged.void(ev, index, zone);
      if ('streamId' in v) decided.push({ index, streamId: v.streamId, version: staged.length(v.streamId) });
      else refused.push({ index, eventId: e.eventId, refusal: v });
      continue;
    }
    const streamId = streamIdOf(e);
    const refusal = decide(staged.entity(streamId), e, e.occurredAtMs, zone);
    if (refusal) {
      refused.push({ index, eventId: e.eventId, refusal });
      continue;
    }
    decided.push({ index, streamId, version: staged.length(streamId) + 1 });
    staged.append(streamId, ev, zone);
  }
  refused.push(...staged.dependantRefusals((orgId) => zones.get(orgId) as string));
  return { decided, refused, commit: () => staged.commit() };
}

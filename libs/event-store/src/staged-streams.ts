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
 * order) and the state each folds to. A void names only the event it voids; the store resolves
 * that event's stream here and stores the void in it.
 */
export type Streams = {
  logs: Map<string, StoredEvent[]>;
  entities: Map<string, Entity | undefined>;
  /**
   * "{orgId}|{eventId in lower case}" → stream id, built on a group's first void (most groups
   * have none, and keying every loaded event cost as much as folding it) and dropped on commit.
   */
  streamOf?: Map<string, string>;
};

export const streamIdOf = (e: DisclosureEvent) => `${e.orgId}/${entityKeyOf(e)}`;
export const eventKey = (orgId: string, eventId: string) => `${orgId}|${eventId.toLowerCase()}`;

/** [stream id, event] in (stream_id, stream_version) order. */
export function loadStreams(
  rows: readonly [string, StoredEvent][],
  zones: ReadonlyMap<string, string>,
): Streams {
  const s: Streams = { logs: new Map(), entities: new Map() };
  for (const [streamId, e] of rows) {
    const log = s.logs.get(streamId);
    if (log) log.push(e);
    else s.logs.set(streamId, [e]);
  }
  for (const [streamId, log] of s.logs)
    s.entities.set(streamId, foldStream(log, zones.get(log[0].orgId) as string));
  return s;
}

function indexOf(logs: ReadonlyMap<string, StoredEvent[]>): Map<string, string> {
  const index = new Map<string, string>();
  for (const [streamId, log] of logs) for (const e of log) index.set(eventKey(e.orgId, e.eventId), streamId);
  return index;
}

/**
 * One batch's view of the streams: what it appends is kept aside and reaches `base` only by
 * `commit()`, once the whole batch is accepted (a refused batch leaves nothing behind). The
 * batch's events are kept in one list, and a stream's whole log is put together only for a void:
 * the common batch pays a map write per event, not an array per stream.
 */
export class StagedStreams {
  private readonly appended: { streamId: string; e: StoredEvent }[] = [];
  /** The batch's events by eventKey, built on the batch's first void and kept from then on. */
  private index?: Map<string, string>;
  private readonly lengths = new Map<string, number>();
  private readonly entities = new Map<string, Entity | undefined>();
  /** The batch's voids by stream, each with its index in the batch and the event it voids. */
  private readonly voids = new Map<string, { v: StoredEvent; index: number; target: StoredEvent }[]>();

  constructor(private readonly base: Streams) {}

  entity(streamId: string): Entity | undefined {
    return this.entities.has(streamId) ? this.entities.get(streamId) : this.base.entities.get(streamId);
  }

  /** Events in the stream, voids and voided ones included: the next stream_version is this + 1. */
  length(streamId: string): number {
    return this.lengths.get(streamId) ?? this.base.logs.get(streamId)?.length ?? 0;
  }

  append(streamId: string, e: StoredEvent, zone: string): void {
    this.appended.push({ streamId, e });
    this.index?.set(eventKey(e.orgId, e.eventId), streamId);
    this.lengths.set(streamId, this.length(streamId) + 1);
    this.entities.set(streamId, evolveEntity(this.entity(streamId), e, zone));
  }

  /** Checks a void and stages it in its target's stream; returns that stream, or the refusal. */
  void(v: EventOf<'EventVoided'> & StoredEvent, index: number, zone: string): Refusal | { streamId: string } {
    const key = eventKey(v.orgId, v.data.voidedEventId);
    this.index ??= new Map(this.appended.map((a) => [eventKey(a.e.orgId, a.e.eventId), a.streamId]));
    const streamId = this.index.get(key) ?? (this.base.streamOf ??= indexOf(this.base.logs)).get(key);
    const log = streamId === undefined ? [] : this.log(streamId);
    const target = log.find((e) => eventKey(e.orgId, e.eventId) === key);
    const refusal = decideVoid(target, v, log);
    if (refusal || streamId === undefined || !target) return refusal as Refusal;
    this.appended.push({ streamId, e: v });
    this.index.set(eventKey(v.orgId, v.eventId), streamId);
    this.lengths.set(streamId, log.length + 1);
    this.entities.set(streamId, foldStream([...log, v], zone));
    this.voids.set(streamId, [...(this.voids.get(streamId) ?? []), { v, index, target }]);
    return { streamId };
  }

  /** The batch's voids that leave later events of their stream without what they rely on. */
  dependantRefusals(zoneOf: (orgId: string) => string): Refused[] {
    const out: Refused[] = [];
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
    for (const { streamId, e } of this.appended) {
      const log = this.base.logs.get(streamId);
      if (log) log.push(e);
      else this.base.logs.set(streamId, [e]);
    }
    for (const [k, v] of this.entities) this.base.entities.set(k, v);
    this.base.streamOf = undefined;
  }

  /** The stream's stored events, then the batch's: put together for voids only. */
  private log(streamId: string): StoredEvent[] {
    const log = [...(this.base.logs.get(streamId) ?? [])];
    for (const a of this.appended) if (a.streamId === streamId) log.push(a.e);
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

import { Pool, PoolClient, QueryResult, escapeLiteral } from 'pg';
import { DisclosureEvent, Entity, StoredEvent, decide, entityKeyOf, evolveEntity } from '@app/domain';
import { AppError, ErrorDetail } from '@app/config';
import { contentHash } from './canonical';
import { inTransaction, isRetryable, partitionOf } from './db';

export type NewEvent = DisclosureEvent & { occurredAtMs: number };
export type AppendResult = { accepted: number; duplicates: number; lastPosition: number };

/** Advisory-lock class for "one writer per org at a time" (the other half is hashtext(org_id)). */
const ORG_LOCK = 7301;

const streamIdOf = (e: DisclosureEvent) => `${e.orgId}/${entityKeyOf(e)}`;

type Refusal = ErrorDetail & { status: number };

export class EventStore {
  constructor(
    private readonly db: Pool,
    private readonly partitions: number,
  ) {}

  /**
   * Appends a batch atomically after checking every event against its stream's state.
   * Resolves only after COMMIT (durable acknowledgement); throws AppError with every refusal.
   */
  async append(events: NewEvent[], zones: ReadonlyMap<string, string>): Promise<AppendResult> {
    const hashes = events.map(contentHash);
    for (let attempt = 1; ; attempt++) {
      try {
        return await inTransaction(
          this.db,
          (c, [, seen, streams]) => this.appendIn(c, events, hashes, zones, seen, streams),
          this.opening(events),
        );
      } catch (e) {
        // 23505: a concurrent batch of another org stored the same eventId first; look again.
        const again = (e as { code?: string }).code === '23505' || isRetryable(e);
        if (e instanceof AppError || !again || attempt >= 3) throw e;
      }
    }
  }

  /**
   * Sent with BEGIN in one round trip. Locks the batch's orgs in a fixed order before this
   * transaction gets its id: within an org, transaction-id order is then commit order, which the
   * projector's xid ordering relies on. Then, each statement with a snapshot taken after the
   * locks: the stored events with the batch's ids, and every event of the batch's streams.
   */
  private opening(events: NewEvent[]): string {
    const list = (values: Iterable<string>, type: string) =>
      `ARRAY[${[...new Set(values)].map(escapeLiteral).join(',')}]::${type}[]`;
    return `SELECT pg_advisory_xact_lock(${ORG_LOCK}, hashtext(o))
              FROM unnest(${list([...new Set(events.map((e) => e.orgId))].sort(), 'text')}) AS o;
            SELECT event_id::text AS id, content_hash AS hash, position FROM events
             WHERE event_id = ANY(${list(
               events.map((e) => e.eventId),
               'uuid',
             )});
            SELECT stream_id, ${STORED_EVENT_COLUMNS} FROM events
             WHERE stream_id = ANY(${list(events.map(streamIdOf), 'text')}) ORDER BY stream_id, stream_version`;
  }

  private async appendIn(
    c: PoolClient,
    events: NewEvent[],
    hashes: Buffer[],
    zones: ReadonlyMap<string, string>,
    stored: QueryResult,
    streams: QueryResult,
  ): Promise<AppendResult> {
    const refusals: Refusal[] = [];
    const seen = new Map<string, { hash: Buffer; position: number }>(stored.rows.map((x) => [x.id, x]));
    const firstIndex = new Map<string, number>();
    let duplicates = 0;
    let lastPosition = 0;
    const fresh: number[] = [];
    events.forEach((e, i) => {
      const prior = seen.get(e.eventId);
      const inBatch = firstIndex.get(e.eventId);
      const sameAs = prior?.hash ?? (inBatch !== undefined ? hashes[inBatch] : undefined);
      if (sameAs === undefined) {
        firstIndex.set(e.eventId, i);
        fresh.push(i);
      } else if (sameAs.equals(hashes[i])) {
        duplicates++;
        lastPosition = Math.max(lastPosition, prior?.position ?? 0);
      } else {
        refusals.push({
          status: 409,
          index: i,
          eventId: e.eventId,
          code: 'event.idConflict',
          reason: `eventId ${e.eventId} was already used for a different event; an eventId names one event forever, so send a new eventId for new content`,
        });
      }
    });

    const state = foldStreams(streams.rows, zones);
    const rows: { i: number; streamId: string; version: number }[] = [];
    for (const i of fresh) {
      const e = events[i];
      const streamId = streamIdOf(e);
      const zone = zones.get(e.orgId) as string;
      const entity = state.get(streamId);
      const refusal = decide(entity, e, e.occurredAtMs, zone);
      if (refusal) {
        refusals.push({
          status: refusal.status,
          index: i,
          eventId: e.eventId,
          code: refusal.code,
          reason: refusal.message,
        });
        continue;
      }
      rows.push({ i, streamId, version: (entity?.version ?? 0) + 1 });
      state.set(streamId, evolveEntity(entity, { ...e, position: 0 } as StoredEvent, zone));
    }
    if (refusals.length > 0) throw refusalError(refusals);

    if (rows.length > 0) lastPosition = Math.max(lastPosition, await this.insert(c, events, hashes, rows));
    return { accepted: rows.length, duplicates, lastPosition };
  }

  /** One parameter for the whole batch: PostgreSQL parses one JSON text instead of ten arrays. */
  private async insert(
    c: PoolClient,
    events: NewEvent[],
    hashes: Buffer[],
    rows: { i: number; streamId: string; version: number }[],
  ): Promise<number> {
    const records = rows.map(({ i, streamId, version }) => {
      const e = events[i];
      return {
        p: partitionOf(e.orgId, this.partitions),
        id: e.eventId,
        s: streamId,
        v: version,
        o: e.orgId,
        t: e.type,
        at: new Date(e.occurredAtMs).toISOString(),
        att: e.occurredAt,
        h: hashes[i].toString('hex'),
        d: e.data,
      };
    });
    const r = await c.query({
      name: 'gk-append-events',
      text: `WITH stored AS (
               INSERT INTO events (partition, event_id, stream_id, stream_version, org_id, type,
                                   occurred_at, occurred_at_text, content_hash, data)
               SELECT p, id, s, v, o, t, at, att, decode(h, 'hex'), d
                 FROM jsonb_to_recordset($1::jsonb)
                   AS x(p int2, id uuid, s text, v int4, o text, t text, at timestamptz, att text, h text, d jsonb)
               RETURNING position)
             SELECT max(position) AS last FROM stored`,
      values: [JSON.stringify(records)],
    });
    return r.rows[0].last;
  }
}

/** The current state of each stream: its events folded in stream order. */
function foldStreams(rows: QueryResult['rows'], zones: ReadonlyMap<string, string>): Map<string, Entity> {
  const state = new Map<string, Entity>();
  for (const row of rows) {
    const ev = toStoredEvent(row);
    state.set(row.stream_id, evolveEntity(state.get(row.stream_id), ev, zones.get(ev.orgId) as string));
  }
  return state;
}

function refusalError(refusals: Refusal[]): AppError {
  const conflictsOnly = refusals.every((r) => r.status === 409);
  const details = refusals.sort((a, b) => (a.index ?? 0) - (b.index ?? 0)).map(({ status: _s, ...d }) => d);
  return new AppError(
    conflictsOnly ? 409 : 422,
    conflictsOnly ? 'events.conflict' : 'events.rejected',
    `${refusals.length} event(s) of the batch cannot be accepted; nothing was stored. Fix the events listed in details and send the batch again.`,
    details,
  );
}

export const STORED_EVENT_COLUMNS = `position, event_id::text AS event_id, org_id, type, occurred_at_text,
  floor(extract(epoch FROM occurred_at) * 1000)::float8 AS occurred_ms, data`;

export function toStoredEvent(row: {
  position: number;
  event_id: string;
  org_id: string;
  type: string;
  occurred_at_text: string;
  occurred_ms: number;
  data: unknown;
}): StoredEvent {
  return {
    position: row.position,
    eventId: row.event_id,
    orgId: row.org_id,
    type: row.type,
    occurredAt: row.occurred_at_text,
    occurredAtMs: row.occurred_ms,
    data: row.data,
  } as StoredEvent;
}

import { PoolClient } from 'pg';
import { Entity, StoredEvent, entityKeyOf, foldStream, instantOf, isStreamOpen } from '@app/domain';
import { STORED_EVENT_COLUMNS, toStoredEvent } from '@app/event-store';
import { PROJECTION } from './parking';

// The state of each stream a batch touches, before the batch. The log is the truth; rm_entities
// keeps only the states something outside the projector reads (the deadline list reads
// applications and, with the dashboard, open cases; reports read narratives). Any other stream
// a batch continues (a withdrawal, a repeal, a second declaration) has its state folded again
// from its earlier events. Most events (decisions, fees, posts) start a stream nobody continues,
// so most batches write and read no state at all: a full rebuild writes cells, not a row per event.

export const KEPT_KINDS: ReadonlySet<string> = new Set(['application', 'narrative', 'review', 'litigation']);

/**
 * A stored event as the projector reads it, with its stream's entity key and version. It carries
 * what the fold reads (type, data, occurredAtMs; evolveEntity and the cell deltas read no more) and
 * not the event id, which nothing downstream of the store needs: one column less per event.
 */
export type ProjectedEvent = StoredEvent & { key: string; streamVersion: number };

/**
 * A projected event as the projector reads it: one JSON array per event, the events of a read
 * aggregated into one JSON text (see Projector.readAfter), ordered by (xid, position).
 * occurredAtMs is read from occurred_at_text: every writer stores occurred_at as
 * parseOffsetDateTime of that text (the API, the year-end drafter and publishing all do), and
 * reading it in Node is cheaper than PostgreSQL's numeric epoch arithmetic per row. The xid is
 * text: xid8 does not fit a double. The array is written out by concatenation, a third cheaper
 * for PostgreSQL than json_build_array; org_id needs no escaping (orgs.org_id is checked
 * against ^[a-z0-9-]{1,64}$ and events.org_id references it), type and occurred_at_text are
 * escaped by to_json, data is jsonb.
 */
export const PROJECTED_EVENTS = `'[' || string_agg(concat('["', transaction_id, '",', position, ',', stream_version, ',"', org_id, '",', to_json(type), ',', to_json(occurred_at_text), ',', data, ']'), ',' ORDER BY transaction_id, position) || ']'`;
export type ProjectedRow = [
  tx: string,
  position: number,
  version: number,
  orgId: string,
  type: string,
  occurredAt: string,
  data: unknown,
];

export function toProjectedEvent(row: ProjectedRow): ProjectedEvent {
  const occurredAtMs = instantOf(row[5]);
  if (occurredAtMs === null)
    throw new Error(`stored event at position ${row[1]} has an unreadable occurredAt "${row[5]}"`);
  const e = {
    position: row[1],
    orgId: row[3],
    type: row[4],
    occurredAt: row[5],
    occurredAtMs,
    data: row[6],
    key: '',
    streamVersion: row[2],
  } as unknown as ProjectedEvent;
  e.key = entityKeyOf(e);
  return e;
}

/** The state before the batch of streams the batch continues, and which of them have a row. */
export type StatesBefore = {
  /** By org, then entity key. */
  states: Map<string, Map<string, Entity>>;
  /** "{orgId}/{entityKey}" of each stream with a row in rm_entities (kept up to date whatever its kind). */
  rows: Set<string>;
};

/**
 * The states of the streams `continued` names, as of their version before the given one: from
 * rm_entities where a row is kept, else folded again from the stream's earlier events (every one
 * of them was applied by an earlier batch or earlier in this one, so it is stored and committed).
 */
export async function statesBefore(
  c: PoolClient,
  continued: readonly { orgId: string; key: string; version: number }[],
  zoneOf: (orgId: string) => string,
): Promise<StatesBefore> {
  const out: StatesBefore = { states: new Map(), rows: new Set() };
  if (continued.length === 0) return out;
  const set = (orgId: string, key: string, entity: Entity) => {
    let m = out.states.get(orgId);
    if (!m) out.states.set(orgId, (m = new Map()));
    m.set(key, entity);
  };

  // One index look-up per stream, whatever the statistics say: the planner, told nothing of a
  // freshly loaded log (as in a rebuild after a restore), expects hundreds of rows per stream id
  // and prefers a hash join over the whole table once a batch continues a few dozen streams.
  // OFFSET 0 keeps each lateral subquery a subquery, so the join stays a nested loop.
  const kept = await c.query({
    text: KEPT_STATES,
    values: [continued.map((s) => s.orgId), continued.map((s) => s.key)],
    rowMode: 'array',
  });
  for (const [orgId, key, state] of kept.rows as [string, string, Entity][]) {
    set(orgId, key, state);
    out.rows.add(`${orgId}/${key}`);
  }

  const missing = continued.filter((s) => !out.rows.has(`${s.orgId}/${s.key}`));
  if (missing.length === 0) return out;
  const earlier = await c.query(EARLIER_EVENTS, [
    missing.map((s) => `${s.orgId}/${s.key}`),
    missing.map((s) => s.version),
    PROJECTION,
  ]);
  // Folded per stream, so that voided events and voids (stored in their target's stream) are left out.
  const logs = new Map<string, StoredEvent[]>();
  for (const row of earlier.rows) {
    const log = logs.get(row.sid) ?? [];
    if (log.length === 0) logs.set(row.sid, log);
    log.push(toStoredEvent(row));
  }
  for (const [streamId, log] of logs) {
    const { orgId } = log[0];
    const entity = foldStream(log, zoneOf(orgId));
    if (entity) set(orgId, streamId.slice(orgId.length + 1), entity);
  }
  return out;
}

/** The kept states of streams ($1 org ids, $2 entity keys), one index probe each. */
export const KEPT_STATES = `SELECT k.org_id, k.entity_key, e.state
             FROM unnest($1::text[], $2::text[]) AS k(org_id, entity_key)
             CROSS JOIN LATERAL (SELECT state FROM rm_entities r
                                  WHERE r.org_id = k.org_id AND r.entity_key = k.entity_key OFFSET 0) e`;

/** The earlier events of streams ($1 ids, $2 the version before which), parked ones left out. */
export const EARLIER_EVENTS = `SELECT k.stream_id AS sid, e.* FROM unnest($1::text[], $2::int4[]) WITH ORDINALITY AS k(stream_id, before, n)
       CROSS JOIN LATERAL (SELECT stream_version, ${STORED_EVENT_COLUMNS} FROM events
                            WHERE stream_id = k.stream_id AND stream_version < k.before
                              AND NOT EXISTS (SELECT 1 FROM projection_parked p
                                               WHERE p.projection = $3 AND p.position = events.position)
                            OFFSET 0) e
      ORDER BY k.n, e.stream_version`;

/** Whether a stream's state is written to rm_entities: a kept kind, or a stream with a row already. */
export const isKept = (orgId: string, key: string, entity: Entity, rows: ReadonlySet<string>) =>
  KEPT_KINDS.has(entity.kind) || (rows.size > 0 && rows.has(`${orgId}/${key}`));

/** A row of rm_entities as the projector writes it: [org_id, entity_key, kind, open, state]. */
export const entityRow = (orgId: string, key: string, entity: Entity) =>
  [orgId, key, entity.kind, isStreamOpen(entity), entity] as const;

import { Pool, PoolClient, QueryResult, escapeLiteral } from 'pg';
import { DisclosureEvent, StoredEvent } from '@app/domain';
import { AppError, ErrorDetail } from '@app/config';
import { Actor, SYSTEM_ACTOR } from './actor';
import { iso, tokenLapse } from './orgs.repository';
import { contentHash } from './canonical';
import { inTransaction, isRetryable, partitionOf, retrying } from './db';
import { Streams, decideEvents, loadStreams, streamIdOf } from './staged-streams';

export type NewEvent = DisclosureEvent & { occurredAtMs: number };
export type AppendResult = { accepted: number; duplicates: number; lastPosition: number };

export type GroupCommitOptions = {
  /** Append transactions running at once; callers arriving meanwhile wait and share the next one. */
  concurrency?: number;
  /** A transaction takes waiting batches until it would hold more events than this. */
  maxGroupEvents?: number;
};

/** Advisory-lock class for "one writer per org at a time" (the other half is hashtext(org_id)). */
const ORG_LOCK = 7301;

/**
 * The idempotency key: an eventId names an event within its org only, so another org can neither
 * take an org's ids first nor be blocked by them. The store spells a uuid in lower case; a sender
 * may not.
 */
const idKey = (e: { orgId: string; eventId: string }) => `${e.orgId}/${e.eventId.toLowerCase()}`;

type Refusal = ErrorDetail & { status: number };

/** One caller's batch waiting for, or inside, a group transaction. */
type Waiting = {
  events: NewEvent[];
  hashes: Buffer[];
  zones: ReadonlyMap<string, string>;
  actor: Actor;
  resolve: (r: AppendResult) => void;
  reject: (e: unknown) => void;
};

/** What a batch comes to inside its group, before the group's INSERT assigns positions. */
type Verdict = { accepted: number; duplicates: number; lastPosition: number; positionsOf: string[] };
/** A batch's answer once its group has committed. */
type Outcome = { refused: AppError } | { result: AppendResult };

type Row = { e: NewEvent; hash: Buffer; streamId: string; version: number; actor: Actor };

export class EventStore {
  private readonly waiting: Waiting[] = [];
  private running = 0;
  private readonly concurrency: number;
  private readonly maxGroupEvents: number;
  /** Transactions committed and batches they carried (the group size is their ratio). */
  readonly stats = { transactions: 0, batches: 0, events: 0 };

  constructor(
    private readonly db: Pool,
    private readonly partitions: number,
    opts: GroupCommitOptions = {},
  ) {
    this.concurrency = opts.concurrency ?? 2;
    this.maxGroupEvents = opts.maxGroupEvents ?? 1000;
  }

  /**
   * Appends a batch atomically after checking every event against its stream's state.
   * Resolves only after COMMIT (durable acknowledgement); rejects with an AppError listing every
   * refusal, and then nothing of the batch is stored.
   *
   * Group commit: batches that arrive while `concurrency` transactions are running wait, and the
   * next transaction takes them all (up to `maxGroupEvents`). Each is still decided on its own,
   * in arrival order, against the state the earlier ones leave: a refused batch contributes
   * nothing and does not refuse its neighbours, and every answer waits for the shared COMMIT. One
   * commit (one WAL flush, one lock round, three round trips) then carries many small requests.
   */
  append(
    events: NewEvent[],
    zones: ReadonlyMap<string, string>,
    actor: Actor = SYSTEM_ACTOR,
  ): Promise<AppendResult> {
    const hashes = events.map(contentHash);
    return new Promise((resolve, reject) => {
      this.waiting.push({ events, hashes, zones, actor, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const group = [this.waiting.shift() as Waiting];
      let size = group[0].events.length;
      while (this.waiting.length > 0 && size + this.waiting[0].events.length <= this.maxGroupEvents) {
        size += this.waiting[0].events.length;
        group.push(this.waiting.shift() as Waiting);
      }
      this.running++;
      void this.settle(group).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  /**
   * Commits a group and answers each batch. A group that cannot commit (a database error, not a
   * refusal) is split: each batch is tried alone, so one batch's failure is its own.
   */
  private async settle(group: Waiting[]): Promise<void> {
    let outcomes: Outcome[];
    try {
      outcomes = await this.commit(group);
    } catch (e) {
      if (group.length === 1) return group[0].reject(e);
      for (const one of group) await this.settle([one]);
      return;
    }
    this.stats.transactions++;
    this.stats.batches += group.length;
    outcomes.forEach((o, k) => {
      if ('refused' in o) return group[k].reject(o.refused);
      this.stats.events += o.result.accepted;
      group[k].resolve(o.result);
    });
  }

  private async commit(group: Waiting[]): Promise<Outcome[]> {
    const events = group.flatMap((w) => w.events);
    const zones = new Map(group.flatMap((w) => [...w.zones]));
    return retrying(
      () =>
        inTransaction(
          this.db,
          (c, [, seen, streams, lapsed]) => this.appendIn(c, group, zones, seen, streams, lapsed),
          appendOpening(
            events,
            group.map((w) => w.actor.tokenId),
          ),
        ),
      // 23505: a unique key taken by a transaction that committed after this one looked; look again.
      (e) => (e as { code?: string }).code === '23505' || isRetryable(e),
    );
  }

  private async appendIn(
    c: PoolClient,
    group: Waiting[],
    zones: ReadonlyMap<string, string>,
    stored: QueryResult,
    streams: QueryResult,
    lapsed: QueryResult | undefined,
  ): Promise<Outcome[]> {
    /** Senders that may no longer send, as of this transaction: their batches are refused. */
    const refusedSenders = new Map<string, string>(
      (lapsed?.rows ?? []).map((t) => [t.tokenId, tokenLapse(t) ?? 'This token may no longer be used.']),
    );
    const seen = new Map<string, { hash: Buffer; position: number }>(stored.rows.map((x) => [x.id, x]));
    /** Event ids taken by batches accepted earlier in this group, with their content hash. */
    const taken = new Map<string, Buffer>();
    const state = loadStreams(
      streams.rows.map((r) => [r.stream_id, toStoredEvent(r)]),
      zones,
    );
    const rows: Row[] = [];
    const verdicts = group.map((w) => {
      const lapse = refusedSenders.get(w.actor.tokenId);
      if (lapse) return { refused: new AppError(401, 'unauthorized', lapse) };
      const v = decideBatch(w, seen, taken, state);
      if ('refused' in v) return v;
      for (const r of v.rows) taken.set(idKey(r.e), r.hash);
      rows.push(...v.rows);
      return v.verdict;
    });
    const positions = rows.length > 0 ? await this.insert(c, rows) : new Map<string, number>();
    return verdicts.map((v) => {
      if ('refused' in v) return v;
      const { accepted, duplicates, positionsOf } = v;
      const lastPosition = positionsOf.reduce(
        (max, id) => Math.max(max, positions.get(id) ?? 0),
        v.lastPosition,
      );
      return { result: { accepted, duplicates, lastPosition } };
    });
  }

  /** One parameter for the whole group: PostgreSQL parses one JSON text instead of ten arrays. */
  private async insert(c: PoolClient, rows: Row[]): Promise<Map<string, number>> {
    const records = rows.map(({ e, hash, streamId, version, actor }) => ({
      p: partitionOf(e.orgId, this.partitions),
      id: e.eventId,
      s: streamId,
      v: version,
      o: e.orgId,
      t: e.type,
      at: new Date(e.occurredAtMs).toISOString(),
      att: e.occurredAt,
      h: hash.toString('hex'),
      d: e.data,
      a: actor,
    }));
    const r = await c.query({
      name: 'gk-append-group',
      text: APPEND_INSERT,
      values: [JSON.stringify(records)],
    });
    return new Map(r.rows.map((x: { id: string; position: number }) => [x.id, x.position]));
  }
}

/**
 * Decides one batch against the stored events, the batches accepted before it in its group
 * (`taken`, `state`), and itself. Pure apart from reading those maps: `state` changes only if
 * the whole batch is accepted.
 */
function decideBatch(
  w: Waiting,
  seen: ReadonlyMap<string, { hash: Buffer; position: number }>,
  taken: ReadonlyMap<string, Buffer>,
  state: Streams,
): { refused: AppError } | { verdict: Verdict; rows: Row[] } {
  const { events, hashes, zones, actor } = w;
  const ids = sortByEventId(w, seen, taken);
  const { decided, refused, commit } = decideEvents(events, ids.fresh, zones, state);
  const refusals = [...ids.refusals];
  for (const { index, eventId, refusal: r } of refused)
    refusals.push({ status: r.status, index, eventId, code: r.code, reason: r.message });
  if (refusals.length > 0) return { refused: refusalError(refusals) };
  commit();
  const rows = decided.map(({ index, streamId, version }): Row => ({
    e: events[index],
    hash: hashes[index],
    streamId,
    version,
    actor,
  }));
  const positionsOf = [...ids.positionsOf, ...rows.map((r) => idKey(r.e))];
  const { duplicates, lastPosition } = ids;
  return { verdict: { accepted: rows.length, duplicates, lastPosition, positionsOf }, rows };
}

/**
 * Each event of a batch by its eventId: new (`fresh`, to be decided), a duplicate of an event
 * stored, accepted earlier in the group or earlier in the batch (same content: counted, with the
 * position it has or will have), or a conflict (the id already names other content).
 */
function sortByEventId(
  { events, hashes }: Waiting,
  seen: ReadonlyMap<string, { hash: Buffer; position: number }>,
  taken: ReadonlyMap<string, Buffer>,
) {
  const refusals: Refusal[] = [];
  const firstIndex = new Map<string, number>();
  let duplicates = 0;
  let lastPosition = 0;
  const positionsOf: string[] = [];
  const fresh: number[] = [];
  events.forEach((e, i) => {
    const key = idKey(e);
    const prior = seen.get(key);
    const earlier = taken.get(key);
    const inBatch = firstIndex.get(key);
    const sameAs = prior?.hash ?? earlier ?? (inBatch !== undefined ? hashes[inBatch] : undefined);
    if (sameAs === undefined) {
      firstIndex.set(key, i);
      fresh.push(i);
    } else if (sameAs.equals(hashes[i])) {
      duplicates++;
      if (prior) lastPosition = Math.max(lastPosition, prior.position);
      else if (earlier) positionsOf.push(key);
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
  return { fresh, refusals, duplicates, lastPosition, positionsOf };
}

/**
 * The streams of the events a batch's voids name, looked up by (org, eventId) so that a void
 * never reaches another org's event: a void is stored in the stream of the event it voids.
 * Added to the group's stream ids (UNION: each stream read once).
 */
function voidedStreams(events: NewEvent[]): string {
  const voids = events.filter((e) => e.type === 'EventVoided');
  if (voids.length === 0) return '';
  const orgs = voids.map((e) => escapeLiteral(e.orgId)).join(',');
  const ids = voids
    .map((e) => escapeLiteral((e.data as { voidedEventId: string }).voidedEventId.toLowerCase()))
    .join(',');
  return `
              UNION SELECT t.stream_id FROM unnest(ARRAY[${orgs}]::text[], ARRAY[${ids}]::uuid[]) AS v(org_id, event_id)
                     CROSS JOIN LATERAL (SELECT stream_id FROM events
                                          WHERE org_id = v.org_id AND event_id = v.event_id OFFSET 0) t`;
}

/**
 * Sent with BEGIN in one round trip. Locks the group's orgs in a fixed order before this
 * transaction gets its id: within an org, transaction-id order is then commit order, which the
 * projector's xid ordering relies on. Then, each statement with a snapshot taken after the
 * locks: the stored events with the group's (org, eventId) keys, and every event of the
 * group's streams.
 *
 * Both reads are one index probe per key, whatever the statistics say: the planner, told
 * nothing of a log loaded in bulk (or never analyzed), guessed that a handful of stream ids
 * match a share of the whole table and scanned all of it, once per append (docs/performance.md).
 * OFFSET 0 keeps each lateral subquery a subquery, so the join stays a nested loop of probes.
 */
export function appendOpening(events: NewEvent[], senders: string[] = []): string {
  const list = (values: Iterable<string>, type: string) =>
    `ARRAY[${[...values].map(escapeLiteral).join(',')}]::${type}[]`;
  const keys = [...new Map(events.map((e) => [idKey(e), e])).values()];
  return `SELECT pg_advisory_xact_lock(${ORG_LOCK}, hashtext(o))
            FROM unnest(${list([...new Set(events.map((e) => e.orgId))].sort(), 'text')}) AS o;
          SELECT k.o || '/' || e.event_id::text AS id, e.content_hash AS hash, e.position
            FROM unnest(${list(
              keys.map((e) => e.orgId),
              'text',
            )}, ${list(
              keys.map((e) => e.eventId),
              'uuid',
            )}) AS k(o, id)
           CROSS JOIN LATERAL (SELECT event_id, content_hash, position FROM events
                                WHERE org_id = k.o AND event_id = k.id OFFSET 0) e;
          SELECT e.* FROM (SELECT unnest(${list(new Set(events.map(streamIdOf)), 'text')})${voidedStreams(events)}) AS k(s)
           CROSS JOIN LATERAL (SELECT stream_id, stream_version, ${STORED_EVENT_COLUMNS} FROM events
                                WHERE stream_id = k.s OFFSET 0) e
           ORDER BY e.stream_id, e.stream_version${lapsedSenders(senders)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The group's senders whose tokens have been revoked or have expired by now (the database's
 * clock), after the org locks like the reads. The API may let a submission's token through from
 * its memory of an earlier lookup (AccessService): this is the check that counts, in the same
 * round trip as the locks, so a token revoked through any process stores nothing from the next
 * request on. The admin and the service itself have no token row.
 */
function lapsedSenders(senders: string[]): string {
  const ids = [...new Set(senders.filter((s) => UUID.test(s)))];
  if (ids.length === 0) return '';
  return `;
          SELECT token_id::text AS "tokenId", label, ${iso('revoked_at')} AS "revokedAt",
                 ${iso('expires_at')} AS "expiresAt", expires_at IS NOT NULL AND expires_at <= now() AS expired
            FROM tokens
           WHERE token_id = ANY(ARRAY[${ids.map(escapeLiteral).join(',')}]::uuid[])
             AND (revoked_at IS NOT NULL OR expires_at <= now())`;
}

/** The group's rows, one JSON parameter; returns each stored event's key and position. */
export const APPEND_INSERT = `INSERT INTO events (partition, event_id, stream_id, stream_version, org_id, type,
                                 occurred_at, occurred_at_text, content_hash, data, actor)
             SELECT p, id, s, v, o, t, at, att, decode(h, 'hex'), d, a
               FROM jsonb_to_recordset($1::jsonb)
                 AS x(p int2, id uuid, s text, v int4, o text, t text, at timestamptz, att text, h text, d jsonb, a jsonb)
             RETURNING org_id || '/' || event_id::text AS id, position`;

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

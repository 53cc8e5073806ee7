import { Pool } from 'pg';
import { Entity, EventDataMap, NARRATIVE_SECTIONS } from '@app/domain';
import { Org, ReviewStepRow, reviewRowsOf, townDueOf } from '@app/event-store';
import { YearCells } from '@app/report';
import { PROJECTION } from './projector';

export type Scope = 'self' | 'rollup';
export type ProjectionStatus = {
  headPosition: number;
  projections: {
    name: string;
    position: number;
    lagEvents: number;
    /** Events set aside because they cannot be applied: they count in no report. */
    parked: number;
    partitions: PartitionStatus[];
  }[];
  parkedEvents: ParkedEvent[];
};
/** A stored event the projector could not apply, with its error (see Projector, parking.ts). */
export type ParkedEvent = {
  position: number;
  orgId: string;
  eventId: string;
  type: string;
  error: string;
  parkedAt: string;
};
/** Parked events listed at most (the count is always whole): a list an operator can read. */
export const PARKED_LISTED = 100;
const PARKED_COLUMNS = `position, org_id AS "orgId", event_id AS "eventId", type, error,
  to_char(parked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "parkedAt"`;
/** The latest ReportPublished of one of the org's years, as stored. */
export type PublishedRow = { position: number; publishedAt: string; data: EventDataMap['ReportPublished'] };
export type ReportInputs = {
  cells: Map<number, YearCells>;
  narratives: Entity[];
  /** The low-water mark of every partition asked for. */
  position: number;
  /** Each partition's own low-water mark (partitions without a checkpoint are absent). */
  positions: Map<number, number>;
  head: number;
  /** The org as registered, null if it is not: the caller checks access with it. */
  org: Org | null;
  /** Scope rollup: the ids of the org and of every org below it. Scope self: empty. */
  members: string[];
  /** Scope self: the latest ReportPublished of the year and of the year before, where there is one. */
  published: PublishedRow[];
  /**
   * Scope self: every event of the year's review and publication streams, in store order (rows
   * for the event store's stepOf); read here so that a town report is one statement.
   */
  reviewRows: ReviewStepRow[];
  /** Scope self: the town due date ("MM-DD") its county set, or null. */
  townDue: string | null;
};
export type PartitionStatus = {
  partition: number;
  position: number;
  lagEvents: number;
  eventsApplied: number;
};

/**
 * The first position not yet applied in checkpoint c's partition (at or below `upTo`, a query
 * parameter, when given). OFFSET 0 keeps the scan on events_partition_tx: a bare min(position)
 * is answered by walking the primary key from position 1 past every applied event (a second
 * per partition at 10^6 events) instead of reading the partition's few unapplied ones.
 */
const firstUnappliedOf = (upTo?: string) => `(SELECT min(u.position) FROM (
    SELECT e.position FROM events e
     WHERE e.partition = c.partition AND (e.transaction_id, e.position) > (c.last_tx, c.last_position)
       ${upTo ? `AND e.position <= ${upTo}` : ''}
    OFFSET 0) u)`;

/**
 * The low-water mark of some partitions from their own marks: every event at or below it in them
 * is applied. With no checkpoint among them, the head (nothing is waiting).
 */
export function lowWater(
  read: { positions: ReadonlyMap<number, number>; head: number },
  partitions: Iterable<number>,
): number {
  let out = read.head;
  for (const p of partitions) {
    const at = read.positions.get(p);
    if (at !== undefined && at < out) out = at;
  }
  return out;
}

// reportInputs, one statement per scope: $1 org, $2 year, $3 projection, $4 partitions; self:
// $5 and $6 the publication streams of the year before and of the year; then the year's
// narrative keys. Every parameter is a scalar but the partitions, so the plan PostgreSQL keeps
// for the named statement is the one it would make for the values: the estimate of a
// `= ANY($n)` list of unknown length would make it plan every execution anew. Narratives by key,
// not by LIKE: a LIKE prefix cannot use the index under every collation, and every other entity
// of the org (each application) would be read.
const ORG = `(SELECT json_build_object('orgId', org_id, 'name', name, 'kind', kind, 'parentId', parent_id,
                                    'timeZone', time_zone, 'path', path) FROM orgs WHERE org_id = $1) AS org`;
const MEMBERS = `(SELECT json_agg(org_id) FROM orgs WHERE path @> ARRAY[$1::text]) AS members`;
/** {"2024": {cell: value, …}, …}: JSON.parse builds the YearCells, no loop over rows in Node. */
const CELLS = (scope: Scope) => `(SELECT json_object_agg(year, cells) FROM (
    SELECT year, json_object_agg(cell, value) AS cells FROM rm_cells
     WHERE org_id = $1 AND scope = '${scope}' AND year <= $2 GROUP BY year) y) AS cells`;
const NARRATIVES = (from: number) => `(SELECT json_agg(state) FROM rm_entities
    WHERE org_id = $1 AND entity_key IN (${NARRATIVE_SECTIONS.map((_, i) => `$${from + i}`).join(', ')})
      AND kind = 'narrative') AS narratives`;
const MARKS = `(SELECT json_agg(json_build_array(c.partition, ${firstUnappliedOf()})) FROM projection_checkpoints c
    WHERE c.projection = $3 AND c.partition = ANY($4::int2[])) AS firsts,
  (SELECT coalesce(max(position), 0) FROM events) AS head`;
const LATEST = (stream: string) => `(SELECT position, occurred_at_text AS "publishedAt", data FROM events
    WHERE stream_id = ${stream} ORDER BY stream_version DESC LIMIT 1)`;
/** The review steps of the year: both streams, one index probe each, as ReviewStepsRepository reads them. */
const REVIEW_ROWS = (review: string, published: string) => `(SELECT json_agg(s ORDER BY s.position)
    FROM (${reviewRowsOf(`(VALUES (${review}::text), (${published}::text))`)}) s) AS "reviewRows"`;
const REPORT_INPUTS: Record<Scope, string> = {
  self: `SELECT ${ORG}, ${CELLS('self')}, ${NARRATIVES(7)}, ${MARKS},
    (SELECT json_agg(p) FROM (${LATEST('$5')} UNION ALL ${LATEST('$6')}) p) AS published,
    ${REVIEW_ROWS(`$${7 + NARRATIVE_SECTIONS.length}`, '$6')}, ${townDueOf('$1')} AS "townDue"`,
  rollup: `SELECT ${ORG}, ${MEMBERS}, ${CELLS('rollup')}, ${NARRATIVES(5)}, ${MARKS}`,
};

/** The query side's reads: one query a method, the SQL visible. */
export class ReadModelsRepository {
  constructor(private readonly db: Pool) {}

  /** Every year's flow cells up to and including `year` (balances are sums over them). */
  async cells(orgId: string, scope: Scope, year: number): Promise<Map<number, YearCells>> {
    const r = await this.db.query(
      `SELECT year, cell, value FROM rm_cells WHERE org_id = $1 AND scope = $2 AND year <= $3`,
      [orgId, scope, year],
    );
    const out = new Map<number, YearCells>();
    for (const row of r.rows) {
      let yc = out.get(row.year);
      if (!yc) out.set(row.year, (yc = {}));
      yc[row.cell] = row.value;
    }
    return out;
  }

  async entitiesByPrefix(orgId: string, prefix: string): Promise<Map<string, Entity>> {
    const r = await this.db.query(
      `SELECT entity_key, state FROM rm_entities WHERE org_id = $1 AND entity_key LIKE $2`,
      [orgId, prefix.replace(/[%_\\]/g, '\\$&') + '%'],
    );
    return new Map(r.rows.map((x) => [x.entity_key, x.state]));
  }

  async openEntities(
    orgIds: string[],
    kind: string,
  ): Promise<{ orgId: string; key: string; state: Entity }[]> {
    const r = await this.db.query(
      `SELECT org_id AS "orgId", entity_key AS key, state FROM rm_entities
        WHERE org_id = ANY($1::text[]) AND kind = $2 AND open`,
      [orgIds, kind],
    );
    return r.rows;
  }

  /**
   * Per partition: events committed beyond the checkpoint (lag) and the low-water mark, the
   * highest position at or below which every committed event has been applied.
   */
  async status(partitions?: number[]): Promise<ProjectionStatus> {
    const r = await this.db.query(
      `SELECT c.partition, c.events_applied AS "eventsApplied", lag.n AS "lagEvents", lag.first AS "firstUnapplied",
              (SELECT coalesce(max(position), 0) FROM events) AS head
         FROM projection_checkpoints c
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS n, min(e.position) AS first FROM events e
            WHERE e.partition = c.partition AND (e.transaction_id, e.position) > (c.last_tx, c.last_position)
         ) lag
        WHERE c.projection = $1 AND ($2::int2[] IS NULL OR c.partition = ANY($2::int2[]))
        ORDER BY c.partition`,
      [PROJECTION, partitions ?? null],
    );
    const head = r.rows[0]?.head ?? (await this.head());
    const parked = await this.db.query(
      `SELECT (SELECT count(*)::int FROM projection_parked WHERE projection = $1) AS n,
              (SELECT coalesce(json_agg(p ORDER BY p.position), '[]') FROM (
                 SELECT ${PARKED_COLUMNS} FROM projection_parked WHERE projection = $1
                  ORDER BY position LIMIT ${PARKED_LISTED}) p) AS list`,
      [PROJECTION],
    );
    const parts: PartitionStatus[] = r.rows.map((x) => ({
      partition: x.partition,
      position: x.firstUnapplied === null ? head : Number(x.firstUnapplied) - 1,
      lagEvents: x.lagEvents,
      eventsApplied: x.eventsApplied,
    }));
    return {
      headPosition: head,
      projections: [
        {
          name: PROJECTION,
          position: parts.length ? Math.min(...parts.map((p) => p.position)) : head,
          lagEvents: parts.reduce((a, p) => a + p.lagEvents, 0),
          parked: parked.rows[0].n,
          partitions: parts,
        },
      ],
      parkedEvents: parked.rows[0].list,
    };
  }

  /** The parked events of some orgs (a county's subtree on its dashboard), at most PARKED_LISTED. */
  async parkedOf(orgIds: string[]): Promise<ParkedEvent[]> {
    const r = await this.db.query(
      `SELECT ${PARKED_COLUMNS} FROM projection_parked
        WHERE projection = $1 AND org_id = ANY($2::text[]) ORDER BY position LIMIT ${PARKED_LISTED}`,
      [PROJECTION, orgIds],
    );
    return r.rows;
  }

  async head(): Promise<number> {
    const r = await this.db.query(`SELECT coalesce(max(position), 0) AS head FROM events`);
    return r.rows[0].head;
  }

  /**
   * Per partition, the first position not yet applied among those at or below `upTo`; a
   * partition with none is absent (ProgressWatch asks this for every waiting report at once).
   */
  async firstUnapplied(partitions: number[], upTo: number): Promise<Map<number, number>> {
    const r = await this.db.query(
      `SELECT c.partition, ${firstUnappliedOf('$3')} AS first
         FROM projection_checkpoints c
        WHERE c.projection = $1 AND c.partition = ANY($2::int2[])`,
      [PROJECTION, partitions, upTo],
    );
    return new Map(r.rows.filter((x) => x.first !== null).map((x) => [x.partition, x.first]));
  }

  /**
   * What a report reads, as one statement (one snapshot, one round trip): the org itself (and
   * for a rollup the ids of its subtree), the flow cells up to `year`, the narratives of the
   * year, each partition's low-water mark (status().projections[0].partitions[].position, without
   * counting the lag) and, for scope self, the latest publication record of the year and of the
   * year before. A named statement: each pool connection parses and plans it once.
   */
  async reportInputs(orgId: string, scope: Scope, year: number, partitions: number[]): Promise<ReportInputs> {
    const published = scope === 'self' ? [year - 1, year].map((y) => `${orgId}/report:${y}:published`) : [];
    const narratives = NARRATIVE_SECTIONS.map((s) => `narr:${year}:${s}`);
    const review = scope === 'self' ? [`${orgId}/report:${year}:review`] : [];
    const r = await this.db.query({
      name: `report-inputs-${scope}`,
      text: REPORT_INPUTS[scope],
      values: [orgId, year, PROJECTION, partitions, ...published, ...narratives, ...review],
    });
    const row = r.rows[0];
    const cells = new Map<number, YearCells>();
    const byYear: Record<string, YearCells> = row.cells ?? {};
    for (const y in byYear) cells.set(Number(y), byYear[y]);
    const head: number = row.head;
    const positions = new Map<number, number>();
    for (const [p, first] of (row.firsts ?? []) as [number, number | null][])
      positions.set(p, first === null ? head : first - 1);
    return {
      cells,
      narratives: row.narratives ?? [],
      position: lowWater({ positions, head }, partitions),
      positions,
      head,
      org: row.org,
      members: row.members ?? [],
      published: row.published ?? [],
      reviewRows: row.reviewRows ?? [],
      townDue: row.townDue ?? null,
    };
  }

  /** True once no committed event at or below `position` waits in these partitions. */
  async reached(partitions: number[], position: number): Promise<boolean> {
    return (await this.firstUnapplied(partitions, position)).size === 0;
  }
}

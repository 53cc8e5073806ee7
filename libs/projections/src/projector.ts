import { Pool, PoolClient } from 'pg';
import { OrgFold, YearCells } from '@app/report';
import { inTransaction } from '@app/event-store/db';
import { OrgDirectory, OrgInfo } from './org-directory';
import {
  KEPT_KINDS,
  PROJECTED_EVENTS,
  ProjectedEvent,
  ProjectedRow,
  entityRow,
  isKept,
  statesBefore,
  toProjectedEvent,
} from './stream-states';
import { applyVoid, voidedStreams } from './voids';

export const PROJECTION = 'reports';
/** Advisory-lock class for "one projector per partition at a time". */
const PARTITION_LOCK = 7302;

type Checkpoint = { tx: string; position: number };
/** Where a batch leaves its partition: [partition, last xid, last position, events applied]. */
type CheckpointMove = [number, string, number, number];

/**
 * Folds stored events into the read models, one partition (a hash of org_id) at a time.
 * Each batch is one transaction: read models and checkpoint commit together, so a batch is
 * applied exactly once however often it is attempted or wherever it is interrupted.
 */
export class Projector {
  constructor(
    private readonly db: Pool,
    private readonly orgs: OrgDirectory,
    private readonly batchSize: number,
    private readonly opts: { batchDelayMs?: number; readChunk?: number } = {},
  ) {}

  async ensureCheckpoints(partitions: number): Promise<void> {
    await this.db.query(
      `INSERT INTO projection_checkpoints (projection, partition)
       SELECT $1, p FROM generate_series(0, $2 - 1) AS p ON CONFLICT DO NOTHING`,
      [PROJECTION, partitions],
    );
  }

  /**
   * Applies batches until the partition has nothing committed left to apply, or until `stop()`
   * says so between two batches (a graceful shutdown finishes the batch it is in, not the backlog).
   */
  async drain(partition: number, stop: () => boolean = () => false): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.runBatch(partition);
      total += n;
      if (n < this.batchSize || stop()) return total;
    }
  }

  /** One batch; returns how many events it applied (0 when caught up). */
  async runBatch(partition: number): Promise<number> {
    if (!Number.isInteger(partition)) throw new Error(`partition must be a whole number, got ${partition}`);
    // Sent with BEGIN in one round trip. The lock blocks while another worker owns the partition;
    // an advisory lock assigns no transaction id, so this projector does not hold back the xmin
    // horizon while it reads. The checkpoint is read by a statement of its own, after the lock.
    // The commit does not wait for its WAL flush: read models are disposable, and a crash can only
    // lose whole batches, checkpoint included, which the projector then applies again. Every batch
    // writes the county's rollup rows, so the flush wait was a lock every partition queued behind.
    // Without bitmap scans the read below walks events_partition_tx in order and stops at the
    // batch size; with them (chosen on stale statistics, as after a bulk load) it fetched and
    // sorted the whole rest of the partition for every batch, quadratic over a rebuild.
    const opening = `SET LOCAL synchronous_commit = off;
      SET LOCAL enable_bitmapscan = off;
      SELECT pg_advisory_xact_lock(${PARTITION_LOCK}, ${partition});
      SELECT last_tx::text AS tx, last_position AS position FROM projection_checkpoints
       WHERE projection = '${PROJECTION}' AND partition = ${partition}`;
    return inTransaction(
      this.db,
      async (c, [, , , checkpoint]) => {
        const cp: Checkpoint | undefined = checkpoint.rows[0];
        if (!cp) throw new Error(`no checkpoint row for partition ${partition}; run ensureCheckpoints`);
        // The batch is read in chunks, each folded before the next is read: memory holds one
        // chunk of rows and the batch's running totals, however large the batch.
        const batch = new BatchFold(this.orgs, c);
        let after = cp;
        let applied = 0;
        while (applied < this.batchSize) {
          const want = Math.min(this.opts.readChunk ?? READ_CHUNK, this.batchSize - applied);
          const rows = await this.readAfter(c, partition, after, want);
          if (rows.length === 0) break;
          await batch.add(rows);
          applied += rows.length;
          const last = rows[rows.length - 1];
          after = { tx: last[0], position: last[1] };
          if (rows.length < want) break;
        }
        if (applied === 0) return 0;
        await this.write(c, batch, [partition, after.tx, after.position, applied]);
        if (this.opts.batchDelayMs)
          await c.query(`SELECT pg_sleep($1::float8 / 1000)`, [this.opts.batchDelayMs]);
        return applied;
      },
      opening,
    );
  }

  /**
   * Only transactions below the snapshot's xmin: every one of them has finished, so no event
   * can still appear behind the checkpoint (the gap problem). Ordered by (xid, position): within
   * an org, xid order is commit order because writers of one org are serialized. A later chunk
   * of the batch takes a later snapshot, whose horizon is the same or further on: whatever it
   * adds lies after every event read before it.
   *
   * The rows come back as one JSON array: node-postgres builds a message, an array and a string
   * per column for every row it parses (about half of the projector's CPU per event), where
   * JSON.parse of the aggregate builds only the values.
   */
  private async readAfter(c: PoolClient, partition: number, after: Checkpoint, limit: number) {
    const r = await c.query({
      text: `SELECT ${PROJECTED_EVENTS}
               FROM (SELECT * FROM events
                      WHERE partition = $1
                        AND (transaction_id, position) > ($2::xid8, $3::bigint)
                        AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
                      ORDER BY transaction_id, position
                      LIMIT $4) e`,
      values: [partition, after.tx, after.position, limit],
      rowMode: 'array',
    });
    const json: string | null = r.rows[0][0];
    return json === null ? [] : (JSON.parse(json) as ProjectedRow[]);
  }

  /**
   * The batch's states, cell deltas and checkpoint in one statement, each table's rows as one
   * JSON parameter. Cells go in key order, so two partitions adding to one county's rollup lock
   * its rows in the same order: no deadlock.
   */
  private async write(
    c: PoolClient,
    batch: BatchFold,
    [partition, tx, position, applied]: CheckpointMove,
  ): Promise<void> {
    const { states, cells } = batch.rows();
    await c.query(
      `WITH states AS (
         INSERT INTO rm_entities (org_id, entity_key, kind, open, state)
         SELECT s->>0, s->>1, s->>2, (s->>3)::bool, s->4 FROM jsonb_array_elements($1::jsonb) AS s
         ON CONFLICT (org_id, entity_key)
         DO UPDATE SET kind = EXCLUDED.kind, open = EXCLUDED.open, state = EXCLUDED.state
       ), cells AS (
         INSERT INTO rm_cells (org_id, scope, year, cell, value)
         SELECT c->>0, c->>1, (c->>2)::int4, c->>3, (c->>4)::int8 FROM jsonb_array_elements($2::jsonb) AS c
         ON CONFLICT (org_id, scope, year, cell) DO UPDATE SET value = rm_cells.value + EXCLUDED.value
       )
       UPDATE projection_checkpoints
          SET last_tx = $5::xid8, last_position = $6, events_applied = events_applied + $7, updated_at = now()
        WHERE projection = $3 AND partition = $4`,
      [JSON.stringify(states), JSON.stringify(cells), PROJECTION, partition, tx, position, applied],
    );
  }

  /** Drops every read model and replays from position 0 (guarantee 5: rebuild equals incremental). */
  async rebuild(partitions: number, stop: () => boolean = () => false): Promise<number> {
    await inTransaction(this.db, async (c) => {
      for (let p = 0; p < partitions; p++)
        await c.query(`SELECT pg_advisory_xact_lock(${PARTITION_LOCK}, $1)`, [p]);
      await c.query(`TRUNCATE rm_cells, rm_entities`);
      await c.query(
        `UPDATE projection_checkpoints SET last_tx = '0', last_position = 0, events_applied = 0, updated_at = now()
          WHERE projection = $1`,
        [PROJECTION],
      );
    });
    let total = 0;
    for (let p = 0; p < partitions && !stop(); p++) total += await this.drain(p, stop);
    return total;
  }
}

/** Rows read per statement within a batch: a batch of any size holds at most this many in memory. */
export const READ_CHUNK = 2000;

/** An org's part of a batch; `passing` lists the streams of the chunk whose kind is not kept. */
type OrgBatch = { info: OrgInfo; fold: OrgFold; passing: string[] };

/**
 * One batch folded chunk by chunk: per org, the pure fold (OrgFold) over the states of the streams
 * the batch touches, with the cells it adds. States nothing outside the projector reads are let go
 * after each chunk; a later event of such a stream folds it again from the log (statesBefore).
 */
class BatchFold {
  private readonly byOrg = new Map<string, OrgBatch>();
  /** "{orgId}/{entityKey}" of the streams with a row in rm_entities. */
  private readonly kept = new Set<string>();

  constructor(
    private readonly orgs: OrgDirectory,
    private readonly c: PoolClient,
  ) {}

  async add(rows: ProjectedRow[]): Promise<void> {
    const events = rows.map(toProjectedEvent);
    const fresh = new Set<string>();
    let lastOrg = '';
    for (const e of events)
      if (e.orgId !== lastOrg && !this.byOrg.has((lastOrg = e.orgId))) fresh.add(e.orgId);
    if (fresh.size > 0)
      for (const info of (await this.orgs.get([...fresh], this.c)).values())
        this.byOrg.set(info.orgId, { info, fold: new OrgFold(info.timeZone), passing: [] });

    const voids = await voidedStreams(this.c, events);
    await this.loadContinued(events);

    let org: OrgBatch = this.byOrg.get(events[0].orgId)!;
    for (const e of events) {
      if (e.orgId !== org.info.orgId) org = this.byOrg.get(e.orgId)!;
      if (e.type === 'EventVoided') {
        if (await applyVoid(this.c, org.fold, e, voids.get(e.position)!, this.kept)) org.passing.push(e.key);
        continue;
      }
      if (!KEPT_KINDS.has(org.fold.apply(e, e.key).kind)) org.passing.push(e.key);
    }
    for (const [orgId, o] of this.byOrg) {
      for (const key of o.passing) {
        const entity = o.fold.entities.get(key);
        if (entity && !isKept(orgId, key, entity, this.kept)) o.fold.entities.delete(key);
      }
      o.passing.length = 0;
    }
  }

  /**
   * Streams whose first event in this chunk continues a state the batch does not hold: loaded
   * before the chunk is folded. Within a chunk a stream's first event has its lowest version
   * (rows come in (xid, position) order, and a stream's writers are serialized), so a stream
   * created in this chunk starts at version 1 and has nothing before it to load.
   */
  private async loadContinued(events: ProjectedEvent[]): Promise<void> {
    const seen = new Map<string, Set<string>>();
    const continued: { orgId: string; key: string; version: number }[] = [];
    for (const e of events) {
      let keys = seen.get(e.orgId);
      if (!keys) seen.set(e.orgId, (keys = new Set()));
      if (keys.has(e.key)) continue;
      keys.add(e.key);
      if (e.streamVersion > 1 && !this.byOrg.get(e.orgId)!.fold.entities.has(e.key))
        continued.push({ orgId: e.orgId, key: e.key, version: e.streamVersion });
    }
    if (continued.length === 0) return;
    const before = await statesBefore(this.c, continued, (orgId) => this.byOrg.get(orgId)!.info.timeZone);
    for (const [orgId, states] of before.states) {
      const fold = this.byOrg.get(orgId)!.fold;
      for (const [key, entity] of states) fold.entities.set(key, entity);
    }
    for (const stream of before.rows) this.kept.add(stream);
  }

  /**
   * What the batch writes: the states kept, and the cell deltas of each org (self) and of each org
   * on its path (rollup), in the order of (org, scope, year, cell).
   */
  rows(): { states: EntityRow[]; cells: CellRow[] } {
    const states: EntityRow[] = [];
    const rollups = new Map<string, Map<number, YearCells>>();
    for (const [orgId, { info, fold }] of this.byOrg) {
      for (const [key, entity] of fold.entities) states.push(entityRow(orgId, key, entity));
      fold.prune();
      for (const member of info.path) {
        let byYear = rollups.get(member);
        if (!byYear) rollups.set(member, (byYear = new Map()));
        for (const [year, yc] of fold.cells) {
          let sum = byYear.get(year);
          if (!sum) byYear.set(year, (sum = {}));
          for (const cell in yc) sum[cell] = (sum[cell] ?? 0) + yc[cell];
        }
      }
    }
    const cells: CellRow[] = [];
    const push = (orgId: string, scope: 'rollup' | 'self', byYear: ReadonlyMap<number, YearCells>) => {
      for (const year of [...byYear.keys()].sort((a, b) => a - b)) {
        const yc = byYear.get(year)!;
        for (const cell of Object.keys(yc).sort())
          if (yc[cell] !== 0) cells.push([orgId, scope, year, cell, yc[cell]]);
      }
    };
    for (const orgId of [...new Set([...rollups.keys(), ...this.byOrg.keys()])].sort()) {
      const rollup = rollups.get(orgId);
      if (rollup) push(orgId, 'rollup', rollup);
      const own = this.byOrg.get(orgId);
      if (own) push(orgId, 'self', own.fold.cells);
    }
    return { states, cells };
  }
}

type EntityRow = ReturnType<typeof entityRow>;
/** A row of rm_cells: [org_id, scope, year, cell, value]. */
type CellRow = [string, 'rollup' | 'self', number, string, number];

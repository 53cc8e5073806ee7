import { Pool, PoolClient } from 'pg';
import { Entity } from '@app/domain';
import { OrgLedger, foldEvents } from '@app/report';
import { STORED_EVENT_COLUMNS, inTransaction } from '@app/event-store';
import { OrgDirectory } from './org-directory';
import {
  StreamEvent,
  entityColumns,
  keyOf,
  statesBefore,
  statesToKeep,
  toStreamEvent,
} from './stream-states';

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
    private readonly opts: { batchDelayMs?: number } = {},
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
        const rows = await this.readAfter(c, partition, cp);
        if (rows.length === 0) return 0;
        const last = rows[rows.length - 1];
        await this.apply(c, rows.map(toStreamEvent), [partition, last.tx, last.position, rows.length]);
        if (this.opts.batchDelayMs)
          await c.query(`SELECT pg_sleep($1::float8 / 1000)`, [this.opts.batchDelayMs]);
        return rows.length;
      },
      opening,
    );
  }

  /**
   * Only transactions below the snapshot's xmin: every one of them has finished, so no event
   * can still appear behind the checkpoint (the gap problem). Ordered by (xid, position): within
   * an org, xid order is commit order because writers of one org are serialized.
   */
  private async readAfter(c: PoolClient, partition: number, cp: Checkpoint) {
    const r = await c.query(
      `SELECT transaction_id::text AS tx, stream_id, stream_version, ${STORED_EVENT_COLUMNS}
         FROM events
        WHERE partition = $1
          AND (transaction_id, position) > ($2::xid8, $3::bigint)
          AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
        ORDER BY transaction_id, position
        LIMIT $4`,
      [partition, cp.tx, cp.position, this.batchSize],
    );
    return r.rows;
  }

  private async apply(c: PoolClient, events: StreamEvent[], checkpoint: CheckpointMove): Promise<void> {
    const byOrg = new Map<string, StreamEvent[]>();
    for (const e of events) {
      const list = byOrg.get(e.orgId);
      if (list) list.push(e);
      else byOrg.set(e.orgId, [e]);
    }
    const orgs = await this.orgs.get([...byOrg.keys()], c);
    const before = await statesBefore(c, events, (orgId) => orgs.get(orgId)!.timeZone);
    const states: { orgId: string; key: string; entity: Entity }[] = [];
    const cells = new Map<string, number>();
    for (const [orgId, list] of byOrg) {
      const org = orgs.get(orgId)!;
      const ledger: OrgLedger = { entities: before.states.get(orgId) ?? new Map(), cells: new Map() };
      const after = foldEvents(ledger, list, org.timeZone);
      for (const key of new Set(list.map(keyOf)))
        states.push({ orgId, key, entity: after.entities.get(key)! });
      for (const [year, yc] of after.cells)
        for (const [cell, delta] of Object.entries(yc)) {
          if (delta === 0) continue;
          addTo(cells, `${orgId}\u0000self\u0000${year}\u0000${cell}`, delta);
          for (const ancestor of org.path)
            addTo(cells, `${ancestor}\u0000rollup\u0000${year}\u0000${cell}`, delta);
        }
    }
    await this.write(c, statesToKeep(states, before), cells, checkpoint);
  }

  /**
   * The batch's states, cell deltas and checkpoint in one statement. Cells go in key order, so
   * two partitions adding to one county's rollup lock its rows in the same order: no deadlock.
   */
  private async write(
    c: PoolClient,
    states: { orgId: string; key: string; entity: Entity }[],
    cells: Map<string, number>,
    [partition, tx, position, applied]: CheckpointMove,
  ): Promise<void> {
    const keys = [...cells.keys()].sort();
    const parts = keys.map((k) => k.split('\u0000'));
    await c.query(
      `WITH states AS (
         INSERT INTO rm_entities (org_id, entity_key, kind, open, state)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bool[], $5::jsonb[])
         ON CONFLICT (org_id, entity_key)
         DO UPDATE SET kind = EXCLUDED.kind, open = EXCLUDED.open, state = EXCLUDED.state
       ), cells AS (
         INSERT INTO rm_cells (org_id, scope, year, cell, value)
         SELECT * FROM unnest($6::text[], $7::text[], $8::int4[], $9::text[], $10::int8[])
         ON CONFLICT (org_id, scope, year, cell) DO UPDATE SET value = rm_cells.value + EXCLUDED.value
       )
       UPDATE projection_checkpoints
          SET last_tx = $13::xid8, last_position = $14, events_applied = events_applied + $15, updated_at = now()
        WHERE projection = $11 AND partition = $12`,
      [
        ...entityColumns(states),
        parts.map((p) => p[0]),
        parts.map((p) => p[1]),
        parts.map((p) => Number(p[2])),
        parts.map((p) => p[3]),
        keys.map((k) => cells.get(k)),
        PROJECTION,
        partition,
        tx,
        position,
        applied,
      ],
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

function addTo(m: Map<string, number>, k: string, v: number) {
  m.set(k, (m.get(k) ?? 0) + v);
}

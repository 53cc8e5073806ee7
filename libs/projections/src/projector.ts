import { Pool, PoolClient } from 'pg';
import { OrgsRepository, inTransaction } from '@app/event-store';
import { BatchFold } from './batch-fold';
import { PROJECTED_EVENTS, ProjectedRow } from './stream-states';
import { PROJECTION, applyOrPark, isParkable, parkEvent } from './parking';

export { PROJECTION };
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
    private readonly orgs: OrgsRepository,
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
   * `onBatch` hears of each batch (a long replay shows its progress with it).
   */
  async drain(
    partition: number,
    stop: () => boolean = () => false,
    onBatch?: (read: number) => void,
  ): Promise<number> {
    let total = 0;
    for (;;) {
      const { read, more } = await this.step(partition);
      total += read;
      onBatch?.(read);
      if (!more || stop()) return total;
    }
  }

  /** One batch; returns how many events it went through (0 when caught up). */
  async runBatch(partition: number): Promise<number> {
    return (await this.step(partition)).read;
  }

  /** One batch, or after a failure its careful replay; `more`: events may be waiting behind it. */
  private async step(partition: number): Promise<{ read: number; more: boolean }> {
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
    const attempt = <T>(careful: boolean) =>
      inTransaction<T>(
        this.db,
        async (c, [, , , checkpoint]) => {
          const cp: Checkpoint | undefined = checkpoint.rows[0];
          if (!cp) throw new Error(`no checkpoint row for partition ${partition}; run ensureCheckpoints`);
          return (careful ? this.carefulBatch(c, partition, cp) : this.batch(c, partition, cp)) as Promise<T>;
        },
        opening,
      );
    try {
      const read = await attempt<number>(false);
      return { read, more: read === this.batchSize };
    } catch (e) {
      // Retrying a batch that holds an event which cannot be applied would fail for ever and
      // stall every org of the partition: the same events are applied again, the culprit parked.
      if (!isParkable(e)) throw e;
    }
    // The failed batch is replayed in short transactions (one that writes holds back the xmin
    // horizon, and so every other partition's projector, for as long as it runs), then whole
    // batches go on: where in the batch the culprit lies is not known, so all of it is covered.
    const chunk = Math.min(CAREFUL_CHUNK, this.batchSize);
    let read = 0;
    for (;;) {
      const r = await attempt<number>(true);
      read += r;
      if (r < chunk) return { read, more: false };
      if (read >= this.batchSize) return { read, more: true };
    }
  }

  private async batch(c: PoolClient, partition: number, cp: Checkpoint): Promise<number> {
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
    await this.delay(c);
    return applied;
  }

  /**
   * The next CAREFUL_CHUNK events of a failed batch, applied by halves until the events that
   * cannot be applied stand alone and are parked (see applyOrPark). Slower, and only taken after
   * a batch failed for a reason its data gives. Returns the events read, parked ones included.
   */
  private async carefulBatch(c: PoolClient, partition: number, cp: Checkpoint): Promise<number> {
    const rows = await this.readAfter(c, partition, cp, Math.min(CAREFUL_CHUNK, this.batchSize));
    if (rows.length === 0) return 0;
    const apply = async (part: ProjectedRow[]) => {
      const fold = new BatchFold(this.orgs, c);
      await fold.add(part);
      await this.write(c, fold, null);
    };
    const applied = await applyOrPark(c, rows, apply, (row, e) => parkEvent(c, PROJECTION, row[1], e));
    const last = rows[rows.length - 1];
    await c.query(
      `UPDATE projection_checkpoints
          SET last_tx = $3::xid8, last_position = $4, events_applied = events_applied + $5, updated_at = now()
        WHERE projection = $1 AND partition = $2`,
      [PROJECTION, partition, last[0], last[1], applied],
    );
    await this.delay(c);
    return rows.length;
  }

  private async delay(c: PoolClient): Promise<void> {
    if (this.opts.batchDelayMs) await c.query(`SELECT pg_sleep($1::float8 / 1000)`, [this.opts.batchDelayMs]);
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
      text: READ_AFTER,
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
  private async write(c: PoolClient, batch: BatchFold, move: CheckpointMove | null): Promise<void> {
    const { states, cells } = batch.rows();
    if (!move) {
      await c.query(`WITH ${WRITE_MODELS} SELECT 1`, [JSON.stringify(states), JSON.stringify(cells)]);
      return;
    }
    const [partition, tx, position, applied] = move;
    await c.query(
      `WITH ${WRITE_MODELS}
       UPDATE projection_checkpoints
          SET last_tx = $5::xid8, last_position = $6, events_applied = events_applied + $7, updated_at = now()
        WHERE projection = $3 AND partition = $4`,
      [JSON.stringify(states), JSON.stringify(cells), PROJECTION, partition, tx, position, applied],
    );
  }

  /** Drops every read model and replays from position 0 (guarantee 5: rebuild equals incremental). */
  async rebuild(
    partitions: number,
    stop: () => boolean = () => false,
    onBatch?: (partition: number, read: number) => void,
  ): Promise<number> {
    await inTransaction(this.db, async (c) => {
      for (let p = 0; p < partitions; p++)
        await c.query(`SELECT pg_advisory_xact_lock(${PARTITION_LOCK}, $1)`, [p]);
      await c.query(`TRUNCATE rm_cells, rm_entities`);
      await c.query(`DELETE FROM projection_parked WHERE projection = $1`, [PROJECTION]);
      await c.query(
        `UPDATE projection_checkpoints SET last_tx = '0', last_position = 0, events_applied = 0, updated_at = now()
          WHERE projection = $1`,
        [PROJECTION],
      );
    });
    let total = 0;
    for (let p = 0; p < partitions && !stop(); p++)
      total += await this.drain(p, stop, (read) => onBatch?.(p, read));
    return total;
  }
}

/** The states and cell deltas of a batch, $1 and $2, as the CTEs `states` and `cells`. */
export const WRITE_MODELS = `states AS (
    INSERT INTO rm_entities (org_id, entity_key, kind, open, state)
    SELECT s->>0, s->>1, s->>2, (s->>3)::bool, s->4 FROM jsonb_array_elements($1::jsonb) AS s
    ON CONFLICT (org_id, entity_key)
    DO UPDATE SET kind = EXCLUDED.kind, open = EXCLUDED.open, state = EXCLUDED.state
  ), cells AS (
    INSERT INTO rm_cells (org_id, scope, year, cell, value)
    SELECT c->>0, c->>1, (c->>2)::int4, c->>3, (c->>4)::int8 FROM jsonb_array_elements($2::jsonb) AS c
    ON CONFLICT (org_id, scope, year, cell) DO UPDATE SET value = rm_cells.value + EXCLUDED.value
  )`;

/** The next events of a partition after ($2, $3) below the snapshot's xmin, at most $4 (see readAfter). */
export const READ_AFTER = `SELECT ${PROJECTED_EVENTS}
               FROM (SELECT * FROM events
                      WHERE partition = $1
                        AND (transaction_id, position) > ($2::xid8, $3::bigint)
                        AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
                      ORDER BY transaction_id, position
                      LIMIT $4) e`;

/**
 * Events per transaction of a careful replay: at about 5 ms an attempt and two attempts per parked
 * event, a transaction holds the xmin horizon a few seconds at most.
 */
const CAREFUL_CHUNK = 250;

/** Rows read per statement within a batch: a batch of any size holds at most this many in memory. */
export const READ_CHUNK = 2000;

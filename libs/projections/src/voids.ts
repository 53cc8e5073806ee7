import { PoolClient } from 'pg';
import { StoredEvent } from '@app/domain';
import { STORED_EVENT_COLUMNS, toStoredEvent } from '@app/event-store';
import { OrgFold, voidEffect } from '@app/report';
import { KEPT_KINDS, ProjectedEvent } from './stream-states';

// Voids in the projector (docs/architecture.md, "Voiding"). A void is stored in the stream of the
// event it voids, but names only that event: its stream and the events before it are read from
// the log, the stream is folded again without the voided events, and the difference of the two
// folds' cells is added. Voids are rare: a chunk without one costs no query here.

/** Per void of the chunk (by position): its stream's entity key and the stream's events before it. */
export type VoidedStreams = Map<number, { key: string; before: StoredEvent[] }>;

/** Reads the streams of the chunk's voids and gives each void its stream's entity key. */
export async function voidedStreams(c: PoolClient, events: ProjectedEvent[]): Promise<VoidedStreams> {
  const out: VoidedStreams = new Map();
  const voids = events.filter((e) => e.type === 'EventVoided');
  if (voids.length === 0) return out;
  const r = await c.query(
    `SELECT v.position AS void_position, v.stream_id AS sid, e.*
       FROM events v
       CROSS JOIN LATERAL (SELECT stream_version, ${STORED_EVENT_COLUMNS} FROM events
                            WHERE stream_id = v.stream_id AND stream_version < v.stream_version OFFSET 0) e
      WHERE v.position = ANY($1::int8[])
      ORDER BY v.position, e.stream_version`,
    [voids.map((v) => v.position)],
  );
  for (const row of r.rows) {
    const position = Number(row.void_position);
    const entry = out.get(position) ?? {
      key: row.sid.slice(row.sid.indexOf('/') + 1),
      before: [] as StoredEvent[],
    };
    out.set(position, entry);
    entry.before.push(toStoredEvent(row));
  }
  for (const v of voids) {
    const entry = out.get(v.position);
    if (!entry) throw new Error(`void at position ${v.position} has no event before it in its stream`);
    v.key = entry.key;
  }
  return out;
}

/**
 * Applies one void: the cell difference, and the stream's state folded again. The stream's row in
 * rm_entities goes (a fully voided application leaves the deadline list); the batch writes it
 * again if the refolded state is one that is kept. Returns whether that state is let go after
 * the chunk, as for any stream whose kind is not kept.
 */
export async function applyVoid(
  c: PoolClient,
  fold: OrgFold,
  v: ProjectedEvent,
  stream: { key: string; before: StoredEvent[] },
  keptRows: Set<string>,
): Promise<boolean> {
  const effect = voidEffect(stream.before, v, fold.zone);
  fold.addCells(effect.cells);
  await c.query(`DELETE FROM rm_entities WHERE org_id = $1 AND entity_key = $2`, [v.orgId, stream.key]);
  keptRows.delete(`${v.orgId}/${stream.key}`);
  if (!effect.entity) {
    fold.entities.delete(stream.key);
    return false;
  }
  fold.entities.set(stream.key, effect.entity);
  return !KEPT_KINDS.has(effect.entity.kind);
}

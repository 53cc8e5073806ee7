import { Pool } from 'pg';
import { NarrativeSection, ReportCut, StoredEvent } from '@app/domain';
import { STORED_EVENT_COLUMNS, partitionOf, toStoredEvent } from '@app/event-store';
import { YearCells } from '@app/report';
import { PROJECTION } from './projector';

export type ReportSnapshot = {
  cells: Map<number, YearCells>;
  narrative: Partial<Record<NarrativeSection, string>>;
  cut: ReportCut;
};

/**
 * A report frozen at a cut that stays the same set of events forever. The projector commits an
 * org's cells together with its partition's checkpoint, and reads only below the xmin horizon,
 * so one REPEATABLE READ snapshot of cells + checkpoint is exactly the fold of the org's events
 * at or below (last_tx, last_position): a later commit always sorts after it.
 */
export class ReportSnapshots {
  constructor(
    private readonly db: Pool,
    private readonly partitions: number,
  ) {}

  async take(orgId: string, year: number): Promise<ReportSnapshot> {
    const c = await this.db.connect();
    try {
      await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const cp = await c.query(
        `SELECT last_tx::text AS tx, last_position AS position FROM projection_checkpoints
          WHERE projection = $1 AND partition = $2`,
        [PROJECTION, partitionOf(orgId, this.partitions)],
      );
      const cells = await c.query(
        `SELECT year, cell, value FROM rm_cells WHERE org_id = $1 AND scope = 'self' AND year <= $2`,
        [orgId, year],
      );
      const narr = await c.query(
        `SELECT state FROM rm_entities WHERE org_id = $1 AND kind = 'narrative' AND entity_key LIKE $2`,
        [orgId, `narr:${year}:%`],
      );
      await c.query('COMMIT');
      const out = new Map<number, YearCells>();
      for (const r of cells.rows) (out.get(r.year) ?? out.set(r.year, {}).get(r.year)!)[r.cell] = r.value;
      const narrative: ReportSnapshot['narrative'] = {};
      for (const { state } of narr.rows) narrative[state.section as NarrativeSection] = state.text;
      return { cells: out, narrative, cut: cp.rows[0] ?? { tx: '0', position: 0 } };
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  }

  /** The org's events at or below a cut, in the projector's order: to re-fold a published report. */
  async eventsAt(orgId: string, cut: ReportCut): Promise<StoredEvent[]> {
    const r = await this.db.query(
      `SELECT ${STORED_EVENT_COLUMNS} FROM events
        WHERE partition = $1 AND org_id = $2 AND (transaction_id, position) <= ($3::xid8, $4::bigint)
        ORDER BY transaction_id, position`,
      [partitionOf(orgId, this.partitions), orgId, cut.tx, cut.position],
    );
    return r.rows.map(toStoredEvent);
  }
}

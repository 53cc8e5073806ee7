import { Pool } from 'pg';
import type { YearCells } from '@app/report';

export type SubtreeCells = {
  /** The root's own cells (scope self), by year. */
  rootSelf: Map<number, YearCells>;
  /** Rollup cells of the root and of every member, by orgId and year. */
  rollups: Map<string, Map<number, YearCells>>;
};

/** The dashboard's reads: one query for every member's cells, never one per member. */
export class DashboardRepository {
  constructor(private readonly db: Pool) {}

  /**
   * Flows up to and including `year` of the root and its members. Members' monthly cells are left
   * out (only the county's chart uses them). A report of year Y reads the flows of Y and Y−1 and
   * the sums before them, so every earlier year is added into Y−2 here, keeping each org's map
   * small however long its history.
   */
  async cells(rootId: string, memberIds: string[], year: number): Promise<SubtreeCells> {
    const r = await this.db.query(
      `SELECT org_id AS "orgId", scope, year, cell, value FROM rm_cells
        WHERE org_id = ANY($1::text[]) AND year <= $2 AND (scope = 'rollup' OR org_id = $3)
          AND (org_id = $3 OR (cell NOT LIKE 'app.received.m__' AND cell NOT LIKE 'app.concluded.m__'))`,
      [[rootId, ...memberIds], year, rootId],
    );
    const out: SubtreeCells = { rootSelf: new Map(), rollups: new Map() };
    for (const row of r.rows) {
      let byYear: Map<number, YearCells> | undefined;
      if (row.scope === 'self') byYear = out.rootSelf;
      else if (!(byYear = out.rollups.get(row.orgId))) out.rollups.set(row.orgId, (byYear = new Map()));
      const y = Math.max(row.year, year - 2);
      let yc = byYear.get(y);
      if (!yc) byYear.set(y, (yc = {}));
      yc[row.cell] = (yc[row.cell] ?? 0) + row.value;
    }
    return out;
  }

  /** The years in which anything happened below the root. */
  async years(rootId: string): Promise<number[]> {
    const r = await this.db.query(
      `SELECT DISTINCT year FROM rm_cells WHERE org_id = $1 AND scope = 'rollup' ORDER BY year`,
      [rootId],
    );
    return r.rows.map((x) => x.year);
  }
}

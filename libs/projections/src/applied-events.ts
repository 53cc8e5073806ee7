import type { ClientBase, Pool } from 'pg';

/** Events the projection has applied so far, summed over its partitions' checkpoints. */
export async function appliedEvents(db: Pool | ClientBase): Promise<number> {
  const r = await db.query(
    `SELECT coalesce(sum(events_applied), 0)::float8 AS n FROM projection_checkpoints WHERE projection = 'reports'`,
  );
  return r.rows[0].n;
}

/** Every (org, scope, year) the read models hold cells for, in that order. */
export async function projectedReportKeys(
  db: Pool | ClientBase,
): Promise<{ org_id: string; scope: 'self' | 'rollup'; year: number }[]> {
  return (await db.query(`SELECT DISTINCT org_id, scope, year FROM rm_cells ORDER BY 1, 2, 3`)).rows;
}

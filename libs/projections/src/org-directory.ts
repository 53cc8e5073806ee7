import { Pool, PoolClient } from 'pg';

export type OrgInfo = { orgId: string; timeZone: string; path: string[] };

/** Orgs never change once registered (a different body is a 409), so they are cached for good. */
export class OrgDirectory {
  private readonly cache = new Map<string, OrgInfo>();

  constructor(private readonly db: Pool) {}

  /**
   * The registered ones among `orgIds`. A caller inside a transaction passes its own client: a
   * second pool connection per transaction deadlocks once every connection is held by a caller
   * waiting for one more.
   */
  async find(orgIds: string[], on: Pool | PoolClient = this.db): Promise<Map<string, OrgInfo>> {
    const missing = orgIds.filter((id) => !this.cache.has(id));
    if (missing.length > 0) {
      const r = await on.query(
        `SELECT org_id AS "orgId", time_zone AS "timeZone", path FROM orgs WHERE org_id = ANY($1::text[])`,
        [missing],
      );
      for (const row of r.rows) this.cache.set(row.orgId, row);
    }
    const out = new Map<string, OrgInfo>();
    for (const id of orgIds) {
      const o = this.cache.get(id);
      if (o) out.set(id, o);
    }
    return out;
  }

  async get(orgIds: string[], on?: Pool | PoolClient): Promise<Map<string, OrgInfo>> {
    const out = await this.find(orgIds, on);
    for (const id of orgIds) if (!out.has(id)) throw new Error(`org ${id} has events but is not registered`);
    return out;
  }
}

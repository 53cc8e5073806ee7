import { createHash, randomBytes } from 'node:crypto';
import { Pool } from 'pg';

export type OrgKind = 'county' | 'town' | 'department';
export type Org = {
  orgId: string;
  name: string;
  kind: OrgKind;
  parentId: string | null;
  timeZone: string;
  /** Ancestors from the root down to the org itself. */
  path: string[];
};
export type Role = 'submitter' | 'reader';

const COLUMNS = `org_id AS "orgId", name, kind, parent_id AS "parentId", time_zone AS "timeZone", path`;

export const hashToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/** The org registry and access tokens. One query a method; the SQL is the documentation. */
export class OrgsRepository {
  constructor(private readonly db: Pool) {}

  async find(orgId: string): Promise<Org | null> {
    const r = await this.db.query(`SELECT ${COLUMNS} FROM orgs WHERE org_id = $1`, [orgId]);
    return r.rows[0] ?? null;
  }

  async findMany(orgIds: string[]): Promise<Org[]> {
    const r = await this.db.query(`SELECT ${COLUMNS} FROM orgs WHERE org_id = ANY($1::text[])`, [orgIds]);
    return r.rows;
  }

  async children(orgId: string): Promise<Org[]> {
    const r = await this.db.query(`SELECT ${COLUMNS} FROM orgs WHERE parent_id = $1 ORDER BY org_id`, [
      orgId,
    ]);
    return r.rows;
  }

  /** The org and every org below it. */
  async subtree(orgId: string): Promise<Org[]> {
    const r = await this.db.query(`SELECT ${COLUMNS} FROM orgs WHERE path @> ARRAY[$1::text] ORDER BY path`, [
      orgId,
    ]);
    return r.rows;
  }

  /** Inserts unless the id exists; returns the stored org and whether it was created. */
  async insert(o: Omit<Org, 'path'>, parentPath: string[]): Promise<{ org: Org; created: boolean }> {
    const r = await this.db.query(
      `INSERT INTO orgs (org_id, name, kind, parent_id, time_zone, path)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (org_id) DO NOTHING RETURNING ${COLUMNS}`,
      [o.orgId, o.name, o.kind, o.parentId, o.timeZone, [...parentPath, o.orgId]],
    );
    if (r.rows[0]) return { org: r.rows[0], created: true };
    return { org: (await this.find(o.orgId)) as Org, created: false };
  }

  async createToken(orgId: string, role: Role): Promise<string> {
    const token = `gk_${role[0]}_${randomBytes(32).toString('base64url')}`;
    await this.db.query(`INSERT INTO tokens (token_hash, org_id, role) VALUES ($1, $2, $3)`, [
      hashToken(token),
      orgId,
      role,
    ]);
    return token;
  }

  /** Looks a token up by its hash: the token itself is never stored or compared. */
  async findToken(token: string): Promise<{ orgId: string; role: Role; path: string[] } | null> {
    const r = await this.db.query(
      `SELECT t.org_id AS "orgId", t.role, o.path FROM tokens t JOIN orgs o USING (org_id) WHERE t.token_hash = $1`,
      [hashToken(token)],
    );
    return r.rows[0] ?? null;
  }
}

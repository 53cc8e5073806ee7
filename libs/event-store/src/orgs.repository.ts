import { createHash, randomBytes } from 'node:crypto';
import { Pool, PoolClient } from 'pg';

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
/** What the projector and the write path need of an org: its time zone and its place in the tree. */
export type OrgInfo = Pick<Org, 'orgId' | 'timeZone' | 'path'>;
export type Role = 'submitter' | 'reader' | 'reviewer';
export type TokenInfo = {
  tokenId: string;
  orgId: string;
  role: Role;
  label: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
};
export type FoundToken = {
  tokenId: string;
  orgId: string;
  role: Role;
  label: string;
  path: string[];
  expiresAt: string | null;
  revokedAt: string | null;
  expired: boolean;
};

const COLUMNS = `org_id AS "orgId", name, kind, parent_id AS "parentId", time_zone AS "timeZone", path`;

/** A timestamptz column as ISO 8601 text in UTC, to the millisecond. */
export const iso = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Why a stored token may not be used any more (revoked, or past its expiry), or null while it may. */
export function tokenLapse(
  t: Pick<FoundToken, 'label' | 'revokedAt' | 'expiresAt' | 'expired'>,
): string | null {
  if (t.revokedAt) return `This token ("${t.label}") was revoked at ${t.revokedAt}; ask for a new one.`;
  if (t.expired) return `This token ("${t.label}") expired at ${t.expiresAt}; ask for a new one.`;
  return null;
}
const TOKEN_COLUMNS = `token_id::text AS "tokenId", org_id AS "orgId", role, label, ${iso('created_at')} AS "createdAt",
  ${iso('expires_at')} AS "expiresAt", ${iso('revoked_at')} AS "revokedAt", ${iso('last_used_at')} AS "lastUsedAt"`;

export const hashToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/**
 * The org registry and access tokens: every statement on `orgs` and `tokens` is here. One query a
 * method; the SQL is the documentation. Orgs never change once registered (a different body is a
 * 409), so a registered org, once read, is served from memory for good; the lists (children,
 * subtree, counties) are read afresh, as new orgs join them.
 */
export class OrgsRepository {
  private readonly cache = new Map<string, Org>();

  constructor(private readonly db: Pool) {}

  async find(orgId: string): Promise<Org | null> {
    const hit = this.cache.get(orgId);
    if (hit) return hit;
    const r = await this.db.query(`SELECT ${COLUMNS} FROM orgs WHERE org_id = $1`, [orgId]);
    if (r.rows[0]) this.cache.set(orgId, r.rows[0]);
    return r.rows[0] ?? null;
  }

  /**
   * The registered ones among `orgIds`, in no particular order. A caller inside a transaction
   * passes its own client: a second pool connection per transaction deadlocks once every
   * connection is held by a caller waiting for one more.
   */
  async findMany(orgIds: string[], on: Pool | PoolClient = this.db): Promise<Org[]> {
    const missing = orgIds.filter((id) => !this.cache.has(id));
    if (missing.length > 0) {
      const r = await on.query(`SELECT ${COLUMNS} FROM orgs WHERE org_id = ANY($1::text[])`, [missing]);
      for (const row of r.rows) this.cache.set(row.orgId, row);
    }
    return [...new Set(orgIds)].flatMap((id) => this.cache.get(id) ?? []);
  }

  /** The registered ones among `orgIds`, by id. */
  async known(orgIds: string[], on?: Pool | PoolClient): Promise<Map<string, OrgInfo>> {
    return new Map((await this.findMany(orgIds, on)).map((o) => [o.orgId, o]));
  }

  /** Like `known`, but every one of `orgIds` must be registered. */
  async get(orgIds: string[], on?: Pool | PoolClient): Promise<Map<string, OrgInfo>> {
    const out = await this.known(orgIds, on);
    for (const id of orgIds) if (!out.has(id)) throw new Error(`org ${id} has events but is not registered`);
    return out;
  }

  /** Every org with its name and time zone, by id. */
  async all(): Promise<Pick<Org, 'orgId' | 'name' | 'timeZone'>[]> {
    const r = await this.db.query(
      `SELECT org_id AS "orgId", name, time_zone AS "timeZone" FROM orgs ORDER BY org_id`,
    );
    return r.rows;
  }

  /** Counties, the orgs a dashboard is for; the caller keeps the ones its token may read. */
  async counties(): Promise<Org[]> {
    const r = await this.db.query(
      `SELECT org_id AS "orgId", name, kind, parent_id AS "parentId", time_zone AS "timeZone", path
         FROM orgs WHERE kind = 'county' ORDER BY org_id`,
    );
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

  /** Stores only the token's hash; the token itself is shown once, to the caller. */
  async createToken(t: {
    orgId: string;
    role: Role;
    label: string;
    expiresAt: string | null;
  }): Promise<{ tokenId: string; token: string }> {
    const token = `gk_${t.role[0]}_${randomBytes(32).toString('base64url')}`;
    const r = await this.db.query(
      `INSERT INTO tokens (token_hash, org_id, role, label, expires_at) VALUES ($1, $2, $3, $4, $5)
       RETURNING token_id::text AS "tokenId"`,
      [hashToken(token), t.orgId, t.role, t.label, t.expiresAt],
    );
    return { tokenId: r.rows[0].tokenId, token };
  }

  /** An org's tokens, oldest first; never a secret (only hashes are stored). */
  async listTokens(orgId: string): Promise<TokenInfo[]> {
    const r = await this.db.query(
      `SELECT ${TOKEN_COLUMNS} FROM tokens WHERE org_id = $1 ORDER BY created_at, token_id`,
      [orgId],
    );
    return r.rows;
  }

  /** Revokes once: the first revocation time stands. Null when there is no such token. */
  async revokeToken(tokenId: string): Promise<TokenInfo | null> {
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(tokenId)) return null;
    const r = await this.db.query(
      `UPDATE tokens SET revoked_at = coalesce(revoked_at, now()) WHERE token_id = $1 RETURNING ${TOKEN_COLUMNS}`,
      [tokenId],
    );
    return r.rows[0] ?? null;
  }

  /**
   * Looks a token up by its hash (the token itself is never stored or compared), with whether it
   * is usable now by the database's clock, so that every API process agrees on a revocation.
   */
  async findToken(token: string): Promise<FoundToken | null> {
    const r = await this.db.query({
      name: 'gk-find-token',
      text: `SELECT t.token_id::text AS "tokenId", t.org_id AS "orgId", t.role, t.label, o.path,
                    ${iso('t.expires_at')} AS "expiresAt", ${iso('t.revoked_at')} AS "revokedAt",
                    t.expires_at IS NOT NULL AND t.expires_at <= now() AS expired
               FROM tokens t JOIN orgs o USING (org_id) WHERE t.token_hash = $1`,
      values: [hashToken(token)],
    });
    return r.rows[0] ?? null;
  }

  /** At most one write a minute per token, whatever the number of requests or API processes. */
  async touchToken(tokenId: string): Promise<void> {
    await this.db.query(
      `UPDATE tokens SET last_used_at = now()
        WHERE token_id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [tokenId],
    );
  }
}

import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { runMigrations } from '@app/event-store';

export type OwnDatabase = { name: string; url: string; drop(): Promise<void> };

/**
 * A database of its own on the PostgreSQL at `adminUrl`, named gk_<label>_<random>, migrated;
 * `drop()` removes it (connections and all). Work on it never touches anyone else's data.
 */
export async function createDatabase(
  adminUrl: string,
  label: string,
  applicationName = 'gongkai-harness',
): Promise<OwnDatabase> {
  const name = `gk_${label}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new Client({ connectionString: adminUrl, application_name: applicationName });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  await runMigrations(u.toString());
  return { name, url: u.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

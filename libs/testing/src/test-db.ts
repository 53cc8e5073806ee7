import { randomBytes } from 'node:crypto';
import { Client, Pool } from 'pg';
import { createPool, runMigrations } from '@app/event-store';

export const TEST_PG_URL = process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

export type TestDb = { name: string; url: string; pool: Pool; drop(): Promise<void> };

async function admin<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: TEST_PG_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh, migrated database of its own: tests never touch a running service's data. */
export async function createTestDb(label: string): Promise<TestDb> {
  const name = `gk_t_${label.replace(/[^a-z0-9]/g, '_')}_${randomBytes(4).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  const u = new URL(TEST_PG_URL);
  u.pathname = `/${name}`;
  const url = u.toString();
  await runMigrations(url);
  const pool = createPool(url, 10, 'gongkai-test');
  return {
    name,
    url,
    pool,
    drop: async () => {
      await pool.end().catch(() => undefined);
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** A BullMQ prefix of its own, so parallel tests share Redis without sharing queues. */
export const testQueuePrefix = (label: string) => `{gk-test-${label}-${randomBytes(3).toString('hex')}}`;

import { randomBytes } from 'node:crypto';
import { Pool } from 'pg';
import { createPool } from '@app/event-store';
import { createDatabase } from '@app/harness';

export const TEST_PG_URL = process.env.TEST_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

export type TestDb = { name: string; url: string; pool: Pool; drop(): Promise<void> };

/** A fresh, migrated database of its own: tests never touch a running service's data. */
export async function createTestDb(label: string): Promise<TestDb> {
  const db = await createDatabase(TEST_PG_URL, `t_${label.replace(/[^a-z0-9]/g, '_')}`, 'gongkai-test');
  const pool = createPool(db.url, 10, 'gongkai-test');
  return {
    name: db.name,
    url: db.url,
    pool,
    drop: async () => {
      await pool.end().catch(() => undefined);
      await db.drop();
    },
  };
}

/** A BullMQ prefix of its own, so parallel tests share Redis without sharing queues. */
export const testQueuePrefix = (label: string) => `{gk-test-${label}-${randomBytes(3).toString('hex')}}`;

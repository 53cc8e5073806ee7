import { Pool } from 'pg';
import { createPool } from '@app/event-store';
import { TestDb, createTestDb } from '@app/testing/test-db';
import { ReadSide } from './read-side';

// Routing alone, on the shared PostgreSQL: a second database stands in for a standby (each holds
// a marker naming itself), a closed port for a standby that is down. The real standby, its
// replay and minPosition are in test/e2e/read-standby.e2e.spec.ts.

const CLOSED = 'postgres://postgres@127.0.0.1:55479/none';
let primaryDb: TestDb;
let standbyDb: TestDb;
let pool: Pool;
const sides: ReadSide[] = [];

const marker = async () => (await pool.query(`SELECT name FROM marker`)).rows[0].name as string;
const side = (urls: string[]) => {
  const s = new ReadSide(pool, urls, 5_000);
  sides.push(s);
  return s;
};

beforeAll(async () => {
  primaryDb = await createTestDb('read_side_primary');
  standbyDb = await createTestDb('read_side_standby');
  for (const [db, name] of [
    [primaryDb, 'primary'],
    [standbyDb, 'standby'],
  ] as const)
    await db.pool.query(`CREATE TABLE marker (name text); INSERT INTO marker VALUES ('${name}')`);
});

beforeEach(() => {
  pool = createPool(primaryDb.url, 4, 'gongkai-test');
});

afterEach(async () => {
  await Promise.all(sides.splice(0).map((s) => s.close()));
  await pool.end();
});

afterAll(async () => {
  await primaryDb?.drop();
  await standbyDb?.drop();
});

it('sends the statements of a read to the standby and everything else to the primary', async () => {
  const reads = side([standbyDb.url]);
  expect(await reads.run(() => marker())).toBe('standby');
  expect(await marker()).toBe('primary');
  // A transaction (pool.connect) stays on the primary, also inside a read.
  expect(await reads.run(async () => {
    const c = await pool.connect();
    try {
      return (await c.query(`SELECT name FROM marker`)).rows[0].name;
    } finally {
      c.release();
    }
  })).toBe('primary'); // prettier-ignore
});

it('changes nothing without standbys', async () => {
  const reads = side([]);
  expect(await reads.run(() => marker())).toBe('primary');
  expect(await reads.status()).toEqual([]);
});

it('takes standbys in turn, passing over one that is down, and finishes a read on the primary', async () => {
  const reads = side([CLOSED, standbyDb.url]);
  // The first read meets the closed port: it is answered by the primary, and the standby set aside.
  expect(await reads.run(() => marker())).toBe('primary');
  for (let i = 0; i < 3; i++) expect(await reads.run(() => marker())).toBe('standby');
  const status = await reads.status();
  expect(status).toEqual([
    expect.objectContaining({ name: '127.0.0.1:55479/none', up: false }),
    expect.objectContaining({ name: expect.stringContaining(standbyDb.name), up: true }),
  ]);
  expect(JSON.stringify(status)).not.toContain('postgres@');
});

it('does not hide a statement that is wrong: its error is the answer, not a retry elsewhere', async () => {
  const reads = side([standbyDb.url]);
  await expect(reads.run(() => pool.query(`SELECT nothing FROM marker`))).rejects.toThrow(/nothing/);
  expect(await reads.run(() => marker())).toBe('standby');
});

it('with every standby down, reads the primary', async () => {
  const reads = side([CLOSED]);
  expect(await reads.run(() => marker())).toBe('primary');
  expect(await reads.run(() => marker())).toBe('primary');
  expect(await reads.status()).toEqual([expect.objectContaining({ up: false })]);
});

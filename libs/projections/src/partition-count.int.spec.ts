import { TestDb, createTestDb } from '@app/testing/test-db';
import { checkPartitionCount } from './partition-count';
import { Projector } from './projector';
import { OrgsRepository } from '@app/event-store';

let db: TestDb;
beforeEach(async () => (db = await createTestDb('partition_count')));
afterEach(() => db.drop());

const recorded = async () =>
  (await db.pool.query(`SELECT value FROM store_settings WHERE key = 'projection_partitions'`)).rows[0]
    ?.value;

describe('the partition count is recorded with the store', () => {
  it('is recorded at the first start, and a process with another count is refused in one line', async () => {
    await checkPartitionCount(db.pool, 16);
    expect(await recorded()).toBe('16');
    await expect(checkPartitionCount(db.pool, 16)).resolves.toBeUndefined();
    const refusal = checkPartitionCount(db.pool, 8);
    await expect(refusal).rejects.toThrow(
      'PROJECTION_PARTITIONS is 8 but this event store was created with 16: start every API and worker with PROJECTION_PARTITIONS=16',
    );
    await expect(refusal).rejects.toMatchObject({ name: 'ConfigError' });
    expect(await recorded()).toBe('16');
  });

  it('takes the count of a store from before it was recorded from its checkpoints', async () => {
    await new Projector(db.pool, new OrgsRepository(db.pool), 10).ensureCheckpoints(4);
    await expect(checkPartitionCount(db.pool, 16)).rejects.toThrow('created with 4');
    expect(await recorded()).toBe('4');
    await expect(checkPartitionCount(db.pool, 4)).resolves.toBeUndefined();
  });

  it('agrees with itself when many processes start at once', async () => {
    await Promise.all(Array.from({ length: 6 }, () => checkPartitionCount(db.pool, 3)));
    expect(await recorded()).toBe('3');
  });
});

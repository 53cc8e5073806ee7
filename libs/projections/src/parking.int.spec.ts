import { randomUUID } from 'node:crypto';
import { DisclosureEvent, parseOffsetDateTime } from '@app/domain';
import { EventStore, OrgsRepository, partitionOf } from '@app/event-store';
import { TestDb, createTestDb } from '@app/testing/test-db';
import { allProjectedReports, drainUntilCaughtUp, waitUntil } from '@app/testing/reference';
import { adminFeeCollected, received } from '@app/testing/builders';
import { isParkable } from './parking';
import { Projector } from './projector';
import { ReadModelsRepository } from './read-models.repository';

const PARTITIONS = 4;
const AT = '2024-03-01T10:00:00+08:00';
/** The largest amount parseYuanToFen reads: 999,999,999,999,999 fen, nine of them stay below 2^53. */
const HUGE = '9999999999999.99';
let db: TestDb;
let store: EventStore;
let projector: Projector;
let readModels: ReadModelsRepository;
/** Two towns of one partition: `bad` gets the events nothing can apply, `good` must not notice. */
let bad: string;
let good: string;

const append = (events: DisclosureEvent[]) =>
  store.append(
    events.map((e) => ({ ...e, occurredAtMs: parseOffsetDateTime(e.occurredAt) as number })),
    new Map(events.map((e) => [e.orgId, 'Asia/Shanghai'])),
  );
const settle = () => drainUntilCaughtUp(db.pool, projector, PARTITIONS);

/** An event stored as it is, past the decisions of the API: as old data, or data from before a rule. */
async function storeRaw(orgId: string, key: string, type: string, data: unknown, at = AT): Promise<number> {
  const r = await db.pool.query(
    `INSERT INTO events (partition, event_id, stream_id, stream_version, org_id, type, occurred_at,
                         occurred_at_text, content_hash, data)
     VALUES ($1, $2, $3, 1, $4, $5, $6, $7, '\\x00', $8) RETURNING position`,
    [
      partitionOf(orgId, PARTITIONS),
      randomUUID(),
      `${orgId}/${key}`,
      orgId,
      type,
      AT,
      at,
      JSON.stringify(data),
    ],
  );
  return r.rows[0].position;
}
const cell = async (orgId: string, scope: string, name: string) =>
  (
    await db.pool.query(
      `SELECT value FROM rm_cells WHERE org_id = $1 AND scope = $2 AND year = 2024 AND cell = $3`,
      [orgId, scope, name],
    )
  ).rows[0]?.value ?? 0;
const parkedPositions = async () =>
  (await db.pool.query(`SELECT position FROM projection_parked ORDER BY position`)).rows.map(
    (r) => r.position,
  );

beforeAll(async () => {
  db = await createTestDb('parking');
  const orgs = new OrgsRepository(db.pool);
  await orgs.insert(
    { orgId: 'county', name: '县', kind: 'county', parentId: null, timeZone: 'Asia/Shanghai' },
    [],
  );
  const towns = Array.from({ length: 20 }, (_, i) => `park-${i}`);
  bad = towns[0];
  good = towns.find((t) => t !== bad && partitionOf(t, PARTITIONS) === partitionOf(bad, PARTITIONS))!;
  for (const t of [bad, good])
    await orgs.insert({ orgId: t, name: t, kind: 'town', parentId: 'county', timeZone: 'Asia/Shanghai' }, [
      'county',
    ]);
  store = new EventStore(db.pool, PARTITIONS);
  projector = new Projector(db.pool, new OrgsRepository(db.pool), 50);
  readModels = new ReadModelsRepository(db.pool);
  await projector.ensureCheckpoints(PARTITIONS);
});
afterAll(() => db.drop());

describe('an event the projector cannot apply is parked, and its partition goes on', () => {
  it('parks an event whose fold throws; the other orgs of its partition still project', async () => {
    await append([received({ org: good, id: 'G-1', at: '2024-02-01T09:00:00+08:00' })]);
    const culprit = await storeRaw(bad, 'fee:X', 'AdministrativeFeeCollected', { receiptId: 'X', amountYuan: '1' }, 'not a time'); // prettier-ignore
    await append([adminFeeCollected({ org: good, id: 'G-R1', amountYuan: '12.34', at: AT })]);
    await append([adminFeeCollected({ org: bad, id: 'B-R1', amountYuan: '1.00', at: AT })]);

    await settle();

    expect(await cell(good, 'self', 'fee.admin.fen')).toBe(1234);
    expect(await cell(bad, 'self', 'fee.admin.fen')).toBe(100);
    expect(await cell('county', 'rollup', 'fee.admin.fen')).toBe(1334);
    const s = await readModels.status();
    expect(s.projections[0].lagEvents).toBe(0);
    expect(s.projections[0].parked).toBe(1);
    expect(s.parkedEvents).toEqual([
      expect.objectContaining({ position: culprit, orgId: bad, type: 'AdministrativeFeeCollected' }),
    ]);
    expect(s.parkedEvents[0].error).toMatch(/unreadable occurredAt/);
    expect(await readModels.parkedOf([good])).toEqual([]);
    expect((await readModels.parkedOf([bad, good])).map((p) => p.position)).toEqual([culprit]);
  });

  it('parks the event that would carry a report cell beyond 2^53 fen; the cell stays exact', async () => {
    const before = await cell(bad, 'self', 'fee.admin.fen');
    const positions: number[] = [];
    for (let i = 0; i < 10; i++) {
      positions.push(await storeRaw(bad, `fee:H${i}`, 'AdministrativeFeeCollected', { receiptId: `H${i}`, amountYuan: HUGE })); // prettier-ignore
      // Each in a batch of its own, then all in one (below, the rebuild): the same event is parked.
      await settle();
    }
    await append([adminFeeCollected({ org: good, id: 'G-R2', amountYuan: '0.66', at: AT })]);
    await settle();

    expect(await cell(bad, 'self', 'fee.admin.fen')).toBe(before + 9 * 999_999_999_999_999);
    expect(await cell(good, 'self', 'fee.admin.fen')).toBe(1300);
    const parked = await parkedPositions();
    expect(parked).toContain(positions[9]);
    expect(parked).not.toContain(positions[8]);
    const listed = (await readModels.status()).parkedEvents.find((p) => p.position === positions[9])!;
    expect(listed.error).toMatch(/rm_cells_exact|exact range/);
  });

  it('replays a failed batch in short transactions, then goes on in whole batches', async () => {
    const before = await cell(good, 'self', 'fee.admin.fen');
    const insert = (from: number, to: number) =>
      db.pool.query(
        `INSERT INTO events (partition, event_id, stream_id, stream_version, org_id, type, occurred_at,
                             occurred_at_text, content_hash, data)
         SELECT $1, gen_random_uuid(), $2 || '/fee:M' || i, 1, $2, 'AdministrativeFeeCollected', $3::timestamptz, $6::text, '\\x00',
                jsonb_build_object('receiptId', 'M' || i, 'amountYuan', '0.01')
           FROM generate_series($4::int, $5::int) AS i`,
        [partitionOf(good, PARTITIONS), good, AT, from, to, AT],
      );
    await insert(1, 600);
    const culprit = await storeRaw(bad, 'fee:Y', 'AdministrativeFeeCollected', { receiptId: 'Y', amountYuan: '1' }, 'soon'); // prettier-ignore
    await insert(601, 1500);
    const big = new Projector(db.pool, new OrgsRepository(db.pool), 1000);

    // Once the whole cluster's horizon has passed them (another database's transaction can hold it).
    await waitUntil(
      async () =>
        (await db.pool.query(`SELECT bool_and(transaction_id < pg_snapshot_xmin(pg_current_snapshot())) AS v FROM events`)).rows[0].v, // prettier-ignore
      30_000,
      'the events to be below the xmin horizon',
    );
    const read = await big.runBatch(partitionOf(good, PARTITIONS));
    await drainUntilCaughtUp(db.pool, big, PARTITIONS);

    expect(read).toBe(1000); // the failed batch, replayed in four transactions of 250
    expect(await cell(good, 'self', 'fee.admin.fen')).toBe(before + 1500);
    expect(await parkedPositions()).toContain(culprit);
  });

  it('a rebuild parks the same events and yields the same reports', async () => {
    const reports = await allProjectedReports(db.pool);
    const parked = await parkedPositions();
    const applied = (await readModels.status()).projections[0].partitions.map((p) => p.eventsApplied);

    await projector.rebuild(PARTITIONS);
    await settle();

    expect(await parkedPositions()).toEqual(parked);
    expect(await allProjectedReports(db.pool)).toEqual(reports);
    expect((await readModels.status()).projections[0].partitions.map((p) => p.eventsApplied)).toEqual(
      applied,
    );
  });
});

describe('what may be parked', () => {
  it('is a failure the data gives, never one of the moment', () => {
    const pg = (code: string, message = 'x') => Object.assign(new Error(message), { code });
    expect(isParkable(new RangeError('cell beyond the exact range'))).toBe(true);
    expect(isParkable(pg('22003', 'bigint out of range'))).toBe(true);
    expect(isParkable(pg('23514', 'violates check constraint "rm_cells_exact"'))).toBe(true);
    for (const transient of [pg('57014'), pg('40P01'), pg('40001'), pg('57P01'), pg('55P03'), pg('53300')])
      expect(isParkable(transient)).toBe(false);
    expect(isParkable(new Error('Connection terminated unexpectedly'))).toBe(false);
  });
});

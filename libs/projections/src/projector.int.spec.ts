import { DisclosureEvent, parseOffsetDateTime } from '@app/domain';
import { EventStore, OrgsRepository, createPool, partitionOf } from '@app/event-store';
import { TestDb, createTestDb } from '@app/testing/test-db';
import { gatedPool } from '@app/testing/gated-pool';
import { allProjectedReports, drainUntilCaughtUp, referenceAndProjected } from '@app/testing/reference';
import { application, concluded, corrected, decisionRecorded, posted, received } from '@app/testing/builders';
import { Projector } from './projector';

const PARTITIONS = 4;
let db: TestDb;
let store: EventStore;
let projector: Projector;

const zones = (ids: string[]) => new Map(ids.map((id) => [id, 'Asia/Shanghai']));
const withMs = (events: DisclosureEvent[]) =>
  events.map((e) => ({ ...e, occurredAtMs: parseOffsetDateTime(e.occurredAt) as number }));
const append = (s: EventStore, events: DisclosureEvent[]) =>
  s.append(withMs(events), zones([...new Set(events.map((e) => e.orgId))]));
const drainAll = async (p: Projector = projector) => {
  let n = 0;
  for (let i = 0; i < PARTITIONS; i++) n += await p.drain(i);
  return n;
};
/** Drains until every committed event is applied (one drain may not be: the horizon is cluster-wide). */
const settle = (p: Projector = projector) => drainUntilCaughtUp(db.pool, p, PARTITIONS);
const applied = async () =>
  Number((await db.pool.query(`SELECT sum(events_applied) AS n FROM projection_checkpoints`)).rows[0].n);
const stored = async () => Number((await db.pool.query(`SELECT count(*) AS n FROM events`)).rows[0].n);

beforeAll(async () => {
  db = await createTestDb('projector');
  const orgs = new OrgsRepository(db.pool);
  await orgs.insert(
    { orgId: 'county', name: '县', kind: 'county', parentId: null, timeZone: 'Asia/Shanghai' },
    [],
  );
  for (const t of ['town-a', 'town-b', 'town-c', 'town-d'])
    await orgs.insert({ orgId: t, name: t, kind: 'town', parentId: 'county', timeZone: 'Asia/Shanghai' }, [
      'county',
    ]);
  store = new EventStore(db.pool, PARTITIONS);
  projector = new Projector(db.pool, new OrgsRepository(db.pool), 50);
  await projector.ensureCheckpoints(PARTITIONS);
});
afterAll(() => db.drop());

describe('the projector (guarantees 2–5 of docs/guarantees.md, on the real PostgreSQL)', () => {
  it('never skips an event whose transaction commits after a later position (the gap problem)', async () => {
    // Two orgs in different partitions would not show the bug; put both in one partition.
    const candidates = Array.from({ length: 20 }, (_, i) => `gap-${i}`);
    const slowOrg = candidates[0];
    const fastOrg = candidates.find(
      (o) => o !== slowOrg && partitionOf(o, PARTITIONS) === partitionOf(slowOrg, PARTITIONS),
    )!;
    const orgs = new OrgsRepository(db.pool);
    for (const o of [slowOrg, fastOrg])
      await orgs.insert({ orgId: o, name: o, kind: 'town', parentId: 'county', timeZone: 'Asia/Shanghai' }, [
        'county',
      ]);
    const slow = gatedPool(db.url);
    const before = await stored();

    // The slow writer takes its position first and waits at COMMIT; the fast one commits after it.
    const slowAppend = append(new EventStore(slow.pool, PARTITIONS), [
      decisionRecorded({ id: 'gap-slow', org: slowOrg }),
    ]);
    await slow.atCommit;
    await append(store, [decisionRecorded({ id: 'gap-fast', org: fastOrg })]);
    const positions = (await db.pool.query(`SELECT position FROM events ORDER BY position`)).rows.map(
      (r) => r.position,
    );
    expect(positions.length).toBe(before + 1); // the slow one is not visible yet

    await drainAll(); // must not move past the slow writer's open transaction
    slow.open();
    const { lastPosition: slowPos } = await slowAppend;
    expect(slowPos).toBeLessThan(Math.max(...positions)); // it really committed out of position order
    await settle();

    expect(await applied()).toBe(await stored());
    const { reference, projected } = await referenceAndProjected(db.pool);
    expect(projected).toEqual(reference);
    await slow.pool.end();
  });

  it('applies every event exactly once under many concurrent writers with random commit delays', async () => {
    const writers = Array.from({ length: 8 }, (_, w) => {
      const org = `town-${'abcd'[w % 4]}`;
      return (async () => {
        for (let i = 0; i < 15; i++) {
          const c = await db.pool.connect();
          try {
            // Hold a transaction open for a random while, as a slow departmental system would.
            await c.query('BEGIN');
            await c.query('SELECT pg_current_xact_id(), pg_sleep($1)', [Math.random() * 0.02]);
            await c.query('COMMIT');
          } finally {
            c.release();
          }
          await append(store, [
            decisionRecorded({ id: `w${w}-${i}`, org, kind: i % 2 ? 'penalty' : 'licensing' }),
          ]);
        }
      })();
    });
    let projecting = true;
    const loop = (async () => {
      while (projecting) await drainAll();
    })();
    await Promise.all(writers);
    projecting = false;
    await loop;
    await settle();
    expect(await applied()).toBe(await stored());
    const { reference, projected } = await referenceAndProjected(db.pool);
    expect(projected).toEqual(reference);
  });

  it('applies a batch once when two projectors (a job delivered twice) run it at the same moment', async () => {
    await append(store, [
      ...application({ id: 'twice-1', org: 'town-c' }),
      ...application({ id: 'twice-2', org: 'town-d', outcome: 'partiallyDisclosed' }),
    ]);
    const otherPool = createPool(db.url, 4);
    const other = new Projector(otherPool, new OrgsRepository(otherPool), 50);
    await Promise.all([drainAll(), drainAll(other), drainAll(), drainAll(other)]);
    await settle(other);
    await otherPool.end();
    expect(await applied()).toBe(await stored());
    const { reference, projected } = await referenceAndProjected(db.pool);
    expect(projected).toEqual(reference);
  });

  it('applies the events of one application in the order they were stored', async () => {
    const apps = Array.from({ length: 12 }, (_, i) => `order-${i}`);
    await Promise.all(
      apps.map(async (id) => {
        await append(store, [received({ id, org: 'town-b', at: '2023-05-01T09:00:00+08:00' })]);
        await append(store, [
          concluded({ id, org: 'town-b', outcome: 'disclosed', at: '2023-05-02T09:00:00+08:00' }),
        ]);
        await append(store, [
          corrected({ id, org: 'town-b', outcome: 'unavailable.notHeld', at: '2023-05-03T09:00:00+08:00' }),
        ]);
      }),
    );
    await settle();
    const rows = (
      await db.pool.query(
        `SELECT state FROM rm_entities WHERE org_id = 'town-b' AND entity_key LIKE 'app:order-%'`,
      )
    ).rows.map((r) => r.state);
    expect(rows).toHaveLength(12);
    for (const s of rows)
      expect(s).toMatchObject({ version: 3, state: 'concluded', outcome: 'unavailable.notHeld' });
  });

  it('rebuilds from position 0 to exactly the same reports, both scopes, every year', async () => {
    await append(store, [posted({ id: 'P1', org: 'town-a' }), posted({ id: 'P2', org: 'county' })]);
    await settle();
    const incremental = await allProjectedReports(db.pool);
    expect(Object.keys(incremental).length).toBeGreaterThan(4);
    await projector.rebuild(PARTITIONS);
    await settle();
    expect(await allProjectedReports(db.pool)).toEqual(incremental);
  });

  it('rebuilds to the same reports and stream states in batches of any size, read in chunks of any size', async () => {
    await settle();
    const incremental = await allProjectedReports(db.pool);
    const entities = async () =>
      (await db.pool.query(`SELECT org_id, entity_key, kind, open, state FROM rm_entities ORDER BY 1, 2`))
        .rows;
    const states = await entities();
    expect(states.length).toBeGreaterThan(10);
    for (const [batch, readChunk] of [
      [10_000, 3],
      [7, 2],
      [10_000, 10_000],
    ]) {
      const p = new Projector(db.pool, new OrgsRepository(db.pool), batch, { readChunk });
      await p.rebuild(PARTITIONS);
      await settle(p);
      expect(await allProjectedReports(db.pool)).toEqual(incremental);
      expect(await entities()).toEqual(states);
    }
  });
});

import { DisclosureEvent, parseOffsetDateTime } from '@app/domain';
import { EventStore, OrgsRepository, partitionOf } from '@app/event-store';
import { TestDb, createTestDb } from '@app/testing/test-db';
import { drainUntilCaughtUp } from '@app/testing/reference';
import { decisionRecorded, event, narrativeWritten, posted } from '@app/testing/builders';
import { Projector } from './projector';
import { ProgressWatch } from './progress-watch';
import { ReadModelsRepository, lowWater } from './read-models.repository';

// minPosition waits share one poll of the checkpoints; the report's inputs come in one query.

const PARTITIONS = 4;
const ORGS = ['pw-a', 'pw-b', 'pw-c', 'pw-d', 'pw-e', 'pw-f'];
let db: TestDb;
let store: EventStore;
let projector: Projector;
let readModels: ReadModelsRepository;

const append = (orgId: string, events: DisclosureEvent[]) =>
  store.append(
    events.map((e) => ({ ...e, orgId, occurredAtMs: parseOffsetDateTime(e.occurredAt) as number })),
    new Map([[orgId, 'Asia/Shanghai']]),
  );
const drainAll = () => drainUntilCaughtUp(db.pool, projector, PARTITIONS);

beforeAll(async () => {
  db = await createTestDb('progress_watch');
  const orgs = new OrgsRepository(db.pool);
  await orgs.insert({ orgId: 'pw-county', name: '县', kind: 'county', parentId: null, timeZone: 'Asia/Shanghai' }, []); // prettier-ignore
  for (const o of ORGS)
    await orgs.insert({ orgId: o, name: o, kind: 'town', parentId: 'pw-county', timeZone: 'Asia/Shanghai' }, ['pw-county']); // prettier-ignore
  store = new EventStore(db.pool, PARTITIONS);
  projector = new Projector(db.pool, new OrgsRepository(db.pool), 100);
  await projector.ensureCheckpoints(PARTITIONS);
  readModels = new ReadModelsRepository(db.pool);
});
afterAll(() => db.drop());

it('answers every waiting report with one query a tick, true once applied, false when time is up', async () => {
  // Each query records what it asked for and whether another was still running: the waiters
  // share the watch's queries however long the drain takes on a busy machine, so the test
  // counts structure, not time.
  const calls: { partitions: number[]; waiting: number; overlapped: boolean }[] = [];
  let inFlight = 0;
  const watch = new ProgressWatch(async (p, upTo) => {
    calls.push({ partitions: [...p].sort(), waiting: pending, overlapped: inFlight > 0 });
    inFlight++;
    try {
      return await readModels.firstUnapplied(p, upTo);
    } finally {
      inFlight--;
    }
  }, 20);
  let pending = 0;
  const positions = await Promise.all(ORGS.map((o, i) => append(o, [decisionRecorded({ id: `W${i}` })])));
  const counted = (w: Promise<boolean>) => (pending++, w.finally(() => pending--));
  // Bounded far beyond any drain: they end when the events are applied, not when a clock says.
  const waits = ORGS.flatMap((o, i) =>
    Array.from({ length: 10 }, () =>
      counted(watch.waitFor([partitionOf(o, PARTITIONS)], positions[i].lastPosition, 60_000)),
    ),
  );
  const expired = counted(watch.waitFor([partitionOf(ORGS[0], PARTITIONS)], positions[0].lastPosition, 50));
  expect(await expired).toBe(false);
  await drainAll();
  expect(await Promise.all(waits)).toEqual(waits.map(() => true));

  // One query at a time, each asking for every partition still waited on: 61 waiters make one
  // query a tick, not one each (with 61 waiters and 4 partitions, a query per waiter would ask
  // for one partition while others wait on more).
  const all = [...new Set(ORGS.map((o) => partitionOf(o, PARTITIONS)))].sort();
  expect(all.length).toBeGreaterThan(1);
  expect(calls.some((c) => c.overlapped)).toBe(false);
  const whileAllWaited = calls.filter((c) => c.waiting >= waits.length);
  expect(whileAllWaited.length).toBeGreaterThan(0);
  for (const c of whileAllWaited) expect(c.partitions).toEqual(all);
});

it('counts only events at or below the position asked for', async () => {
  const first = await append(ORGS[1], [posted({ id: 'Q1' })]);
  await drainAll();
  const later = await append(ORGS[1], [posted({ id: 'Q2' })]);
  const watch = new ProgressWatch((p, upTo) => readModels.firstUnapplied(p, upTo), 20);
  const part = [partitionOf(ORGS[1], PARTITIONS)];
  expect(await watch.waitFor(part, first.lastPosition, 0)).toBe(true);
  expect(await watch.waitFor(part, later.lastPosition, 0)).toBe(false);
  await drainAll();
  expect(await watch.waitFor(part, later.lastPosition, 0)).toBe(true);
});

it('reads a report’s cells, narratives and low-water mark in one query, as the separate reads do', async () => {
  await append(ORGS[2], [narrativeWritten({ year: 2023, section: 'overview', text: '概述' })]);
  await drainAll();
  await append(ORGS[3], [decisionRecorded({ id: 'unapplied' })]); // leaves a partition behind
  const partitions = [...new Set(ORGS.map((o) => partitionOf(o, PARTITIONS)))];
  for (const [org, scope] of [
    [ORGS[2], 'self'],
    ['pw-county', 'rollup'],
  ] as const) {
    const inputs = await readModels.reportInputs(org, scope, 2023, partitions);
    expect(inputs.cells).toEqual(await readModels.cells(org, scope, 2023));
    expect(inputs.narratives).toEqual([...(await readModels.entitiesByPrefix(org, 'narr:2023:')).values()]);
    expect(inputs.position).toBe((await readModels.status(partitions)).projections[0].position);
  }
  await drainAll();
  const head = await readModels.head();
  expect((await readModels.reportInputs(ORGS[2], 'self', 2023, partitions)).position).toBe(head);
});

it('reads with them the org, a rollup’s members, each partition’s mark and the latest publications', async () => {
  const orgs = new OrgsRepository(db.pool);
  const published = (year: number, sha: string) =>
    event('ReportPublished', { year, cut: { tx: '1', position: 1 }, contentSha256: sha, report: {} }, { at: '2024-02-01T10:00:00+08:00' }); // prettier-ignore
  const first2022 = await append(ORGS[4], [published(2022, 'a')]);
  const later2022 = await append(ORGS[4], [published(2022, 'b')]);
  const only2023 = await append(ORGS[4], [published(2023, 'c')]);
  await append(ORGS[4], [published(2021, 'd')]); // neither the year nor the year before
  expect(first2022.lastPosition).toBeLessThan(later2022.lastPosition);
  await drainAll();
  await append(ORGS[3], [decisionRecorded({ id: 'unapplied-2' })]); // leaves a partition behind
  const partitions = [...new Set(ORGS.map((o) => partitionOf(o, PARTITIONS)))];
  const status = (await readModels.status(partitions)).projections[0].partitions;

  const self = await readModels.reportInputs(ORGS[4], 'self', 2023, partitions);
  expect(self.org).toEqual(await orgs.find(ORGS[4]));
  expect(self.members).toEqual([]);
  expect(self.published.map((p) => [p.data.year, p.data.contentSha256, p.position]).sort()).toEqual([
    [2022, 'b', later2022.lastPosition],
    [2023, 'c', only2023.lastPosition],
  ]);
  expect(Object.fromEntries(self.positions)).toEqual(
    Object.fromEntries(status.map((p) => [p.partition, p.position])),
  );

  const rollup = await readModels.reportInputs('pw-county', 'rollup', 2023, partitions);
  expect(rollup.members.sort()).toEqual((await orgs.subtree('pw-county')).map((o) => o.orgId).sort());
  expect(rollup.published).toEqual([]);
  const behind = [partitionOf(ORGS[3], PARTITIONS)];
  expect(lowWater(rollup, behind)).toBe((await readModels.status(behind)).projections[0].position);
  expect(lowWater(rollup, behind)).toBeLessThan(rollup.head);
  expect((await readModels.reportInputs('pw-nobody', 'self', 2023, partitions)).org).toBeNull();
  await drainAll();
});

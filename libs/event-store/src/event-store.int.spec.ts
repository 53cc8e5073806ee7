import { DisclosureEvent, parseOffsetDateTime } from '@app/domain';
import { TestDb, createTestDb } from '@app/testing/test-db';
import { gatedPool } from '@app/testing/gated-pool';
import { concluded, decisionRecorded, received } from '@app/testing/builders';
import { AppError } from '@app/config';
import { EventStore } from './event-store';
import { OrgsRepository } from './orgs.repository';

// The append path on the real PostgreSQL: the lock, the reads of stored ids and stream state that
// go with BEGIN in one round trip, and the one-parameter insert.

const ORG = 'town-e';
let db: TestDb;
let store: EventStore;

const withMs = (events: DisclosureEvent[]) =>
  events.map((e) => ({ ...e, orgId: ORG, occurredAtMs: parseOffsetDateTime(e.occurredAt) as number }));
const zones = new Map([[ORG, 'Asia/Shanghai']]);
const append = (events: DisclosureEvent[], s = store) => s.append(withMs(events), zones);
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: AppError) => ({ status: e.status, codes: (e.details ?? []).map((d) => d.code) }),
  );

beforeAll(async () => {
  db = await createTestDb('event_store');
  const orgs = new OrgsRepository(db.pool);
  await orgs.insert({ orgId: 'county-e', name: '县', kind: 'county', parentId: null, timeZone: 'Asia/Shanghai' }, []); // prettier-ignore
  await orgs.insert({ orgId: ORG, name: '镇', kind: 'town', parentId: 'county-e', timeZone: 'Asia/Shanghai' }, ['county-e']); // prettier-ignore
  store = new EventStore(db.pool, 4);
});
afterAll(() => db.drop());

it('stores a batch with its stream versions and answers the position of its last event', async () => {
  const r = await append([received({ id: 'V1' }), concluded({ id: 'V1' }), decisionRecorded({ id: 'VX' })]);
  const rows = (
    await db.pool.query(
      `SELECT position, stream_id, stream_version, data FROM events WHERE org_id = $1 ORDER BY position`,
      [ORG],
    )
  ).rows;
  expect(r).toEqual({ accepted: 3, duplicates: 0, lastPosition: rows[2].position });
  expect(rows.map((x) => [x.stream_id, x.stream_version])).toEqual([
    [`${ORG}/app:V1`, 1],
    [`${ORG}/app:V1`, 2],
    [`${ORG}/dec:VX`, 1],
  ]);
  expect(rows[1].data).toEqual({ applicationId: 'V1', outcome: 'disclosed' });
});

it('counts repeats in the batch and in the store once, and refuses another event under a used id', async () => {
  const first = decisionRecorded({ id: 'D-dup' });
  const stored = await append([first]);
  expect(await append([first, first])).toEqual({
    accepted: 0,
    duplicates: 2,
    lastPosition: stored.lastPosition,
  });
  const other = { ...decisionRecorded({ id: 'D-other' }), eventId: first.eventId };
  expect(await refusal(append([other]))).toEqual({ status: 409, codes: ['event.idConflict'] });
});

it('judges an event against the state its stream reached in earlier batches', async () => {
  await append([received({ id: 'S1' })]);
  await append([concluded({ id: 'S1' })]);
  expect(await refusal(append([concluded({ id: 'S1' })]))).toEqual({
    status: 409,
    codes: ['application.alreadyConcluded'],
  });
  expect(await refusal(append([concluded({ id: 'never' })]))).toEqual({
    status: 422,
    codes: ['application.notReceived'],
  });
});

it('keeps ids with quotes, backslashes and any script intact as stream ids', async () => {
  const id = `O'Brien\\2023"申请'); DROP TABLE events; --`;
  await append([received({ id })]);
  expect(await append([concluded({ id })])).toMatchObject({ accepted: 1 });
  const r = await db.pool.query(`SELECT stream_version FROM events WHERE stream_id = $1 ORDER BY 1`, [
    `${ORG}/app:${id}`,
  ]);
  expect(r.rows.map((x) => x.stream_version)).toEqual([1, 2]);
});

it('reads stream state after the org lock: a writer waiting on it sees what the holder committed', async () => {
  // The first append holds its transaction open at COMMIT until the gate opens.
  const { pool, open, atCommit: reached } = gatedPool(db.url, 2);
  try {
    const held = append([received({ id: 'L1' })], new EventStore(pool, 4));
    await reached;
    // Blocks on the org lock; its reads must come after the holder's commit, not before.
    const waiting = append([concluded({ id: 'L1' })]);
    await new Promise((r) => setTimeout(r, 200));
    open();
    await held;
    expect(await waiting).toMatchObject({ accepted: 1 });
  } finally {
    open();
    await pool.end();
  }
});

import { randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import { TestDb, TEST_REDIS_URL, createTestDb } from '@app/testing/test-db';
import { ADMIN, Service, startService } from '@app/testing/service';
import { client } from '@app/testing/http';
import { caughtUp, referenceAndProjected, waitUntil } from '@app/testing/reference';

// The guarantees of docs/guarantees.md over HTTP, with the built API and worker as real processes.

const at = (m: number, d: number) =>
  `2023-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}T10:00:00+08:00`;
const ev = (orgId: string, type: string, data: object, occurredAt = at(3, 1)) => ({
  eventId: randomUUID(),
  type,
  orgId,
  occurredAt,
  data,
});
const decisions = (orgId: string, n: number, prefix = 'd') =>
  Array.from({ length: n }, (_, i) =>
    ev(
      orgId,
      'AdministrativeDecisionRecorded',
      { decisionId: `${prefix}-${i}`, kind: i % 3 ? 'licensing' : 'penalty' },
      at(1 + (i % 12), 1 + (i % 28)),
    ),
  );
const count = async (db: TestDb, sql = `SELECT count(*)::int AS n FROM events`, params: unknown[] = []) =>
  (await db.pool.query(sql, params)).rows[0].n as number;
const assertProjectionMatchesStore = async (db: TestDb) => {
  await waitUntil(() => caughtUp(db.pool), 30_000, 'projections to catch up');
  const { reference, projected } = await referenceAndProjected(db.pool);
  expect(reference.size).toBeGreaterThan(0);
  expect(projected).toEqual(reference);
  expect(await count(db, `SELECT sum(events_applied)::int AS n FROM projection_checkpoints`)).toBe(
    await count(db),
  );
};

async function registerTree(admin: ReturnType<typeof client>) {
  expect((await admin.post('/v1/orgs', { orgId: 'county', name: '测试县', kind: 'county' })).status).toBe(
    201,
  );
  for (const t of ['town-a', 'town-b'])
    expect(
      (await admin.post('/v1/orgs', { orgId: t, name: t, kind: 'town', parentId: 'county' })).status,
    ).toBe(201);
}

describe('guarantees over HTTP', () => {
  let db: TestDb;
  let svc: Service;
  let admin: ReturnType<typeof client>;

  beforeAll(async () => {
    db = await createTestDb('guarantees');
    svc = await startService({ databaseUrl: db.url, env: { SWEEP_EVERY_MS: '300' } });
    admin = client(svc.base, ADMIN);
    await registerTree(admin);
  });
  afterAll(async () => {
    await svc.stop();
    await db.drop();
  });

  it('1. acknowledges only what is committed: the events survive the API being killed right after the 202', async () => {
    const batch = decisions('town-a', 200, 'durable');
    const r = await admin.post('/v1/events', { events: batch });
    svc.api.kill('SIGKILL');
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ accepted: 200, duplicates: 0 });
    const found = await count(db, `SELECT count(*)::int AS n FROM events WHERE event_id = ANY($1::uuid[])`, [
      batch.map((e) => e.eventId),
    ]);
    expect(found).toBe(200);
    expect(await count(db, `SELECT max(position)::int AS n FROM events`)).toBe(r.body.lastPosition);
    await svc.startApi();
  });

  it('6. counts an event once however often it is sent, and refuses another event under a used id', async () => {
    const batch = decisions('town-b', 30, 'idem');
    const first = await admin.post('/v1/events', { events: batch });
    const again = await admin.post('/v1/events', { events: batch });
    const mixed = await admin.post('/v1/events', {
      events: [...batch.slice(0, 5), ...decisions('town-b', 2, 'idem-new')],
    });
    expect(first.body).toMatchObject({ accepted: 30, duplicates: 0 });
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 30, lastPosition: first.body.lastPosition });
    expect(mixed.body).toMatchObject({ accepted: 2, duplicates: 5 });
    const head = await count(db);
    const tampered = { ...batch[0], data: { ...batch[0].data, kind: 'enforcement' } };
    const conflict = await admin.post('/v1/events', { events: [tampered] });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.details[0]).toMatchObject({
      index: 0,
      eventId: batch[0].eventId,
      code: 'event.idConflict',
    });
    expect(await count(db)).toBe(head);
    const report = await admin.get(`/v1/orgs/town-b/reports/2023?minPosition=${mixed.body.lastPosition}`);
    expect(report.body.stale).toBe(false);
    expect(report.body.proactive.licensing + report.body.proactive.penalty).toBe(32);
  });

  it('7. refuses a batch with one bad event whole, naming it, and stores nothing', async () => {
    const head = await count(db);
    const before = await admin.get('/v1/orgs/town-a/reports/2023');
    const batch = [
      ev('town-a', 'ApplicationReceived', { applicationId: 'R-1', applicantType: 'naturalPerson' }),
      ev('town-a', 'ApplicationConcluded', { applicationId: 'R-1', outcome: 'disclosed' }, at(3, 2)),
      ev(
        'town-a',
        'ApplicationConcluded',
        { applicationId: 'never-received', outcome: 'disclosed' },
        at(3, 3),
      ),
      ev('town-a', 'DocumentRepealed', { documentId: 'no-such-doc' }, at(3, 4)),
    ];
    const r = await admin.post('/v1/events', { events: batch });
    expect(r.status).toBe(422);
    expect(r.body.error.details.map((d: { index: number }) => d.index)).toEqual([2, 3]);
    expect(r.body.error.details[0].reason).toMatch(/never-received/);
    expect(await count(db)).toBe(head);
    expect((await admin.get('/v1/orgs/town-a/reports/2023')).body.applications).toEqual(
      before.body.applications,
    );
  });

  it('8. keeps each token to its own org: no writing for another org, no reading outside the subtree', async () => {
    const tok = async (org: string, role: string) =>
      (await admin.post(`/v1/orgs/${org}/tokens`, { role })).body.token;
    const subA = client(svc.base, await tok('town-a', 'submitter'));
    const readA = client(svc.base, await tok('town-a', 'reader'));
    const readCounty = client(svc.base, await tok('county', 'reader'));
    const foreign = await subA.post('/v1/events', { events: decisions('town-b', 1, 'foreign') });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.details[0]).toMatchObject({ index: 0, field: 'orgId' });
    expect((await subA.post('/v1/events', { events: decisions('town-a', 1, 'own') })).status).toBe(202);
    expect((await readA.post('/v1/events', { events: decisions('town-a', 1, 'reader') })).status).toBe(403);
    expect((await subA.get('/v1/orgs/town-b/reports/2023')).status).toBe(403);
    expect((await readA.get('/v1/orgs/town-b/reports/2023')).status).toBe(403);
    expect((await readA.get('/v1/orgs/county/reports/2023')).status).toBe(403);
    expect((await readCounty.get('/v1/orgs/town-b/reports/2023')).status).toBe(200);
    expect((await readCounty.post('/v1/orgs', { orgId: 'x', name: 'x', kind: 'town' })).status).toBe(403);
    expect((await client(svc.base, 'not-a-token').get('/v1/orgs/county')).status).toBe(401);
    expect((await client(svc.base).get('/v1/projections')).status).toBe(401);
    const stored = (await db.pool.query(`SELECT token_hash FROM tokens`)).rows;
    expect(stored.every((r) => Buffer.isBuffer(r.token_hash) && r.token_hash.length === 32)).toBe(true);
  });

  it('2. keeps projecting after Redis loses every key of the queue (signals, schedule, jobs)', async () => {
    const redis = new IORedis(TEST_REDIS_URL);
    const keys = await redis.keys(`${svc.env.QUEUE_PREFIX}*`);
    expect(keys.length).toBeGreaterThan(0);
    await redis.del(...keys);
    const r = await admin.post('/v1/events', { events: decisions('town-a', 50, 'after-flush') });
    expect(r.status).toBe(202);
    await assertProjectionMatchesStore(db);
    redis.disconnect();
  });

  it('2. keeps every effect exactly once when PostgreSQL drops the service connections', async () => {
    const writes = Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const batch = decisions('town-b', 100, `drop-${i}`);
        for (let attempt = 0; attempt < 5; attempt++) {
          const r = await admin.post('/v1/events', { events: batch });
          if (r.status === 202) return r.body;
        }
        throw new Error('batch never accepted');
      }),
    );
    for (let i = 0; i < 5; i++) {
      await db.pool.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name LIKE 'gongkai-%' AND application_name <> 'gongkai-test'`,
        [db.name],
      );
      await new Promise((r) => setTimeout(r, 60));
    }
    const results = await writes;
    expect(results.reduce((a, r) => a + r.accepted + r.duplicates, 0)).toBe(600);
    await assertProjectionMatchesStore(db);
  });
});

describe('exactly once when a worker is killed (SIGKILL) in the middle of a batch', () => {
  let db: TestDb;
  let svc: Service;

  beforeAll(async () => {
    db = await createTestDb('sigkill');
    // Each batch waits 3 s between its read-model writes and its checkpoint: a window to kill in.
    svc = await startService({
      databaseUrl: db.url,
      env: { PROJECTION_BATCH_DELAY_MS: '3000', PROJECTION_BATCH_SIZE: '100', PROJECTION_PARTITIONS: '2' },
    });
  });
  afterAll(async () => {
    await svc.stop();
    await db.drop();
  });

  it('loses and doubles nothing: the killed batch rolls back and a new worker applies it once', async () => {
    const admin = client(svc.base, ADMIN);
    await registerTree(admin);
    expect((await admin.post('/v1/events', { events: decisions('town-a', 450, 'kill') })).status).toBe(202);
    // Wait until the worker sits inside a batch: read models written, checkpoint not yet.
    await waitUntil(
      async () =>
        (await count(
          db,
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'gongkai-worker' AND query LIKE '%pg_sleep%' AND state = 'active'`,
          [db.name],
        )) > 0,
      20_000,
      'a batch in progress',
    );
    const uncommitted = await count(db, `SELECT count(*)::int AS n FROM rm_cells`);
    svc.workers[0].kill('SIGKILL');
    await new Promise((r) => svc.workers[0].once('exit', r));
    expect(uncommitted).toBe(0); // what the killed batch wrote was never visible
    svc.startWorker({ PROJECTION_BATCH_DELAY_MS: '0' });
    await assertProjectionMatchesStore(db);
    const r = await admin.get('/v1/orgs/town-a/reports/2023');
    expect(r.body.proactive.licensing + r.body.proactive.penalty).toBe(450);
  });
});

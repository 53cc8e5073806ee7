import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { TestDb, createTestDb, testQueuePrefix } from '@app/testing/test-db';
import { ADMIN, Service, startService } from '@app/testing/service';
import { client } from '@app/testing/http';
import { caughtUp, referenceAndProjected, waitUntil } from '@app/testing/reference';
import { RedisClusterProcess } from '@app/harness';

// The API and two workers on a real three-master Redis Cluster (private redis-servers on local
// ports). Restarting the master that serves the queue's slot while events arrive costs latency
// only: every append is answered, every event is projected exactly once, every report equals the
// pure fold of the stored events.

const at = (i: number) =>
  `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00+08:00`;
const decision = (orgId: string, i: number) => ({
  eventId: randomUUID(),
  type: 'AdministrativeDecisionRecorded',
  orgId,
  occurredAt: at(i),
  data: { decisionId: `${orgId}-${i}`, kind: i % 3 ? 'licensing' : 'penalty' },
});
const ORGS = ['county', 'town-a', 'town-b'];

describe('on a Redis Cluster', () => {
  let dir: string;
  let cluster: RedisClusterProcess;
  let db: TestDb;
  let svc: Service;
  const prefix = testQueuePrefix('cluster');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gk-cluster-'));
    cluster = await RedisClusterProcess.start(dir);
    db = await createTestDb('cluster');
    svc = await startService({
      databaseUrl: db.url,
      workers: 2,
      env: { REDIS_URL: cluster.url, QUEUE_PREFIX: prefix, PROJECTION_BATCH_SIZE: '50' },
    });
    const admin = client(svc.base, ADMIN);
    expect((await admin.post('/v1/orgs', { orgId: 'county', name: '测试县', kind: 'county' })).status).toBe(201); // prettier-ignore
    for (const t of ['town-a', 'town-b'])
      expect((await admin.post('/v1/orgs', { orgId: t, name: t, kind: 'town', parentId: 'county' })).status).toBe(201); // prettier-ignore
  }, 90_000);

  afterAll(async () => {
    await svc?.stop();
    await cluster?.stop();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loses nothing but latency when the master of the queue restarts mid-run', async () => {
    const admin = client(svc.base, ADMIN);
    const master = await cluster.masterOf(prefix);
    const sent = new Set<string>();
    const statuses: number[] = [];
    let restarted = false;
    const restart = (async () => {
      await waitUntil(async () => sent.size >= 200, 30_000, 'the first batches');
      await cluster.restartMaster(master, 1500);
    })().finally(() => (restarted = true));
    // Batches keep coming before, during and after the restart.
    for (let b = 0; b < 60 || !restarted; b++) {
      const events = Array.from({ length: 10 }, (_, i) => decision(ORGS[b % 3], b * 10 + i));
      const r = await admin.post('/v1/events', { events });
      statuses.push(r.status);
      if (r.status === 202) events.forEach((e) => sent.add(e.eventId));
      await new Promise((r) => setTimeout(r, 40));
    }
    await restart;
    // Appends never wait for Redis: every batch was accepted, even while the master was away.
    expect(statuses.filter((s) => s !== 202)).toEqual([]);

    await waitUntil(() => caughtUp(db.pool), 60_000, 'projections to catch up');
    const stored = await db.pool.query(`SELECT event_id FROM events`);
    expect(stored.rows.length).toBe(sent.size);
    expect(new Set(stored.rows.map((r) => r.event_id)).size).toBe(sent.size);
    const applied = await db.pool.query(`SELECT sum(events_applied)::int AS n FROM projection_checkpoints`);
    expect(applied.rows[0].n).toBe(sent.size);
    const { reference, projected } = await referenceAndProjected(db.pool);
    expect(reference.size).toBeGreaterThan(0);
    expect(projected).toEqual(reference);

    // The queue lives on the cluster, in the one slot of its hash-tagged prefix: wake-ups sent
    // after the restart are there again, on the master that came back empty.
    const node = new IORedis(cluster.ports[master], '127.0.0.1');
    try {
      await waitUntil(async () => (await node.exists(`${prefix}:projection:id`)) === 1, 30_000, 'wake-ups on the restarted master'); // prettier-ignore
    } finally {
      node.disconnect();
    }
    expect((await client(svc.base).get('/health')).status).toBe(200);
  }, 180_000);
});

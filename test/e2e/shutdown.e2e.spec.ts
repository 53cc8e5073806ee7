import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Socket, connect } from 'node:net';
import { resolve } from 'node:path';
import { StoredEvent } from '@app/domain';
import { EventStore, NewEvent, OrgsRepository, STORED_EVENT_COLUMNS, toStoredEvent } from '@app/event-store';
import { ReadModelsRepository } from '@app/projections';
import { emptyLedger, foldEvents, toReport } from '@app/report';
import { TestDb, createTestDb } from '@app/testing/test-db';
import { ADMIN, Service, startService } from '@app/testing/service';
import { client } from '@app/testing/http';
import { referenceAndProjected, waitUntil } from '@app/testing/reference';

// SIGTERM is how every supervisor (systemd, Kubernetes, npm start's launcher) stops a process.
// The API answers what it has started and stores nothing it does not answer; the worker finishes
// the batch it is in, leaves a checkpoint that matches its read models, and a restart resumes.

const ZONE = 'Asia/Shanghai';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function exitOf(
  c: ChildProcess,
  ms: number,
): Promise<{ code: number | null; signal: string | null; ms: number }> {
  const t0 = Date.now();
  return new Promise((ok) => {
    const t = setTimeout(() => c.kill('SIGKILL'), ms);
    const done = () => {
      clearTimeout(t);
      ok({ code: c.exitCode, signal: c.signalCode, ms: Date.now() - t0 });
    };
    if (c.exitCode !== null || c.signalCode !== null) done();
    else c.once('exit', done);
  });
}

const decision = (orgId: string, i: number, prefix: string) => ({
  eventId: randomUUID(),
  type: 'AdministrativeDecisionRecorded' as const,
  orgId,
  occurredAt: `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00+08:00`,
  data: { decisionId: `${prefix}-${i}`, kind: i % 4 ? ('licensing' as const) : ('penalty' as const) },
});

async function storedAmong(db: TestDb, ids: string[]): Promise<number> {
  const r = await db.pool.query(`SELECT count(*)::int AS n FROM events WHERE event_id = ANY($1::uuid[])`, [
    ids,
  ]);
  return r.rows[0].n;
}

describe('API SIGTERM', () => {
  let db: TestDb;
  let svc: Service;
  beforeAll(async () => {
    db = await createTestDb('shutdown_api');
    svc = await startService({ databaseUrl: db.url });
    const admin = client(svc.base, ADMIN);
    expect((await admin.post('/v1/orgs', { orgId: 'sd-town', name: '关停镇', kind: 'town' })).status).toBe(
      201,
    );
  });
  afterAll(async () => {
    await svc.stop();
    await db.drop();
  });

  it('answers every request it has started, and stores nothing it does not answer with a 2xx', async () => {
    type Sent = { ids: string[]; start: number; end: number; status: number | 'no answer' };
    const sent: Sent[] = [];
    let sigtermAt = Infinity;
    let n = 0;
    const writer = async (w: number) => {
      for (;;) {
        const events = Array.from({ length: 300 }, (_, i) => decision('sd-town', i, `w${w}-${n++}`));
        const s: Sent = { ids: events.map((e) => e.eventId), start: Date.now(), end: 0, status: 'no answer' };
        sent.push(s);
        try {
          const r = await fetch(`${svc.base}/v1/events`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
            body: JSON.stringify({ events }),
            signal: AbortSignal.timeout(20_000),
          });
          s.status = r.status;
          await r.text();
        } catch {
          s.status = 'no answer';
        }
        s.end = Date.now();
        if (s.status !== 202 && Date.now() > sigtermAt) return;
      }
    };
    const writers = Array.from({ length: 6 }, (_, w) => writer(w));
    await sleep(1500);
    sigtermAt = Date.now();
    svc.api.kill('SIGTERM');
    const exit = await exitOf(svc.api, 15_000);
    await Promise.all(writers);

    expect(exit.signal === 'SIGTERM' || exit.code === 0).toBe(true);
    expect(exit.ms).toBeLessThan(10_000);
    const inFlight = sent.filter((s) => s.start < sigtermAt && s.end > sigtermAt);
    expect(inFlight.length).toBeGreaterThan(0);
    for (const s of inFlight) expect(s.status).toBe(202);
    for (const s of sent) expect(await storedAmong(db, s.ids)).toBe(s.status === 202 ? s.ids.length : 0);

    await svc.startApi();
    const again = await client(svc.base, ADMIN).post('/v1/events', {
      events: [decision('sd-town', 0, 'after')],
    });
    expect(again.status).toBe(202);
  }, 60_000);

  it('refuses a request that arrives while it drains: 503 in the error shape, Retry-After, Connection: close', async () => {
    const port = Number(new URL(svc.base).port);
    const post = (id: string) => {
      const body = JSON.stringify({ events: [decision('sd-town', 0, id)] });
      return `POST /v1/events HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${ADMIN}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`; // prettier-ignore
    };
    // The first request is held by a lock on the events table, so it is still running when SIGTERM
    // comes; the second one comes on the same connection once the server has stopped listening.
    const lock = await db.pool.connect();
    await lock.query('BEGIN');
    await lock.query('LOCK TABLE events IN ACCESS EXCLUSIVE MODE');
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (b) => (answer += b));
    const closed = new Promise((ok) => socket.once('close', ok));
    socket.write(post('held'));
    await waitUntil(async () => (await db.pool.query(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = 'events'::regclass`)).rows[0].n > 0); // prettier-ignore
    svc.api.kill('SIGTERM');
    const refusesConnections = () =>
      new Promise<boolean>((ok) => connect(port, '127.0.0.1').once('connect', function (this: Socket) { this.destroy(); ok(false); }).once('error', () => ok(true))); // prettier-ignore
    await waitUntil(refusesConnections);
    socket.write(post('while-draining'));
    await lock.query('COMMIT');
    lock.release();
    await closed;
    await exitOf(svc.api, 15_000);

    const [held, refused] = answer.split(/(?=HTTP\/1\.1 )/);
    expect(held).toMatch(/^HTTP\/1\.1 202 /);
    expect(refused).toMatch(/^HTTP\/1\.1 503 /);
    expect(refused).toMatch(/\r\nconnection: close\r\n/i);
    expect(refused).toMatch(/\r\nretry-after: 1\r\n/i);
    expect(JSON.parse(refused.slice(refused.indexOf('\r\n\r\n') + 4)).error.code).toBe('shuttingDown');
    const stored = await db.pool.query(`SELECT data->>'decisionId' AS id FROM events WHERE data->>'decisionId' LIKE 'held-%' OR data->>'decisionId' LIKE 'while-draining-%'`); // prettier-ignore
    expect(stored.rows.map((r) => r.id)).toEqual(['held-0']);
    await svc.startApi();
  }, 60_000);
});

describe('worker SIGTERM mid-catch-up', () => {
  let db: TestDb;
  let svc: Service;
  const orgs = ['sd-a', 'sd-b', 'sd-c'];
  const total = 2400;
  beforeAll(async () => {
    db = await createTestDb('shutdown_worker');
    const repo = new OrgsRepository(db.pool);
    for (const orgId of orgs)
      await repo.insert({ orgId, name: orgId, kind: 'town', parentId: null, timeZone: ZONE }, []);
    const store = new EventStore(db.pool, 16);
    for (const orgId of orgs)
      for (let b = 0; b < total / orgs.length / 200; b++) {
        const events: NewEvent[] = Array.from({ length: 200 }, (_, i) => decision(orgId, i, `b${b}`)).map((e) => ({ ...e, occurredAtMs: Date.parse(e.occurredAt) })); // prettier-ignore
        await store.append(events, new Map([[orgId, ZONE]]));
      }
    svc = await startService({ databaseUrl: db.url, workers: 0 });
  });
  afterAll(async () => {
    await svc.stop();
    await db.drop();
  });

  const applied = async () =>
    (await db.pool.query(`SELECT coalesce(sum(events_applied), 0)::int AS n FROM projection_checkpoints`)).rows[0].n as number; // prettier-ignore

  it('finishes the batch it is in, not the backlog, and leaves read models that match its checkpoint', async () => {
    const slow = svc.startWorker({ PROJECTION_BATCH_SIZE: '50', PROJECTION_BATCH_DELAY_MS: '250' });
    await waitUntil(async () => (await applied()) >= 150, 30_000, 'the worker to apply a few batches');
    const before = await applied();
    slow.kill('SIGTERM');
    const exit = await exitOf(slow, 15_000);
    expect(exit).toMatchObject({ code: 0, signal: null });
    const after = await applied();
    // At most the batches that were open when the signal came: one per partition with events.
    expect(after - before).toBeLessThanOrEqual(orgs.length * 50);
    expect(after).toBeLessThan(total);
    await expectReadModelsMatchCheckpoints(db);

    svc.startWorker();
    await waitUntil(async () => (await applied()) === total, 30_000, 'the restarted worker to catch up');
    const { reference, projected } = await referenceAndProjected(db.pool);
    expect(projected).toEqual(reference);
  }, 90_000);

  it('npm run rebuild stopped by SIGTERM leaves consistent checkpoints, and --resume finishes it', async () => {
    await Promise.all(svc.workers.map((w) => exitOf((w.kill('SIGTERM'), w), 15_000)));
    const rebuild = (args: string[], env: NodeJS.ProcessEnv = {}) =>
      spawn(process.execPath, ['-r', './scripts/paths.js', 'dist/scripts/rebuild.js', ...args], {
        cwd: resolve(__dirname, '../..'),
        env: { ...svc.env, ...env },
        stdio: 'ignore',
      });
    const first = rebuild([], { PROJECTION_BATCH_SIZE: '50', PROJECTION_BATCH_DELAY_MS: '250' });
    await waitUntil(async () => (await applied()) >= 100 && (await applied()) < total, 30_000, 'the replay to start'); // prettier-ignore
    first.kill('SIGTERM');
    expect(await exitOf(first, 15_000)).toMatchObject({ code: 0, signal: null });
    expect(await applied()).toBeLessThan(total);
    await expectReadModelsMatchCheckpoints(db);

    expect(await exitOf(rebuild(['--resume']), 60_000)).toMatchObject({ code: 0, signal: null });
    expect(await applied()).toBe(total);
    const { reference, projected } = await referenceAndProjected(db.pool);
    expect(projected).toEqual(reference);
  }, 90_000);
});

/** Each org's self cells equal the pure fold of exactly the events at or below its partition's checkpoint. */
async function expectReadModelsMatchCheckpoints(db: TestDb) {
  const r = await db.pool.query(
    `SELECT ${STORED_EVENT_COLUMNS} FROM events e JOIN projection_checkpoints c USING (partition)
      WHERE (e.transaction_id, e.position) <= (c.last_tx, c.last_position) ORDER BY position`,
  );
  const counted = await db.pool.query(
    `SELECT c.partition, c.events_applied AS applied, count(e.position)::int AS upto
       FROM projection_checkpoints c LEFT JOIN events e ON e.partition = c.partition
        AND (e.transaction_id, e.position) <= (c.last_tx, c.last_position)
      GROUP BY c.partition, c.events_applied`,
  );
  for (const row of counted.rows) expect({ partition: row.partition, applied: row.applied }).toEqual({ partition: row.partition, applied: row.upto }); // prettier-ignore
  const byOrg = new Map<string, StoredEvent[]>();
  for (const row of r.rows) {
    const e = toStoredEvent(row);
    byOrg.set(e.orgId, [...(byOrg.get(e.orgId) ?? []), e]);
  }
  const readModels = new ReadModelsRepository(db.pool);
  for (const [orgId, events] of byOrg) {
    const ledger = foldEvents(emptyLedger(), events, ZONE);
    expect(toReport({ cells: await readModels.cells(orgId, 'self', 2024) }, 2024)).toEqual(
      toReport({ cells: ledger.cells }, 2024),
    );
  }
}

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestDb, createTestDb } from '@app/testing/test-db';
import { ADMIN, Service, freePort, startService } from '@app/testing/service';
import { client } from '@app/testing/http';
import { caughtUp, referenceAndProjected, waitUntil } from '@app/testing/reference';
import { HaproxyProcess } from '@app/harness';

// Two API processes behind HAProxy (Debian's, configured as docs/operations.md shows) and three
// workers, all on one store and one queue: what one process does, the others see.

const at = (i: number) =>
  `2024-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00+08:00`;
const decision = (orgId: string, key: string) => ({
  eventId: randomUUID(),
  type: 'AdministrativeDecisionRecorded',
  orgId,
  occurredAt: at(key.length + Number(key.replace(/\D/g, '') || 0)),
  data: { decisionId: key, kind: key.length % 3 ? 'licensing' : 'penalty' },
});
const ORGS = ['county', 'town-a', 'town-b'];
const batchOf = (b: number, n = 10) =>
  Array.from({ length: n }, (_, i) => decision(ORGS[b % 3], `b${b}-${i}-${randomUUID().slice(0, 6)}`));

async function appended(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  return Number(/^gongkai_events_appended_total (\d+)/m.exec(text)?.[1] ?? 0);
}

describe('several API processes behind HAProxy, several workers', () => {
  let dir: string;
  let db: TestDb;
  let one: Service;
  let two: Service;
  let proxy: HaproxyProcess;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'gk-several-'));
    db = await createTestDb('several');
    // Small, slow batches: the three workers contend for the same partitions all the time.
    const env = {
      PROJECTION_BATCH_SIZE: '25',
      PROJECTION_BATCH_DELAY_MS: '20',
      WORKER_CONCURRENCY: '2',
      // The proxy is on this machine: the client is the address X-Forwarded-For names.
      TRUST_PROXY: '127.0.0.1',
      AUTH_FAILURES_PER_MINUTE: '4',
    };
    one = await startService({ databaseUrl: db.url, workers: 3, env });
    two = await startService({ databaseUrl: db.url, workers: 0, env: { ...env, QUEUE_PREFIX: one.env.QUEUE_PREFIX } }); // prettier-ignore
    proxy = await HaproxyProcess.start(dir, await freePort(), [one.base, two.base].map((b) => b.slice('http://'.length))); // prettier-ignore
    const admin = client(proxy.base, ADMIN);
    expect((await admin.post('/v1/orgs', { orgId: 'county', name: '测试县', kind: 'county' })).status).toBe(201); // prettier-ignore
    for (const t of ['town-a', 'town-b'])
      expect((await admin.post('/v1/orgs', { orgId: t, name: t, kind: 'town', parentId: 'county' })).status).toBe(201); // prettier-ignore
  }, 90_000);

  afterAll(async () => {
    await proxy?.stop();
    await Promise.all([one?.stop(), two?.stop()]);
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores a batch sent through both processes at once exactly once (group commit across processes)', async () => {
    const [a, b] = [client(one.base, ADMIN), client(two.base, ADMIN)];
    const batches = Array.from({ length: 12 }, (_, i) => batchOf(i));
    const answers = await Promise.all(
      batches.flatMap((events) => [a.post('/v1/events', { events }), b.post('/v1/events', { events })]),
    );
    expect(answers.map((r) => r.status).filter((s) => s !== 202)).toEqual([]);
    for (let i = 0; i < batches.length; i++) {
      const [x, y] = [answers[2 * i].body, answers[2 * i + 1].body];
      expect({ accepted: x.accepted + y.accepted, duplicates: x.duplicates + y.duplicates }).toEqual({ accepted: 10, duplicates: 10 }); // prettier-ignore
    }
    const ids = batches.flat().map((e) => e.eventId);
    const stored = await db.pool.query(`SELECT count(*)::int AS n FROM events WHERE event_id = ANY($1::uuid[])`, [ids]); // prettier-ignore
    expect(stored.rows[0].n).toBe(ids.length);
  });

  it('wakes the workers from either process: an append through one is read through the other', async () => {
    for (const [writer, reader] of [
      [one, two],
      [two, one],
    ]) {
      const events = batchOf(7, 5).map((e) => ({ ...e, orgId: 'town-b' }));
      const w = await client(writer.base, ADMIN).post('/v1/events', { events });
      expect(w.status).toBe(202);
      const r = await client(reader.base, ADMIN).get(`/v1/orgs/town-b/reports/2024?minPosition=${w.body.lastPosition}&waitMs=20000`); // prettier-ignore
      expect({ status: r.status, stale: r.body.stale }).toEqual({ status: 200, stale: false });
      expect(r.body.position).toBeGreaterThanOrEqual(w.body.lastPosition);
    }
  });

  it('has three workers apply every event once, with requests spread over both processes', async () => {
    const before = [await appended(one.base), await appended(two.base)];
    const c = client(proxy.base, ADMIN);
    for (let round = 0; round < 8; round++) {
      const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => c.post('/v1/events', { events: batchOf(round * 6 + i, 25) }))); // prettier-ignore
      expect(answers.map((r) => r.status).filter((s) => s !== 202)).toEqual([]);
    }
    const after = [await appended(one.base), await appended(two.base)];
    expect(after[0]).toBeGreaterThan(before[0]);
    expect(after[1]).toBeGreaterThan(before[1]);
    await waitUntil(() => caughtUp(db.pool), 60_000, 'projections to catch up');
    const applied = await db.pool.query(`SELECT sum(events_applied)::int AS n FROM projection_checkpoints`);
    const stored = await db.pool.query(`SELECT count(*)::int AS n FROM events`);
    expect(applied.rows[0].n).toBe(stored.rows[0].n);
    const { reference, projected } = await referenceAndProjected(db.pool);
    expect(projected).toEqual(reference);
  }, 120_000);

  it('refuses a token revoked through the proxy in both processes from the next request on', async () => {
    const admin = client(proxy.base, ADMIN);
    const t = (await admin.post('/v1/orgs/town-a/tokens', { role: 'reader', label: 'leaves' })).body;
    for (const s of [one, two])
      expect((await client(s.base, t.token).get('/v1/orgs/town-a')).status).toBe(200);
    expect((await admin.call('DELETE', `/v1/tokens/${t.tokenId}`)).status).toBe(200);
    for (const s of [one, two])
      expect((await client(s.base, t.token).get('/v1/orgs/town-a')).status).toBe(401);
  });

  it('counts failed tokens per client address behind the proxy, not one count for the proxy', async () => {
    const bad = async (ip: string) =>
      (await fetch(`${proxy.base}/v1/orgs/town-a`, { headers: { authorization: 'Bearer not-a-token', 'x-forwarded-for': ip } })).status; // prettier-ignore
    // Each process counts its own failures: twelve, round robin, pass both limits of four.
    const seen: number[] = [];
    for (let i = 0; i < 12; i++) seen.push(await bad('203.0.113.7'));
    expect(seen.slice(0, 2)).toEqual([401, 401]);
    expect(seen.slice(-2)).toEqual([429, 429]);
    expect(await bad('203.0.113.8')).toBe(401);
    expect(await bad('203.0.113.8')).toBe(401);
  });

  it('drains one process on SIGTERM while clients keep sending through the proxy: nothing lost', async () => {
    const c = client(proxy.base, ADMIN);
    const statuses: Record<string, number> = {};
    const sent: string[] = [];
    let writing = true;
    // However the test ends, the writer stops resending by then (a loop left behind keeps jest up).
    const deadline = Date.now() + 100_000;
    let gaveUp = false;
    const writer = (async () => {
      for (let b = 0; (writing || b < 20) && !gaveUp; b++) {
        const events = batchOf(1000 + b, 20);
        // A client resends a batch that got a 5xx or no answer, unchanged, until it is answered.
        for (;;) {
          const r = await c.post('/v1/events', { events }).catch(() => ({ status: 0, body: null }));
          const key = r.status === 503 ? `503 ${r.body?.error?.code}` : String(r.status);
          statuses[key] = (statuses[key] ?? 0) + 1;
          if (r.status === 202) break;
          if (Date.now() > deadline) return void (gaveUp = true);
          await new Promise((r) => setTimeout(r, 100));
        }
        sent.push(...events.map((e) => e.eventId));
      }
    })();
    await new Promise((r) => setTimeout(r, 500));
    one.api.kill('SIGTERM');
    await new Promise((r) => one.api.once('exit', r));
    await new Promise((r) => setTimeout(r, 500));
    await one.startApi();
    await new Promise((r) => setTimeout(r, 1000));
    writing = false;
    await writer;
    expect(gaveUp).toBe(false);
    // Only answers that say nothing was stored, and which the client resent.
    expect(Object.keys(statuses).filter((k) => k !== '202' && k !== '503 shuttingDown')).toEqual([]);
    const stored = await db.pool.query(`SELECT count(*)::int AS n FROM events WHERE event_id = ANY($1::uuid[])`, [sent]); // prettier-ignore
    expect(stored.rows[0].n).toBe(sent.length);
    await waitUntil(() => caughtUp(db.pool), 60_000, 'projections to catch up');
    const { reference, projected } = await referenceAndProjected(db.pool);
    expect(projected).toEqual(reference);
  }, 120_000);
});

import { randomUUID } from 'node:crypto';
import { TestDb, createTestDb } from '@app/testing/test-db';
import { ADMIN, Service, startService } from '@app/testing/service';
import { client } from '@app/testing/http';

// Tokens are named, may expire and can be revoked: from the next request on, in every API
// process, a revoked or expired token is refused. Every stored event records who sent it.

let db: TestDb;
let svc: Service;
/** A second API process on the same store, as behind a load balancer. */
let second: Service;
let admin: ReturnType<typeof client>;

function decision(orgId: string) {
  const eventId = randomUUID();
  return {
    eventId,
    type: 'AdministrativeDecisionRecorded',
    orgId,
    occurredAt: '2024-05-06T10:00:00+08:00',
    data: { decisionId: eventId, kind: 'licensing' },
  };
}
const issue = async (orgId: string, body: object) => {
  const r = await admin.post(`/v1/orgs/${orgId}/tokens`, body);
  expect(r.status).toBe(201);
  return r.body as { tokenId: string; token: string; label: string; expiresAt: string | null };
};

beforeAll(async () => {
  db = await createTestDb('tokens');
  svc = await startService({ databaseUrl: db.url });
  second = await startService({ databaseUrl: db.url, workers: 0 });
  admin = client(svc.base, ADMIN);
  await admin.post('/v1/orgs', { orgId: 'tk-county', name: '本县', kind: 'county' });
  await admin.post('/v1/orgs', { orgId: 'tk-town', name: '七里营镇', kind: 'town', parentId: 'tk-county' });
}, 60_000);
afterAll(async () => {
  await second?.stop();
  await svc?.stop();
  await db?.drop();
});

it('issues a token for a body of the first version (role only), named after its role and time', async () => {
  const r = await admin.post('/v1/orgs/tk-town/tokens', { role: 'submitter' });
  expect(r.status).toBe(201);
  expect(r.body).toMatchObject({ token: expect.stringMatching(/^gk_s_/), tokenId: expect.any(String), role: 'submitter', orgId: 'tk-town' }); // prettier-ignore
  expect(r.body.label).toMatch(/^submitter \d{4}-\d{2}-\d{2}T/);
});

it('lists an org’s tokens with their names and times, never a secret', async () => {
  const t = await issue('tk-town', { role: 'reader', label: '七里营镇党政办 张三', expiresAt: '2099-06-30T23:59:59+08:00' }); // prettier-ignore
  const r = await admin.get('/v1/orgs/tk-town/tokens');
  expect(r.status).toBe(200);
  const listed = r.body.tokens.find((x: { tokenId: string }) => x.tokenId === t.tokenId);
  expect(listed).toEqual({
    tokenId: t.tokenId,
    role: 'reader',
    label: '七里营镇党政办 张三',
    createdAt: expect.stringMatching(/Z$/),
    expiresAt: '2099-06-30T15:59:59.000Z',
    revokedAt: null,
    lastUsedAt: null,
  });
  expect(JSON.stringify(r.body)).not.toContain(t.token);
  expect(JSON.stringify(r.body)).not.toMatch(/gk_[a-z]_/);
});

it('refuses an expiry in the past, an unknown field, and a reviewer outside a county', async () => {
  const bad = async (orgId: string, body: object) => {
    const r = await admin.post(`/v1/orgs/${orgId}/tokens`, body);
    return { status: r.status, fields: (r.body.error?.details ?? []).map((d: { field: string }) => d.field) };
  };
  expect(await bad('tk-town', { role: 'reader', expiresAt: '2020-01-01T00:00:00Z' })).toEqual({ status: 400, fields: ['expiresAt'] }); // prettier-ignore
  expect(await bad('tk-town', { role: 'reader', expiresAt: 'tomorrow' })).toEqual({ status: 400, fields: ['expiresAt'] }); // prettier-ignore
  expect(await bad('tk-town', { role: 'reader', label: '' })).toEqual({ status: 400, fields: ['label'] });
  expect(await bad('tk-town', { role: 'owner', lable: 'x' })).toEqual({ status: 400, fields: ['lable', 'role'] }); // prettier-ignore
  expect(await bad('tk-town', { role: 'reviewer' })).toEqual({ status: 422, fields: ['role'] });
  const count = await db.pool.query(`SELECT count(*)::int AS n FROM tokens WHERE role = 'reviewer'`);
  expect(count.rows[0].n).toBe(0);
});

it('gives a county a reviewer that reads its subtree and may not send events', async () => {
  const reviewer = client(svc.base, (await issue('tk-county', { role: 'reviewer', label: '县政务公开办 王五' })).token); // prettier-ignore
  expect((await reviewer.get('/v1/orgs/tk-town/reports/2024')).status).toBe(200);
  expect((await reviewer.get('/v1/orgs/tk-county/reports/2024?scope=rollup')).status).toBe(200);
  const r = await reviewer.post('/v1/events', { events: [decision('tk-county')] });
  expect({ status: r.status, code: r.body.error?.code }).toEqual({ status: 403, code: 'forbidden' });
});

it('refuses a revoked token from the next request on, in every API process', async () => {
  const t = await issue('tk-town', { role: 'reader', label: 'to revoke' });
  const [one, two] = [client(svc.base, t.token), client(second.base, t.token)];
  expect((await one.get('/v1/orgs/tk-town')).status).toBe(200);
  expect((await two.get('/v1/orgs/tk-town')).status).toBe(200);
  const revoked = await admin.call('DELETE', `/v1/tokens/${t.tokenId}`);
  expect(revoked.status).toBe(200);
  expect(revoked.body).toMatchObject({ tokenId: t.tokenId, revokedAt: expect.stringMatching(/Z$/) });
  for (const c of [one, two]) {
    const r = await c.get('/v1/orgs/tk-town');
    expect({ status: r.status, message: r.body.error?.message }).toEqual({ status: 401, message: expect.stringContaining('revoked') }); // prettier-ignore
  }
  // Revoking again keeps the first time; an unknown id is a 404.
  expect((await admin.call('DELETE', `/v1/tokens/${t.tokenId}`)).body.revokedAt).toBe(revoked.body.revokedAt);
  expect((await admin.call('DELETE', `/v1/tokens/${randomUUID()}`)).status).toBe(404);
  expect((await admin.call('DELETE', `/v1/tokens/not-an-id`)).status).toBe(404);
});

it('stores nothing from a submitter token revoked after it last submitted, in every API process', async () => {
  const t = await issue('tk-town', { role: 'submitter', label: 'to revoke after use' });
  const [one, two] = [client(svc.base, t.token), client(second.base, t.token)];
  // Each process has just looked the token up and may let its next submission through on that:
  // the append's own check of the sender must refuse it.
  expect((await one.post('/v1/events', { events: [decision('tk-town')] })).status).toBe(202);
  expect((await two.post('/v1/events', { events: [decision('tk-town')] })).status).toBe(202);
  expect((await admin.call('DELETE', `/v1/tokens/${t.tokenId}`)).status).toBe(200);
  for (const c of [one, two]) {
    const r = await c.post('/v1/events', { events: [decision('tk-town')] });
    expect({ status: r.status, code: r.body.error?.code, message: r.body.error?.message }).toEqual({ status: 401, code: 'unauthorized', message: expect.stringContaining('was revoked at') }); // prettier-ignore
  }
  const stored = await db.pool.query(`SELECT count(*)::int AS n FROM events WHERE actor->>'tokenId' = $1`, [t.tokenId]); // prettier-ignore
  expect(stored.rows[0].n).toBe(2);
  // Another sender's batch in the same moment is not held up by the refusal.
  expect((await admin.post('/v1/events', { events: [decision('tk-town')] })).status).toBe(202);
});

it('refuses a token once it has expired', async () => {
  const expiresAt = new Date(Date.now() + 1500).toISOString();
  const t = await issue('tk-town', { role: 'reader', expiresAt });
  const c = client(second.base, t.token);
  expect((await c.get('/v1/orgs/tk-town')).status).toBe(200);
  // The database's clock decides; wait until it has passed the expiry, however long that takes.
  while ((await db.pool.query(`SELECT now() > $1::timestamptz AS past`, [expiresAt])).rows[0].past === false)
    await new Promise((r) => setTimeout(r, 100));
  const r = await c.get('/v1/orgs/tk-town');
  expect({ status: r.status, message: r.body.error?.message }).toEqual({ status: 401, message: expect.stringContaining('expired') }); // prettier-ignore
});

it('records the last use to the minute, with one write however many requests', async () => {
  const t = await issue('tk-town', { role: 'reader', label: 'busy' });
  const c = client(svc.base, t.token);
  expect((await c.get('/v1/orgs/tk-town')).status).toBe(200);
  const lastUsed = async () => (await db.pool.query(`SELECT last_used_at, xmin::text AS x FROM tokens WHERE token_id = $1`, [t.tokenId])).rows[0]; // prettier-ignore
  let first = await lastUsed();
  for (let i = 0; i < 50 && first.last_used_at === null; i++) {
    await new Promise((r) => setTimeout(r, 50));
    first = await lastUsed();
  }
  expect(first.last_used_at).not.toBeNull();
  for (let i = 0; i < 20; i++) await c.get('/v1/orgs/tk-town');
  await client(second.base, t.token).get('/v1/orgs/tk-town');
  // The row was not written again (its xmin, the writing transaction, is unchanged).
  expect(await lastUsed()).toEqual(first);
});

it('records the sender of every stored event: the token’s id and label, or the admin', async () => {
  const t = await issue('tk-town', { role: 'submitter', label: '七里营镇党政办 张三' });
  const [mine, theirs] = [decision('tk-town'), decision('tk-town')];
  expect((await client(second.base, t.token).post('/v1/events', { events: [mine] })).status).toBe(202);
  expect((await admin.post('/v1/events', { events: [theirs] })).status).toBe(202);
  const r = await db.pool.query(`SELECT event_id::text AS id, actor FROM events WHERE event_id = ANY($1::uuid[])`, [[mine.eventId, theirs.eventId]]); // prettier-ignore
  expect(Object.fromEntries(r.rows.map((x) => [x.id, x.actor]))).toEqual({
    [mine.eventId]: { tokenId: t.tokenId, label: '七里营镇党政办 张三' },
    [theirs.eventId]: { tokenId: 'admin', label: '管理员' },
  });
});

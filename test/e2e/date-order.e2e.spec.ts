import * as b from '@app/testing/builders';
import { client } from '@app/testing/http';
import { ADMIN, Service, startService } from '@app/testing/service';
import { TestDb, createTestDb } from '@app/testing/test-db';

// Contradictory dates over HTTP: a follow-up dated before the latest stored event of its
// application is refused whole (422), and the refusal names both events, so a clerk can tell
// which of the two dates is wrong.

const ORG = 'do-town';
const at = (date: string) => `${date}T10:00:00+08:00`;

let db: TestDb;
let svc: Service;
let submit: (events: unknown[]) => Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  db = await createTestDb('date_order');
  svc = await startService({ databaseUrl: db.url });
  const admin = client(svc.base, ADMIN);
  expect((await admin.post('/v1/orgs', { orgId: ORG, name: '城关镇', kind: 'town' })).status).toBe(201);
  const token = (await admin.post(`/v1/orgs/${ORG}/tokens`, { role: 'submitter' })).body.token;
  const c = client(svc.base, token);
  submit = async (events) => c.post('/v1/events', { events });
}, 60_000);

afterAll(async () => {
  await svc?.stop();
  await db?.drop();
});

it('refuses a supplement received before its stored request with 422 naming both events', async () => {
  const requested = b.supplementRequested({ id: 'A1', org: ORG, at: at('2025-03-20') });
  expect((await submit([b.received({ id: 'A1', org: ORG, at: at('2025-03-14') }), requested])).status).toBe(
    202,
  );
  const count = async () => (await db.pool.query(`SELECT count(*)::int AS n FROM events`)).rows[0].n;
  const stored = await count();

  const early = b.supplementReceived({ id: 'A1', org: ORG, at: at('2025-03-18') });
  const res = await submit([early]);

  expect(res.status).toBe(422);
  expect(res.body.error.code).toBe('events.rejected');
  const [detail] = res.body.error.details;
  expect(detail).toMatchObject({ index: 0, eventId: early.eventId, code: 'event.outOfOrder' });
  for (const part of [
    `ApplicationSupplementReceived ${early.eventId} is dated 2025-03-18T10:00:00+08:00`,
    `ApplicationSupplementRequested ${requested.eventId} dated 2025-03-20T10:00:00+08:00`,
    'application A1',
  ])
    expect(detail.reason).toContain(part);
  expect(await count()).toBe(stored);
  expect((await submit([{ ...early, occurredAt: at('2025-03-20') }])).status).toBe(202);
});

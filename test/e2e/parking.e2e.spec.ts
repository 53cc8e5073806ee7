import { randomUUID } from 'node:crypto';
import { partitionOf } from '@app/event-store';
import * as b from '@app/testing/builders';
import { client } from '@app/testing/http';
import { waitUntil } from '@app/testing/reference';
import { ADMIN, Service, startService } from '@app/testing/service';
import { TestDb, createTestDb } from '@app/testing/test-db';

// A stored event the projector cannot apply is parked and shown where an operator and a county
// look; the other orgs of its partition go on being projected.

const PARTITIONS = 4;
const COUNTY = 'pk-county';
const towns = Array.from({ length: 20 }, (_, i) => `pk-town-${i}`);
const BAD = towns[0];
const GOOD = towns.find((t) => t !== BAD && partitionOf(t, PARTITIONS) === partitionOf(BAD, PARTITIONS))!;
const AT = '2026-03-02T10:00:00+08:00';

let db: TestDb;
let svc: Service;
const admin = () => client(svc.base, ADMIN);

beforeAll(async () => {
  db = await createTestDb('parking_e2e');
  svc = await startService({ databaseUrl: db.url, env: { PROJECTION_PARTITIONS: String(PARTITIONS) } });
  await admin().post('/v1/orgs', { orgId: COUNTY, name: '停县人民政府', kind: 'county' });
  for (const t of [BAD, GOOD])
    await admin().post('/v1/orgs', { orgId: t, name: t, kind: 'town', parentId: COUNTY });
}, 60_000);
afterAll(async () => {
  await svc?.stop();
  await db?.drop();
});

it('parks it, lists it on /v1/projections, /health and the dashboard, and projects the rest', async () => {
  // As an event stored before the API refused such amounts would be: past every decision.
  const culprit = (
    await db.pool.query(
      `INSERT INTO events (partition, event_id, stream_id, stream_version, org_id, type, occurred_at,
                           occurred_at_text, content_hash, data)
       VALUES ($1, $2, $3, 1, $4, 'AdministrativeFeeCollected', $5, 'yesterday', '\\x00', $6) RETURNING position`,
      [
        partitionOf(BAD, PARTITIONS),
        randomUUID(),
        `${BAD}/fee:X`,
        BAD,
        AT,
        { receiptId: 'X', amountYuan: '1' },
      ],
    )
  ).rows[0].position;
  const sent = await admin().post('/v1/events', {
    events: [b.adminFeeCollected({ org: GOOD, id: 'R1', amountYuan: '12.34', at: AT })],
  });
  expect(sent.status).toBe(202);
  await waitUntil(
    async () => (await admin().get('/v1/projections')).body.projections[0].position >= sent.body.lastPosition,
    30_000,
    'the projection to pass the parked event',
  );

  const status = (await admin().get('/v1/projections')).body;
  expect(status.projections[0]).toMatchObject({ parked: 1, lagEvents: 0 });
  expect(status.parkedEvents).toEqual([
    {
      position: culprit,
      orgId: BAD,
      eventId: expect.any(String),
      type: 'AdministrativeFeeCollected',
      error: expect.stringContaining('unreadable occurredAt'),
      parkedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
    },
  ]);
  const health = (await client(svc.base, '').get('/health')).body;
  expect(health.info.projections).toMatchObject({ status: 'degraded', parked: 1 });
  const dashboard = (await admin().get(`/v1/orgs/${COUNTY}/dashboard?year=2026`)).body;
  expect(dashboard.projectionFaults).toEqual(status.parkedEvents);
  const report = (await admin().get(`/v1/orgs/${GOOD}/reports/2026`)).body;
  expect(report.proactive.administrativeFeesWanYuan).toBe('0.001234');
});

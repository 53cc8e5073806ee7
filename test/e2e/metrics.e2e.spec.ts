import { randomUUID } from 'node:crypto';
import { client } from '@app/testing/http';
import { ADMIN, Service, startService } from '@app/testing/service';
import { TestDb, createTestDb } from '@app/testing/test-db';

// GET /metrics as Prometheus scrapes it from the machine: the text format, the events appended and
// refused by code, the projection's lag per partition, the wake-ups and the latency by route.

let db: TestDb;
let svc: Service;

beforeAll(async () => {
  db = await createTestDb('metrics');
  svc = await startService({ databaseUrl: db.url });
  const admin = client(svc.base, ADMIN);
  await admin.post('/v1/orgs', { orgId: 'mt-town', name: '指标镇', kind: 'town' });
});

afterAll(async () => {
  await svc?.stop();
  await db?.drop();
});

const decision = (decisionId: string) => ({
  eventId: randomUUID(),
  type: 'AdministrativeDecisionRecorded',
  orgId: 'mt-town',
  occurredAt: '2024-05-06T10:00:00+08:00',
  data: { decisionId, kind: 'licensing' },
});

/** The value of one sample line, e.g. value(text, 'gongkai_events_refused_total{code="decision.duplicate"}'). */
function value(text: string, sample: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line ? Number(line.slice(sample.length + 1)) : 0;
}

async function scrape(): Promise<string> {
  const r = await fetch(`${svc.base}/metrics`);
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return r.text();
}

it('counts what was appended and what was refused, by code', async () => {
  const before = await scrape();
  const admin = client(svc.base, ADMIN);
  const ok = await admin.post('/v1/events', { events: [decision('d1'), decision('d2')] });
  expect(ok.status).toBe(202);
  // d1 and d2 again under new eventIds: each would count its decision twice.
  const bad = await admin.post('/v1/events', { events: [decision('d1'), decision('d2'), decision('d5')] });
  expect(bad.status).toBe(409);
  expect((await client(svc.base, 'not-a-token').get('/v1/projections')).status).toBe(401);
  const after = await scrape();
  const delta = (sample: string) => value(after, sample) - value(before, sample);
  expect(delta('gongkai_events_appended_total')).toBe(2);
  expect(delta('gongkai_events_refused_total{code="decision.duplicate"}')).toBe(2);
  expect(delta('gongkai_requests_refused_total{code="events.conflict"}')).toBe(1);
  expect(delta('gongkai_requests_refused_total{code="unauthorized"}')).toBe(1);
  expect(
    delta('gongkai_http_request_duration_seconds_count{method="POST",route="/v1/events",status="202"}'),
  ).toBe(1);
  expect(value(after, 'gongkai_store_head_position')).toBe(ok.body.lastPosition);
});

it('shows the projection catching up partition by partition, and the wake-ups sent', async () => {
  const r = await client(svc.base, ADMIN).post('/v1/events', { events: [decision('d6')] });
  await client(svc.base, ADMIN).get(
    `/v1/orgs/mt-town/reports/2024?minPosition=${r.body.lastPosition}&waitMs=20000`,
  );
  const text = await scrape();
  const lags = text.split('\n').filter((l) => l.startsWith('gongkai_projection_lag_events{'));
  expect(lags).toHaveLength(16);
  expect(lags.filter((l) => !l.endsWith(' 0'))).toEqual([]);
  expect(value(text, 'gongkai_queue_wakeups_total')).toBeGreaterThan(0);
  expect(value(text, 'gongkai_projection_parked_events')).toBe(0);
  expect(text).toContain('gongkai_api_process_resident_memory_bytes');
});

import type { DisclosureEvent } from '@app/domain';
import * as b from '@app/testing/builders';
import { client } from '@app/testing/http';
import { ADMIN, Service, startService } from '@app/testing/service';
import { TestDb, createTestDb } from '@app/testing/test-db';

// Undo without deleting, over HTTP: an application recorded with the wrong applicant type is
// voided with its conclusion, recorded afresh, and the report and the history follow.

const COUNTY = 'vd-county';
const TOWN = 'vd-town';
const OTHER = 'vd-other';
const at = (date: string) => `${date}T10:00:00+08:00`;

let db: TestDb;
let svc: Service;
const tokens: Record<string, string> = {};
const voiding = (target: DisclosureEvent, reason = '申请人类型登记错误', org = TOWN) =>
  b.event('EventVoided', { voidedEventId: target.eventId, reason }, { org, at: at('2025-05-06') });

beforeAll(async () => {
  db = await createTestDb('voids_e2e');
  svc = await startService({ databaseUrl: db.url });
  const admin = client(svc.base, ADMIN);
  await admin.post('/v1/orgs', { orgId: COUNTY, name: '青山县人民政府', kind: 'county' });
  await admin.post('/v1/orgs', { orgId: TOWN, name: '青山县城关镇', kind: 'town', parentId: COUNTY });
  await admin.post('/v1/orgs', { orgId: OTHER, name: '青山县河口镇', kind: 'town', parentId: COUNTY });
  for (const [name, org, role] of [
    ['countyReader', COUNTY, 'reader'],
    ['townSubmitter', TOWN, 'submitter'],
    ['otherReader', OTHER, 'reader'],
  ])
    tokens[name] = (await admin.post(`/v1/orgs/${org}/tokens`, { role })).body.token;
}, 60_000);

afterAll(async () => {
  await svc?.stop();
  await db?.drop();
});

const report = async (lastPosition: number) => {
  const r = await client(svc.base, tokens.countyReader).get(
    `/v1/orgs/${TOWN}/reports/2025?minPosition=${lastPosition}&waitMs=20000`,
  );
  expect(r.status).toBe(200);
  expect(r.body.stale).toBe(false);
  return r.body;
};

describe('EventVoided and the history of an entity', () => {
  const received = b.received({
    id: '2025-001',
    org: TOWN,
    applicantType: 'naturalPerson',
    at: at('2025-03-03'),
  });
  const concluded = b.concluded({ id: '2025-001', org: TOWN, outcome: 'disclosed', at: at('2025-03-20') });

  it('voids an application with its conclusion, takes it afresh with another applicant type, and the report follows', async () => {
    const submit = client(svc.base, tokens.townSubmitter);
    const first = await submit.post('/v1/events', { events: [received, concluded] });
    expect(first.status).toBe(202);
    expect((await report(first.body.lastPosition)).applications.rows.newReceived).toEqual([
      1, 0, 0, 0, 0, 0, 1,
    ]);

    const alone = await submit.post('/v1/events', { events: [voiding(received)] });
    expect(alone.status).toBe(422);
    expect(alone.body.error.details).toEqual([
      expect.objectContaining({
        index: 0,
        code: 'void.hasDependants',
        reason: expect.stringContaining(concluded.eventId),
      }),
    ]);

    const redo = await submit.post('/v1/events', {
      events: [
        voiding(concluded),
        voiding(received),
        b.received({
          id: '2025-001',
          org: TOWN,
          applicantType: 'commercialEnterprise',
          at: at('2025-03-03'),
        }),
        b.concluded({ id: '2025-001', org: TOWN, outcome: 'disclosed', at: at('2025-03-20') }),
      ],
    });
    expect(redo.status).toBe(202);
    const rows = (await report(redo.body.lastPosition)).applications.rows;
    expect(rows.newReceived).toEqual([0, 1, 0, 0, 0, 0, 1]);
    expect(rows.disclosed).toEqual([0, 1, 0, 0, 0, 0, 1]);
  });

  it('lists both records in the history, oldest first, the voided ones flagged with their void', async () => {
    const r = await client(svc.base, tokens.countyReader).get(`/v1/orgs/${TOWN}/history?entity=app:2025-001`);
    expect(r.status).toBe(200);
    expect(r.body.items.map((i: { type: string; voided: boolean }) => [i.type, i.voided])).toEqual([
      ['ApplicationReceived', true],
      ['ApplicationConcluded', true],
      ['EventVoided', false],
      ['EventVoided', false],
      ['ApplicationReceived', false],
      ['ApplicationConcluded', false],
    ]);
    const [first, , void1] = r.body.items;
    expect(first).toMatchObject({
      eventId: received.eventId,
      occurredAt: received.occurredAt,
      data: received.data,
      actor: { tokenId: expect.any(String), label: expect.stringMatching(/^submitter /) },
      voidedBy: { reason: '申请人类型登记错误' },
    });
    expect(first.voidedBy.eventId).toBe(r.body.items[3].eventId);
    expect(void1.data).toEqual({ voidedEventId: concluded.eventId, reason: '申请人类型登记错误' });
    expect(typeof first.recordedAt).toBe('string');
    expect(r.body.items.map((i: { position: number }) => i.position)).toEqual(
      [...r.body.items.map((i: { position: number }) => i.position)].sort((x: number, y: number) => x - y),
    );
  });

  it('answers an unknown entity with an empty list, a malformed key with 400, an unknown org with 404, and an org out of reach with 403', async () => {
    const reader = client(svc.base, tokens.countyReader);
    expect((await reader.get(`/v1/orgs/${TOWN}/history?entity=app:nope`)).body.items).toEqual([]);
    const bad = await reader.get(`/v1/orgs/${TOWN}/history?entity=application-1`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('entity');
    expect((await reader.get(`/v1/orgs/${TOWN}/history`)).status).toBe(400);
    expect((await client(svc.base, ADMIN).get(`/v1/orgs/vd-nowhere/history?entity=app:1`)).status).toBe(404);
    expect((await client(svc.base, tokens.otherReader).get(`/v1/orgs/${TOWN}/history?entity=app:2025-001`)).status).toBe(403); // prettier-ignore
  });

  it("refuses a void of another org's event as unknown within the voiding org", async () => {
    const r = await client(svc.base, ADMIN).post('/v1/events', { events: [voiding(received, 'x', OTHER)] });
    expect(r.status).toBe(422);
    expect(r.body.error.details[0].code).toBe('void.unknownEvent');
  });

  it('refuses a reason longer than 500 characters or empty (400)', async () => {
    const submit = client(svc.base, tokens.townSubmitter);
    for (const reason of ['', '字'.repeat(501)]) {
      const r = await submit.post('/v1/events', { events: [voiding(received, reason)] });
      expect(r.status).toBe(400);
    }
  });
});

import { DisclosureEvent, parseOffsetDateTime } from '@app/domain';
import { EventStore, OrgsRepository } from '@app/event-store';
import { TestDb, createTestDb } from '@app/testing/test-db';
import { allProjectedReports, drainUntilCaughtUp, referenceAndProjected } from '@app/testing/reference';
import {
  concluded,
  documentIssued,
  documentRepealed,
  event,
  feeNoticed,
  feePaid,
  posted,
  received,
  withdrawn,
} from '@app/testing/builders';
import { Projector } from './projector';

const PARTITIONS = 2;
const ORG = 'town-v';
let db: TestDb;
let store: EventStore;

const withMs = (events: DisclosureEvent[]) =>
  events.map((e) => ({ ...e, occurredAtMs: parseOffsetDateTime(e.occurredAt) as number }));
const append = (events: DisclosureEvent[]) => store.append(withMs(events), new Map([[ORG, 'Asia/Shanghai']]));
const voiding = (target: DisclosureEvent) =>
  event('EventVoided', { voidedEventId: target.eventId, reason: '登记错误' }, { org: ORG, at: '2023-06-01T09:00:00+08:00' }); // prettier-ignore
const projectorOf = (batchSize: number, readChunk?: number) =>
  new Projector(db.pool, new OrgsRepository(db.pool), batchSize, { readChunk });
const settle = (p: Projector) => drainUntilCaughtUp(db.pool, p, PARTITIONS);
const states = async () =>
  (await db.pool.query(`SELECT org_id, entity_key, kind, open, state FROM rm_entities ORDER BY 1, 2`)).rows;
const openApplications = async () =>
  (
    await db.pool.query(
      `SELECT entity_key FROM rm_entities WHERE org_id = $1 AND kind = 'application' AND open ORDER BY 1`,
      [ORG],
    )
  ).rows.map((r) => r.entity_key);

beforeAll(async () => {
  db = await createTestDb('voids');
  const orgs = new OrgsRepository(db.pool);
  await orgs.insert({ orgId: 'county-v', name: '县', kind: 'county', parentId: null, timeZone: 'Asia/Shanghai' }, []); // prettier-ignore
  await orgs.insert({ orgId: ORG, name: '镇', kind: 'town', parentId: 'county-v', timeZone: 'Asia/Shanghai' }, ['county-v']); // prettier-ignore
  store = new EventStore(db.pool, PARTITIONS);
  await projectorOf(50).ensureCheckpoints(PARTITIONS);
});
afterAll(() => db.drop());

describe('voids in the projector', () => {
  it('projects voids (later batches and the same batch as the voided event) as the fold without the voided events, incrementally and on rebuild', async () => {
    const o = { org: ORG };
    const a1 = received({ ...o, id: 'A1', applicantType: 'naturalPerson' });
    const c1 = concluded({ ...o, id: 'A1', outcome: 'disclosed' });
    const n1 = feeNoticed({ ...o, id: 'A1', amountYuan: '30.00' });
    const p1 = feePaid({ ...o, id: 'A1', amountYuan: '30.00' });
    const a2 = received({ ...o, id: 'A2' });
    const post = posted({ ...o, id: 'P1' });
    const post2 = posted({ ...o, id: 'P2' });
    const doc = documentIssued({ ...o, id: 'D1' });
    const projector = projectorOf(3);
    await append([a1, c1, n1, p1, a2, post, post2, withdrawn({ ...o, id: 'P2' }), doc]);
    await settle(projector);
    expect(await openApplications()).toEqual(['app:A2']);

    // Later batches: the voided events were applied before; one void per event, dependants together.
    await append([voiding(p1), voiding(n1), voiding(c1), voiding(a1)]);
    await append([received({ ...o, id: 'A1', applicantType: 'commercialEnterprise' }), concluded({ ...o, id: 'A1' })]); // prettier-ignore
    await append([voiding(a2), voiding(post), voiding(doc)]);
    // The same batch: recorded and voided together, then recorded afresh.
    const a3 = received({ ...o, id: 'A3' });
    await append([a3, voiding(a3), received({ ...o, id: 'A3', applicantType: 'legalServiceAgency' })]);
    // A stream of a kind no row is kept for, voided and issued afresh as a rule, then repealed in a
    // later batch: the repeal's state is folded again from the log, without the voided issue.
    const d2 = documentIssued({ ...o, id: 'D2', kind: 'normativeDocument' });
    await append([d2]);
    await settle(projector);
    await append([voiding(d2), documentIssued({ ...o, id: 'D2', kind: 'rule' })]);
    await settle(projector);
    await append([documentRepealed({ ...o, id: 'D2', at: '2023-07-01T09:00:00+08:00' })]);
    await settle(projector);

    const { reference, projected } = await referenceAndProjected(db.pool);
    expect(projected).toEqual(reference);
    const r2023 = projected.get(`${ORG}|2023`) as {
      applications: { rows: Record<string, number[]> };
      processingFees: unknown;
      publications: { total: number };
      proactive: { normativeDocuments: { issued: number }; rules: { issued: number; repealed: number } };
    };
    expect(r2023.applications.rows.newReceived).toEqual([0, 1, 0, 0, 1, 0, 2]);
    expect(r2023.applications.rows.disclosed).toEqual([0, 1, 0, 0, 0, 0, 1]);
    expect(r2023.processingFees).toEqual({ noticesIssued: 0, noticedYuan: '0', collectedYuan: '0' });
    expect(r2023.publications.total).toBe(0);
    expect(r2023.proactive.normativeDocuments.issued).toBe(0);
    expect(r2023.proactive.rules).toMatchObject({ issued: 1, repealed: 1 });
    // The deadline list reads open applications from rm_entities: the voided A2 is gone.
    expect(await openApplications()).toEqual(['app:A3']);

    const incremental = { reports: await allProjectedReports(db.pool), states: await states() };
    await projectorOf(2, 1).rebuild(PARTITIONS);
    expect({ reports: await allProjectedReports(db.pool), states: await states() }).toEqual(incremental);
    await projectorOf(1000).rebuild(PARTITIONS);
    expect({ reports: await allProjectedReports(db.pool), states: await states() }).toEqual(incremental);
  });

  it('stores a void in the stream of the event it voids, at the next version', async () => {
    const rows = (
      await db.pool.query(
        `SELECT stream_version AS v, type FROM events WHERE stream_id = $1 ORDER BY stream_version`,
        [`${ORG}/app:A3`],
      )
    ).rows;
    expect(rows).toEqual([
      { v: 1, type: 'ApplicationReceived' },
      { v: 2, type: 'EventVoided' },
      { v: 3, type: 'ApplicationReceived' },
    ]);
  });
});

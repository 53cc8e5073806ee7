import { DisclosureEvent, parseOffsetDateTime } from '@app/domain';
import { EventStore, OrgsRepository } from '@app/event-store';
import { TestDb, createTestDb } from '@app/testing/test-db';
import { allProjectedReports, drainUntilCaughtUp, referenceAndProjected } from '@app/testing/reference';
import {
  decisionRecorded,
  documentIssued,
  documentRepealed,
  inForceDeclared,
  posted,
  received,
  reviewConcluded,
  reviewFiled,
  withdrawn,
} from '@app/testing/builders';
import { Projector } from './projector';

// rm_entities keeps only the states read outside the projector; a stream of any other kind that
// a later batch continues is folded again from the log. These tests continue such streams across
// batches and expect exactly what a from-scratch fold of the log says.

const PARTITIONS = 2;
const ORG = 'town-s';
let db: TestDb;
let store: EventStore;
let projector: Projector;

const append = (events: DisclosureEvent[]) =>
  store.append(
    events.map((e) => ({ ...e, orgId: ORG, occurredAtMs: parseOffsetDateTime(e.occurredAt) as number })),
    new Map([[ORG, 'Asia/Shanghai']]),
  );
const drainAll = () => drainUntilCaughtUp(db.pool, projector, PARTITIONS);
const keptKinds = async () =>
  (await db.pool.query(`SELECT DISTINCT kind FROM rm_entities ORDER BY kind`)).rows.map((r) => r.kind);

beforeAll(async () => {
  db = await createTestDb('stream_states');
  const orgs = new OrgsRepository(db.pool);
  await orgs.insert({ orgId: 'county-s', name: '县', kind: 'county', parentId: null, timeZone: 'Asia/Shanghai' }, []); // prettier-ignore
  await orgs.insert({ orgId: ORG, name: '镇', kind: 'town', parentId: 'county-s', timeZone: 'Asia/Shanghai' }, ['county-s']); // prettier-ignore
  store = new EventStore(db.pool, PARTITIONS);
  projector = new Projector(db.pool, new OrgsRepository(db.pool), 3);
  await projector.ensureCheckpoints(PARTITIONS);
});
afterAll(() => db.drop());

it('continues posts, documents, declarations and cases from the log, batch after batch', async () => {
  const at = (d: string) => `2023-${d}T10:00:00+08:00`;
  await append([
    posted({ id: 'P1', at: at('02-01') }),
    posted({ id: 'P2', at: at('02-02') }),
    documentIssued({ id: 'D1', at: at('02-03') }),
    inForceDeclared({ count: 10, at: at('01-02') }),
    decisionRecorded({ id: 'X1', at: at('02-04') }),
    reviewFiled({ id: 'C1', at: at('02-05') }),
    received({ id: 'A1', at: at('02-06') }),
  ]);
  await drainAll();
  // Each of these continues a stream applied by an earlier batch (the batch size is 3).
  await append([withdrawn({ id: 'P1', at: at('03-01') }), documentRepealed({ id: 'D1', at: at('03-02') })]);
  await drainAll();
  await append([
    inForceDeclared({ count: 7, at: at('03-03') }),
    reviewConcluded({ id: 'C1', at: at('03-04') }),
  ]);
  await drainAll();
  await append([inForceDeclared({ count: 4, at: at('04-01') })]);
  await drainAll();

  const { reference, projected } = await referenceAndProjected(db.pool);
  expect(projected).toEqual(reference);
  const r = reference.get(`${ORG}|2023`) as { proactive: { normativeDocuments: Record<string, number> } };
  expect(r.proactive.normativeDocuments).toEqual({ issued: 1, repealed: 1, inForce: 4 });
  // Applications and cases are read by the deadline list and the dashboard; posts, documents,
  // declarations and decisions are not, so no row is written for them.
  expect(await keptKinds()).toEqual(['application', 'review']);
});

it('keeps a row it finds up to date, whatever its kind, so none goes stale', async () => {
  // A row of a kind no longer kept, as an earlier version of the projector wrote it.
  await append([inForceDeclared({ kind: 'rule', count: 5, at: '2023-05-01T10:00:00+08:00' })]);
  await drainAll();
  const cp = await db.pool.query(`SELECT stream_version FROM events WHERE stream_id = $1 ORDER BY 1`, [`${ORG}/docbal:rule`]); // prettier-ignore
  expect(cp.rows).toHaveLength(1);
  await db.pool.query(
    `INSERT INTO rm_entities (org_id, entity_key, kind, open, state)
     VALUES ($1, 'docbal:rule', 'declaration', false, $2)`,
    [ORG, { kind: 'declaration', version: 1, firstAtMs: 0, docKind: 'rule', year: 2023, count: 5 }],
  );
  await append([inForceDeclared({ kind: 'rule', count: 3, at: '2023-05-02T10:00:00+08:00' })]);
  await drainAll();
  const row = await db.pool.query(`SELECT state FROM rm_entities WHERE entity_key = 'docbal:rule'`);
  expect(row.rows[0].state).toMatchObject({ version: 2, count: 3 });
  await append([inForceDeclared({ kind: 'rule', count: 1, at: '2023-05-03T10:00:00+08:00' })]);
  await drainAll();
  const { reference, projected } = await referenceAndProjected(db.pool);
  expect(projected).toEqual(reference);
});

it('continues streams across the chunks of one batch, from the log', async () => {
  // Posts, documents and declarations continued within one batch, chunks of two events apart:
  // their states are let go after each chunk and folded again from the log.
  const at = (d: string) => `2024-${d}T10:00:00+08:00`;
  await append([
    posted({ id: 'Q1', at: at('02-01') }),
    documentIssued({ id: 'E1', at: at('02-02') }),
    inForceDeclared({ kind: 'rule', count: 9, at: at('02-03') }),
    decisionRecorded({ id: 'Y1', at: at('02-04') }),
    posted({ id: 'Q2', at: at('02-05') }),
    withdrawn({ id: 'Q1', at: at('03-01') }),
    documentRepealed({ id: 'E1', at: at('03-02') }),
    inForceDeclared({ kind: 'rule', count: 2, at: at('03-03') }),
    withdrawn({ id: 'Q2', at: at('03-04') }),
  ]);
  const chunked = new Projector(db.pool, new OrgsRepository(db.pool), 100, { readChunk: 2 });
  await drainUntilCaughtUp(db.pool, chunked, PARTITIONS);
  const { reference, projected } = await referenceAndProjected(db.pool);
  expect(projected).toEqual(reference);
  const r = reference.get(`${ORG}|2024`) as { proactive: { normativeDocuments: Record<string, number> } };
  expect(r.proactive.normativeDocuments).toMatchObject({ issued: 1, repealed: 1 });
});

it('rebuilds to the same reports', async () => {
  const before = await allProjectedReports(db.pool);
  await projector.rebuild(PARTITIONS);
  expect(await allProjectedReports(db.pool)).toEqual(before);
});

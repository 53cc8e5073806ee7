import { DisclosureEvent, parseOffsetDateTime } from '@app/domain';
import { AppError } from '@app/config';
import { TestDb, createTestDb } from '@app/testing/test-db';
import { decisionRecorded, received } from '@app/testing/builders';
import { ADMIN_ACTOR, EventStore, SYSTEM_ACTOR } from './event-store';
import { nameUuid } from './name-uuid';
import { OrgsRepository } from './orgs.repository';

// An eventId is an org's own name for one of its facts: the key is (org, eventId). Another org
// can neither take an org's ids first nor be refused because of them.

let db: TestDb;
const zones = new Map([
  ['pk-a', 'Asia/Shanghai'],
  ['pk-b', 'Asia/Shanghai'],
]);
const as = (org: string, events: DisclosureEvent[]) =>
  events.map((e) => ({ ...e, orgId: org, occurredAtMs: parseOffsetDateTime(e.occurredAt) as number }));
const status = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: AppError) => e.status,
  );
const rowsOf = async (eventId: string) =>
  (
    await db.pool.query(
      `SELECT org_id, data->>'decisionId' AS d, actor FROM events WHERE event_id = $1 ORDER BY org_id`,
      [eventId],
    )
  ).rows;

beforeAll(async () => {
  db = await createTestDb('per_org_ids');
  const orgs = new OrgsRepository(db.pool);
  await orgs.insert({ orgId: 'pk-a', name: '甲镇', kind: 'town', parentId: null, timeZone: 'Asia/Shanghai' }, []); // prettier-ignore
  await orgs.insert({ orgId: 'pk-b', name: '乙镇', kind: 'town', parentId: null, timeZone: 'Asia/Shanghai' }, []); // prettier-ignore
});
afterAll(() => db.drop());

it('stores the same eventId under two orgs as two events, in separate transactions', async () => {
  const store = new EventStore(db.pool, 4);
  const a = decisionRecorded({ id: 'PK-1' });
  const b = { ...decisionRecorded({ id: 'PK-1b' }), eventId: a.eventId };
  expect(await store.append(as('pk-a', [a]), zones)).toMatchObject({ accepted: 1, duplicates: 0 });
  expect(await store.append(as('pk-b', [b]), zones)).toMatchObject({ accepted: 1, duplicates: 0 });
  expect((await rowsOf(a.eventId)).map((r) => [r.org_id, r.d])).toEqual([
    ['pk-a', 'PK-1'],
    ['pk-b', 'PK-1b'],
  ]);
  // Within one org the id still names one event: the same content is a duplicate, other content 409.
  expect(await store.append(as('pk-b', [b]), zones)).toMatchObject({ accepted: 0, duplicates: 1 });
  expect(await status(store.append(as('pk-a', [b]), zones))).toBe(409);
});

it('stores the same eventId under two orgs as two events within one group commit', async () => {
  const store = new EventStore(db.pool, 4, { concurrency: 1 });
  const lead = decisionRecorded({ id: 'PK-lead' });
  const a = decisionRecorded({ id: 'PK-2' });
  const b = { ...decisionRecorded({ id: 'PK-2b' }), eventId: a.eventId };
  const results = await Promise.all([
    store.append(as('pk-a', [lead]), zones),
    store.append(as('pk-a', [a]), zones, { tokenId: 't-a', label: '甲镇 张三' }),
    store.append(as('pk-b', [b]), zones, { tokenId: 't-b', label: '乙镇 李四' }),
    store.append(as('pk-b', [b]), zones, ADMIN_ACTOR),
  ]);
  expect(store.stats.transactions).toBe(2);
  expect(results.slice(1).map((r) => [r.accepted, r.duplicates])).toEqual([[1, 0], [1, 0], [0, 1]]); // prettier-ignore
  // Each row records the sender of its own batch, not of the group.
  expect(await rowsOf(a.eventId)).toEqual([
    { org_id: 'pk-a', d: 'PK-2', actor: { tokenId: 't-a', label: '甲镇 张三' } },
    { org_id: 'pk-b', d: 'PK-2b', actor: { tokenId: 't-b', label: '乙镇 李四' } },
  ]);
  expect((await rowsOf(lead.eventId))[0].actor).toEqual(SYSTEM_ACTOR);
});

it('leaves an org the ids the service derives for it, whoever sent them first under another org', async () => {
  const store = new EventStore(db.pool, 4);
  const derived = [
    nameUuid('import-report/pk-b/2024/applications.carriedOver'),
    nameUuid('ReportDrafted/pk-b/2024'),
  ];
  const taken = derived.map((eventId, i) => ({ ...decisionRecorded({ id: `PK-squat-${i}` }), eventId }));
  expect(await store.append(as('pk-a', taken), zones)).toMatchObject({ accepted: 2 });
  const own = derived.map((eventId, i) => ({ ...received({ id: `PK-own-${i}` }), eventId }));
  expect(await store.append(as('pk-b', own), zones)).toMatchObject({ accepted: 2, duplicates: 0 });
  // …and sent again, they are B's own duplicates, not A's conflict.
  expect(await store.append(as('pk-b', own), zones)).toMatchObject({ accepted: 0, duplicates: 2 });
});

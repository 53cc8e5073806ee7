import { DisclosureEvent, parseOffsetDateTime } from '@app/domain';
import { TestDb, createTestDb } from '@app/testing/test-db';
import { gatedPool } from '@app/testing/gated-pool';
import { waitUntil } from '@app/testing/reference';
import { concluded, decisionRecorded, narrativeWritten, received } from '@app/testing/builders';
import { AppError } from '@app/config';
import { EventStore } from './event-store';
import { OrgsRepository } from './orgs.repository';

// The append path on the real PostgreSQL: the lock, the reads of stored ids and stream state that
// go with BEGIN in one round trip, and the one-parameter insert.

const ORG = 'town-e';
let db: TestDb;
let store: EventStore;

const withMs = (events: DisclosureEvent[]) =>
  events.map((e) => ({ ...e, orgId: ORG, occurredAtMs: parseOffsetDateTime(e.occurredAt) as number }));
const zones = new Map([[ORG, 'Asia/Shanghai']]);
const append = (events: DisclosureEvent[], s = store) => s.append(withMs(events), zones);
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: AppError) => ({ status: e.status, codes: (e.details ?? []).map((d) => d.code) }),
  );

beforeAll(async () => {
  db = await createTestDb('event_store');
  const orgs = new OrgsRepository(db.pool);
  await orgs.insert({ orgId: 'county-e', name: '县', kind: 'county', parentId: null, timeZone: 'Asia/Shanghai' }, []); // prettier-ignore
  await orgs.insert({ orgId: ORG, name: '镇', kind: 'town', parentId: 'county-e', timeZone: 'Asia/Shanghai' }, ['county-e']); // prettier-ignore
  store = new EventStore(db.pool, 4);
});
afterAll(() => db.drop());

it('stores a batch with its stream versions and answers the position of its last event', async () => {
  const r = await append([received({ id: 'V1' }), concluded({ id: 'V1' }), decisionRecorded({ id: 'VX' })]);
  const rows = (
    await db.pool.query(
      `SELECT position, stream_id, stream_version, data FROM events WHERE org_id = $1 ORDER BY position`,
      [ORG],
    )
  ).rows;
  expect(r).toEqual({ accepted: 3, duplicates: 0, lastPosition: rows[2].position });
  expect(rows.map((x) => [x.stream_id, x.stream_version])).toEqual([
    [`${ORG}/app:V1`, 1],
    [`${ORG}/app:V1`, 2],
    [`${ORG}/dec:VX`, 1],
  ]);
  expect(rows[1].data).toEqual({ applicationId: 'V1', outcome: 'disclosed' });
});

it('counts repeats in the batch and in the store once, and refuses another event under a used id', async () => {
  const first = decisionRecorded({ id: 'D-dup' });
  const stored = await append([first]);
  expect(await append([first, first])).toEqual({
    accepted: 0,
    duplicates: 2,
    lastPosition: stored.lastPosition,
  });
  const other = { ...decisionRecorded({ id: 'D-other' }), eventId: first.eventId };
  expect(await refusal(append([other]))).toEqual({ status: 409, codes: ['event.idConflict'] });
});

it('judges an event against the state its stream reached in earlier batches', async () => {
  await append([received({ id: 'S1' })]);
  await append([concluded({ id: 'S1' })]);
  expect(await refusal(append([concluded({ id: 'S1' })]))).toEqual({
    status: 409,
    codes: ['application.alreadyConcluded'],
  });
  expect(await refusal(append([concluded({ id: 'never' })]))).toEqual({
    status: 422,
    codes: ['application.notReceived'],
  });
});

it('keeps ids with quotes, backslashes and any script intact as stream ids', async () => {
  const id = `O'Brien\\2023"申请'); DROP TABLE events; --`;
  await append([received({ id })]);
  expect(await append([concluded({ id })])).toMatchObject({ accepted: 1 });
  const r = await db.pool.query(`SELECT stream_version FROM events WHERE stream_id = $1 ORDER BY 1`, [
    `${ORG}/app:${id}`,
  ]);
  expect(r.rows.map((x) => x.stream_version)).toEqual([1, 2]);
});

it('reads stream state after the org lock: a writer waiting on it sees what the holder committed', async () => {
  // The first append holds its transaction open at COMMIT until the gate opens.
  const { pool, open, atCommit: reached } = gatedPool(db.url, 2);
  try {
    const held = append([received({ id: 'L1' })], new EventStore(pool, 4));
    await reached;
    // Blocks on the org lock; its reads must come after the holder's commit, not before.
    const waiting = append([concluded({ id: 'L1' })]);
    // Opened once the second writer is seen queued on the lock, however slowly it got there.
    await waitUntil(
      async () =>
        (await db.pool.query(`SELECT 1 FROM pg_locks l JOIN pg_database d ON d.oid = l.database
                                WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = current_database()`)).rowCount! > 0, // prettier-ignore
      30_000,
      'the second writer to wait on the org lock',
    );
    open();
    await held;
    expect(await waiting).toMatchObject({ accepted: 1 });
  } finally {
    open();
    await pool.end();
  }
});

describe('group commit: batches that wait share one transaction, each decided on its own', () => {
  // One transaction at a time: the first call starts at once, every call made meanwhile waits
  // and the next transaction takes them all, in the order they came.
  const grouped = () => new EventStore(db.pool, 4, { concurrency: 1 });
  const settled = (ps: Promise<unknown>[]) =>
    Promise.all(ps.map((p) => p.then((v) => ({ ok: v }), (e: AppError) => ({ status: e.status, codes: (e.details ?? []).map((d) => d.code) })))); // prettier-ignore

  it('commits many waiting batches together and answers each with its own position', async () => {
    const s = grouped();
    const batches = Array.from({ length: 12 }, (_, i) => [decisionRecorded({ id: `G-${i}` })]);
    const results = (await Promise.all(batches.map((b) => append(b, s)))) as { lastPosition: number }[];
    expect(s.stats).toEqual({ transactions: 2, batches: 12, events: 12 });
    const rows = (
      await db.pool.query(`SELECT event_id::text AS id, position FROM events WHERE event_id = ANY($1)`, [
        batches.map((b) => b[0].eventId),
      ])
    ).rows;
    const positionOf = new Map(rows.map((r) => [r.id, r.position]));
    expect(results).toEqual(
      batches.map((b) => ({ accepted: 1, duplicates: 0, lastPosition: positionOf.get(b[0].eventId) })),
    );
  });

  it('refuses one batch of a group without touching the others, which see each other in order', async () => {
    const s = grouped();
    const results = await settled([
      append([decisionRecorded({ id: 'G-first' })], s),
      append([received({ id: 'G-app' })], s),
      append([concluded({ id: 'G-app' }), concluded({ id: 'G-nowhere' })], s), // refused whole
      append([concluded({ id: 'G-app', outcome: 'unavailable.notHeld' })], s), // sees G-app received, not concluded
      append([concluded({ id: 'G-app' })], s), // now concluded by the batch before
    ]);
    expect(s.stats).toEqual({ transactions: 2, batches: 5, events: 3 });
    expect(results.map((r) => ('ok' in r ? (r.ok as { accepted: number }).accepted : r))).toEqual([
      1,
      1,
      { status: 422, codes: ['application.notReceived'] },
      1,
      { status: 409, codes: ['application.alreadyConcluded'] },
    ]);
    const stored = await db.pool.query(
      `SELECT stream_version, data->>'outcome' AS outcome FROM events WHERE stream_id = $1 ORDER BY 1`,
      [`${ORG}/app:G-app`],
    );
    expect(stored.rows).toEqual([
      { stream_version: 1, outcome: null },
      { stream_version: 2, outcome: 'unavailable.notHeld' },
    ]);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM events WHERE stream_id = $1`, [`${ORG}/app:G-nowhere`])).rows[0].n).toBe(0); // prettier-ignore
  });

  it('refuses the batches of a sender whose token has lapsed, and only those, whatever the API remembered', async () => {
    const orgs = new OrgsRepository(db.pool);
    const mk = (label: string, expiresAt: string | null = null) =>
      orgs.createToken({ orgId: ORG, role: 'submitter', label, expiresAt });
    const [revoked, expired, valid] = [
      await mk('gone'),
      await mk('old', '2000-01-01T00:00:00Z'),
      await mk('ok'),
    ];
    await orgs.revokeToken(revoked.tokenId);
    const as = (t: { tokenId: string }, label: string, id: string) =>
      s.append(withMs([decisionRecorded({ id })]), zones, { tokenId: t.tokenId, label });
    const s = grouped();
    const results = await settled([
      as(valid, 'ok', 'T-first'),
      as(revoked, 'gone', 'T-revoked'),
      as(valid, 'ok', 'T-second'),
      as(expired, 'old', 'T-expired'),
    ]);
    expect(results.map((r) => ('ok' in r ? (r.ok as { accepted: number }).accepted : r.status))).toEqual([1, 401, 1, 401]); // prettier-ignore
    await expect(as(revoked, 'gone', 'T-alone')).rejects.toMatchObject({ status: 401, message: expect.stringContaining('was revoked at') }); // prettier-ignore
    await expect(as(expired, 'old', 'T-alone')).rejects.toMatchObject({ status: 401, message: expect.stringContaining('expired at 2000-01-01T00:00:00.000Z') }); // prettier-ignore
    const stored = await db.pool.query(`SELECT data->>'decisionId' AS id FROM events WHERE data->>'decisionId' LIKE 'T-%' ORDER BY 1`); // prettier-ignore
    expect(stored.rows.map((r) => r.id)).toEqual(['T-first', 'T-second']);
  });

  it('counts an event sent twice in one group once, and refuses its id under other content', async () => {
    const s = grouped();
    const one = decisionRecorded({ id: 'G-twice' });
    const other = { ...decisionRecorded({ id: 'G-twice-other' }), eventId: one.eventId.toUpperCase() };
    const results = await settled([
      append([decisionRecorded({ id: 'G-lead' })], s),
      append([one], s),
      append([{ ...one, eventId: one.eventId.toUpperCase() }], s),
      append([other], s),
    ]);
    const position = (await db.pool.query(`SELECT position FROM events WHERE event_id = $1`, [one.eventId]))
      .rows[0].position;
    expect(results.slice(1)).toEqual([
      { ok: { accepted: 1, duplicates: 0, lastPosition: position } },
      { ok: { accepted: 0, duplicates: 1, lastPosition: position } },
      { status: 409, codes: ['event.idConflict'] },
    ]);
    // …and once it is stored, the id in capitals is still the same event.
    expect(await append([{ ...one, eventId: one.eventId.toUpperCase() }])).toEqual({
      accepted: 0,
      duplicates: 1,
      lastPosition: position,
    });
  });

  it('takes the batches that arrive while a transaction commits into the next one', async () => {
    const { pool, open, atCommit } = gatedPool(db.url, 2);
    try {
      const s = new EventStore(pool, 4, { concurrency: 1 });
      const first = append([decisionRecorded({ id: 'G-gate-0' })], s);
      await atCommit;
      const answered: string[] = [];
      const rest = ['G-gate-1', 'G-gate-2'].map((id) => append([decisionRecorded({ id })], s).then(() => answered.push(id))); // prettier-ignore
      open();
      await first;
      await Promise.all(rest);
      expect(answered.sort()).toEqual(['G-gate-1', 'G-gate-2']);
      expect(s.stats).toEqual({ transactions: 2, batches: 3, events: 3 });
    } finally {
      open();
      await pool.end();
    }
  });

  it('splits a group the database refuses, so that only the batch at fault fails', async () => {
    const s = grouped();
    // jsonb cannot hold U+0000: PostgreSQL refuses the group's INSERT, not our checks.
    const bad = narrativeWritten({ year: 2023, section: 'overview', text: 'a\u0000b' });
    const results = await settled([
      append([decisionRecorded({ id: 'G-split-0' })], s),
      append([decisionRecorded({ id: 'G-split-1' })], s),
      append([bad], s),
      append([decisionRecorded({ id: 'G-split-2' })], s),
    ]);
    expect(results.map((r) => 'ok' in r)).toEqual([true, true, false, true]);
    const ids = ['G-split-0', 'G-split-1', 'G-split-2'].map((id) => `${ORG}/dec:${id}`);
    const stored = await db.pool.query(`SELECT stream_id FROM events WHERE stream_id = ANY($1) OR type = 'ReportNarrativeWritten' ORDER BY 1`, [ids]); // prettier-ignore
    expect(stored.rows.map((r) => r.stream_id)).toEqual(ids);
  });
});

import fc from 'fast-check';
import { TestDb, createTestDb } from '@app/testing/test-db';
import { ADMIN, Service, startService } from '@app/testing/service';
import { client } from '@app/testing/http';
import { Ev, ORG, anyEvent, at, eventOf, malformed, openingEvent } from './bad-input.arbitraries';

// Generated bad input over HTTP: every malformed event, impossible sequence and broken body gets a
// 4xx with the contract's error shape and a message a person can act on, names the offending
// event by index, and leaves the store, the projections and every report exactly as they were.

const NUM_RUNS = Number(process.env.BAD_INPUT_RUNS) || 100;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Res = { status: number; body: any };
const DAY = 86_400_000;

describe('bad input', () => {
  let db: TestDb;
  let svc: Service;
  let submit: (body: unknown, headers?: Record<string, string>) => Promise<Res>;
  let raw: (body: Buffer | string) => Promise<{ status: number; body: unknown }>;
  let before: unknown;
  const seeded: Ev[] = [];

  const storeState = async () =>
    (await db.pool.query(`SELECT count(*)::int AS n, coalesce(max(position), 0)::int AS head FROM events`))
      .rows[0];
  const everything = async () => {
    const admin = client(svc.base, ADMIN);
    const reports = [];
    for (const [org, scope] of [
      [ORG, 'self'],
      ['bi-county', 'rollup'],
    ])
      for (const year of [2023, 2024, 2025])
        reports.push((await admin.get(`/v1/orgs/${org}/reports/${year}?scope=${scope}`)).body);
    const projections = (await admin.get('/v1/projections')).body;
    return { store: await storeState(), reports, projections };
  };

  beforeAll(async () => {
    db = await createTestDb('bad_input');
    svc = await startService({ databaseUrl: db.url });
    const admin = client(svc.base, ADMIN);
    for (const o of [
      { orgId: 'bi-county', name: '县', kind: 'county' },
      { orgId: ORG, name: '镇', kind: 'town', parentId: 'bi-county' },
      { orgId: 'bi-neighbour', name: '邻镇', kind: 'town', parentId: 'bi-county' },
    ])
      expect((await admin.post('/v1/orgs', o)).status).toBe(201);
    const token = (await admin.post(`/v1/orgs/${ORG}/tokens`, { role: 'submitter' })).body.token;
    const c = client(svc.base, token);
    submit = (body, headers) => c.post('/v1/events', body, headers);
    raw = async (body) => {
      const r = await fetch(`${svc.base}/v1/events`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body }); // prettier-ignore
      return { status: r.status, body: await r.json().catch(() => null) };
    };
    const e = (eventId: string, type: string, occurredAt: string, data: Record<string, unknown>): Ev => ({ eventId, type, orgId: ORG, occurredAt, data }); // prettier-ignore
    seeded.push(
      e('b1000000-0000-4000-8000-000000000001', 'ApplicationReceived', '2024-03-01T10:00:00+08:00', { applicationId: 'A1', applicantType: 'naturalPerson' }), // prettier-ignore
      e('b1000000-0000-4000-8000-000000000002', 'ApplicationReceived', '2024-03-02T10:00:00+08:00', { applicationId: 'A2', applicantType: 'commercialEnterprise' }), // prettier-ignore
      e('b1000000-0000-4000-8000-000000000003', 'ApplicationConcluded', '2024-03-10T10:00:00+08:00', { applicationId: 'A2', outcome: 'disclosed' }), // prettier-ignore
      e('b1000000-0000-4000-8000-000000000004', 'DocumentIssued', '2024-02-01T10:00:00+08:00', { documentId: 'D1', kind: 'rule' }), // prettier-ignore
      e('b1000000-0000-4000-8000-000000000005', 'AdministrativeDecisionRecorded', '2024-04-01T10:00:00+08:00', { decisionId: 'X1', kind: 'penalty' }), // prettier-ignore
    );
    const r = await submit({ events: seeded });
    expect(r.status).toBe(202);
    await admin.get(`/v1/orgs/${ORG}/reports/2024?minPosition=${r.body.lastPosition}`);
    before = await everything();
  });
  afterAll(async () => {
    await svc.stop();
    await db.drop();
  });

  /** The contract's error shape, an actionable message, and nothing stored. */
  async function expectRefused(res: Res, statuses: number[], what: unknown) {
    expect({ what, status: statuses.includes(res.status) ? 'refused as expected' : res.status }).toEqual({ what, status: 'refused as expected' }); // prettier-ignore
    const err = res.body?.error;
    expect(typeof err?.code).toBe('string');
    expect(err.message).toMatch(/\w.{15,}/);
    expect(Array.isArray(err.details)).toBe(true);
    expect(JSON.stringify(res.body)).not.toMatch(/\bat .+\.[jt]s:\d+|node_modules|SELECT |violates/);
    expect(await storeState()).toEqual((before as { store: unknown }).store);
  }

  it('refuses a batch with one malformed event whole (400), naming that event alone', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(anyEvent, { maxLength: 4 }),
        malformed,
        fc.nat(),
        async (good, bad, where) => {
          const i = where % (good.length + 1);
          const events = [...good.slice(0, i), bad.event, ...good.slice(i)];
          const res = await submit({ events });
          await expectRefused(res, [400], bad.kind);
          expect(res.body.error.code).toBe('events.invalid');
          expect(new Set(res.body.error.details.map((d: { index: number }) => d.index))).toEqual(
            new Set([i]),
          );
          for (const d of res.body.error.details) expect(d.reason.length).toBeGreaterThan(8);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  }, 120_000);

  it('refuses U+0000 and lone UTF-16 surrogates in text (the database cannot store them) as a 400 naming the field', async () => {
    const at = '2024-05-01T10:00:00+08:00';
    const cases: [string, Record<string, unknown>, string][] = [
      ['DocumentIssued', { documentId: 'D-nul', kind: 'rule', title: 'a\u0000b' }, 'data.title'],
      ['PublicationPosted', { publicationId: 'P-nul', channel: 'govWebsite', category: 'other', title: '\u0000' }, 'data.title'], // prettier-ignore
      ['ApplicationOutcomeCorrected', { applicationId: 'A2', outcome: 'disclosed', reason: 'x\u0000' }, 'data.reason'], // prettier-ignore
      ['ReportNarrativeWritten', { year: 2024, section: 'overview', text: '概述\u0000' }, 'data.text'],
      ['DocumentIssued', { documentId: 'D-sur', kind: 'rule', title: 'bad \ud800 title' }, 'data.title'],
      ['PublicationPosted', { publicationId: 'P-sur', channel: 'govWebsite', category: 'other', title: '\udc00' }, 'data.title'], // prettier-ignore
      ['ApplicationOutcomeCorrected', { applicationId: 'A2', outcome: 'disclosed', reason: 'x\udbff' }, 'data.reason'], // prettier-ignore
      ['ReportNarrativeWritten', { year: 2024, section: 'overview', text: '概述\ud83d' }, 'data.text'],
      ['DocumentIssued', { documentId: 'D\ud800', kind: 'rule' }, 'data.documentId'],
    ];
    for (const [type, data, field] of cases) {
      const res = await submit({ events: [{ eventId: 'b1000000-0000-4000-8000-00000000f000', type, orgId: ORG, occurredAt: at, data }] }); // prettier-ignore
      await expectRefused(res, [400], type);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual([field]);
    }
  });

  it('refuses an org name with U+0000 or a lone surrogate as a 400 naming the field', async () => {
    const admin = client(svc.base, ADMIN);
    for (const name of ['镇\u0000', 'bad \ud800 name', '\udc00镇']) {
      const res = await admin.post('/v1/orgs', { orgId: 'bi-bad-name', name, kind: 'town', parentId: 'bi-county' }); // prettier-ignore
      expect(res.status).toBe(400);
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toEqual(['name']);
    }
    expect((await admin.get('/v1/orgs/bi-bad-name')).status).toBe(404);
  });

  // Well-formed events the stored history (or the clock) makes impossible: 409 or 422, or 403
  // for another org's event; each names the offending event.
  const impossible: fc.Arbitrary<{ kind: string; events: Ev[]; status: number; asAdmin?: boolean }> =
    fc.oneof(
      fc.tuple(openingEvent, fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 4, maxLength: 8 })).map(([e, h]) => ({ kind: 'unknown org', events: [{ ...e, orgId: `bi-nobody-${h}` }], status: 422, asAdmin: true })), // prettier-ignore
      fc.tuple(openingEvent, fc.integer({ min: 10, max: 5 * 365 * 24 * 60 })).map(([e, min]) => ({ kind: 'in the future', events: [{ ...e, occurredAt: at(Date.now() + min * 60_000) }], status: 422 })), // prettier-ignore
      fc.tuple(eventOf('ApplicationConcluded'), fc.integer({ min: 1, max: 300 })).map(([e, d]) => ({ kind: 'concluded before received', events: [{ ...e, occurredAt: at(Date.parse('2024-03-01T02:00:00Z') - d * DAY), data: { ...e.data, applicationId: 'A1' } }], status: 422 })), // prettier-ignore
      eventOf('ApplicationConcluded').map((e) => ({ kind: 'concluded twice (stored)', events: [{ ...e, occurredAt: '2024-05-01T10:00:00+08:00', data: { ...e.data, applicationId: 'A2' } }], status: 409 })), // prettier-ignore
      fc
        .tuple(
          eventOf('ApplicationReceived'),
          eventOf('ApplicationConcluded'),
          eventOf('ApplicationConcluded'),
        )
        .map(([r, c1, c2]) => {
          const id = r.data.applicationId;
          const t = Date.parse('2024-06-01T02:00:00Z');
          // The first conclusion must stand: other.feeUnpaid needs an unpaid fee notice past its days to pay.
          const first = c1.data.outcome === 'other.feeUnpaid' ? 'other.other' : c1.data.outcome;
          const events = [{ ...r, occurredAt: at(t) }, { ...c1, occurredAt: at(t + DAY), data: { ...c1.data, applicationId: id, outcome: first } }, { ...c2, occurredAt: at(t + 2 * DAY), data: { ...c2.data, applicationId: id } }]; // prettier-ignore
          return { kind: 'concluded twice (in the batch)', events, status: 409 };
        }),
      eventOf('DocumentRepealed').map((e) => ({
        kind: 'repeal of an unknown document',
        events: [e],
        status: 422,
      })),
      eventOf('PublicationWithdrawn').map((e) => ({ kind: 'withdrawal of an unknown publication', events: [e], status: 422 })), // prettier-ignore
      eventOf('ReviewCaseConcluded').map((e) => ({
        kind: 'conclusion of an unfiled case',
        events: [e],
        status: 422,
      })),
      eventOf('ProcessingFeePaid').map((e) => ({ kind: 'fee paid without notice', events: [{ ...e, occurredAt: '2024-05-01T10:00:00+08:00', data: { ...e.data, applicationId: 'A1' } }], status: 422 })), // prettier-ignore
      fc.tuple(eventOf('AdministrativeFeeCollected'), fc.constantFrom('0', '0.00', '0.0')).map(([e, a]) => ({ kind: 'zero amount', events: [{ ...e, data: { ...e.data, amountYuan: a } }], status: 422 })), // prettier-ignore
      eventOf('AdministrativeDecisionRecorded').map((e) => ({ kind: 'decision recorded twice', events: [{ ...e, data: { ...e.data, decisionId: 'X1' } }], status: 409 })), // prettier-ignore
      fc.constantFrom(0, 1, 2, 3, 4).map((k) => ({ kind: 'used eventId, other content', events: [{ ...seeded[k], occurredAt: '2024-07-07T07:07:07+08:00' }], status: 409 })), // prettier-ignore
      openingEvent.map((e) => ({
        kind: "another org's event",
        events: [{ ...e, orgId: 'bi-neighbour' }],
        status: 403,
      })),
    );

  it('refuses a batch whose events the stored history makes impossible (403/409/422), whole', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(openingEvent, { maxLength: 3 }), impossible, async (good, bad) => {
        const body = { events: [...good, ...bad.events] };
        // An unknown org is a 422 for the admin; a submitter token is refused any other org first (403).
        const res = bad.asAdmin ? await client(svc.base, ADMIN).post('/v1/events', body) : await submit(body);
        await expectRefused(res, [bad.status], bad.kind);
        const last = good.length + bad.events.length - 1;
        expect(res.body.error.details.map((d: { index: number }) => d.index)).toContain(last);
      }),
      { numRuns: NUM_RUNS },
    );
  }, 120_000);

  // Big bodies are built when sent, so that a failure report names the case instead of printing it.
  const broken: fc.Arbitrary<{ kind: string; body: Buffer | string | (() => string); status: number[] }> =
    fc.oneof(
      fc.string().filter((s) => { try { JSON.parse(s); return false; } catch { return true; } }).map((s) => ({ kind: 'not JSON', body: s, status: [400] })), // prettier-ignore
      fc.jsonValue().filter((v) => !(v && typeof v === 'object' && 'events' in v)).map((v) => ({ kind: 'not a batch', body: JSON.stringify(v), status: [400] })), // prettier-ignore
      fc.constantFrom('{"events":[]}', '{"events":{}}', '{"events":"x"}', '{"events":null}', '{"events":[null]}', '{"events":[1,2]}', '{"events":[[]]}').map((s) => ({ kind: 'events not a list of events', body: s, status: [400] })), // prettier-ignore
      fc.tuple(anyEvent, fc.string({ minLength: 1, maxLength: 8 })).map(([e, k]) => ({ kind: 'extra top-level field', body: JSON.stringify({ events: [e], [`x${k}`]: 1 }), status: [400] })), // prettier-ignore
      fc
        .tuple(
          anyEvent,
          fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc0, 0xaf]),
        )
        .map(([e, bytes]) => {
          const [head, tail] = JSON.stringify({ events: [e] }).split(e.eventId);
          return { kind: 'invalid UTF-8', body: Buffer.concat([Buffer.from(head + e.eventId.slice(0, 8)), Buffer.from(bytes), Buffer.from(e.eventId.slice(8) + tail)]), status: [400] }; // prettier-ignore
        }),
      fc.integer({ min: 1_000, max: 200_000 }).map((d) => ({ kind: `nesting ${d} deep`, body: () => '['.repeat(d) + ']'.repeat(d), status: [400, 413] })), // prettier-ignore
      fc.tuple(anyEvent, fc.integer({ min: 100, max: 20_000 })).map(([e, d]) => ({ kind: 'deep nesting in data', body: JSON.stringify({ events: [e] }).replace(/"data":\{/, `"data":{"n":${'{"n":'.repeat(d)}1${'}'.repeat(d)},`), status: [400] })), // prettier-ignore
      fc.tuple(anyEvent, fc.integer({ min: 1001, max: 1200 })).map(([e, n]) => ({ kind: `${n} events`, body: () => JSON.stringify({ events: Array(n).fill(e) }), status: [400] })), // prettier-ignore
      fc.tuple(anyEvent, fc.integer({ min: 1, max: 2 * 1024 * 1024 })).map(([e, pad]) => ({ kind: `1 MiB + ${pad} bytes`, body: () => JSON.stringify({ events: [{ ...e, data: { ...e.data, title: 'x'.repeat(1024 * 1024 + pad) } }] }), status: [413] })), // prettier-ignore
    );

  it('refuses broken bodies: not JSON, not a batch, invalid UTF-8, deep nesting, too many, too big', async () => {
    await fc.assert(
      fc.asyncProperty(broken, async (b) => expectRefused(await raw(typeof b.body === 'function' ? b.body() : b.body), b.status, b.kind)), // prettier-ignore
      { numRuns: Math.ceil(NUM_RUNS / 2) },
    );
  }, 120_000);

  it('leaves the store, the projections and every report exactly as they were', async () => {
    expect(await everything()).toEqual(before);
  });
});

import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import { TestDb, createTestDb } from '@app/testing/test-db';
import { ADMIN, Service, startService } from '@app/testing/service';
import { client } from '@app/testing/http';
import { rawPost } from './access.raw-post';

// Every /v1 route, as the OpenAPI document lists it, tried with no token, a wrong token, another
// org's submitter token and a reader token of another county: the contract's 401/403/404, the
// contract's error shape, and not one figure, name or text of the org the token may not read.

const TARGET = 'ac-other-town';
const NAME = '邻县秘密镇 SECRETNAME';
const TEXT = 'SECRETTEXT 不得外泄';
const MARKERS = ['SECRETNAME', 'SECRETTEXT', '7777', '0.876543', '8765.43', '秘密镇'];

type Who = 'none' | 'wrong' | 'otherSubmitter' | 'otherReader' | 'ownReader';
type Rule = { body?: unknown; expect: Partial<Record<Who, number[]>> };
const DENIED_READ = [403, 404];

/** The routes, kept here on purpose: a route added without a row here fails the first test. */
const ROUTES: Record<string, Rule> = {
  'POST /v1/events': {
    body: { events: [decision('denied-1')] },
    expect: { otherSubmitter: [403], otherReader: [403], ownReader: [403] },
  },
  'POST /v1/orgs': {
    body: { orgId: 'ac-intruder', name: 'intruder', kind: 'town', parentId: 'ac-other' },
    expect: { otherSubmitter: [403], otherReader: [403], ownReader: [403] },
  },
  'GET /v1/orgs/{orgId}': {
    expect: { otherSubmitter: DENIED_READ, otherReader: DENIED_READ, ownReader: [200] },
  },
  'POST /v1/orgs/{orgId}/tokens': {
    body: { role: 'submitter' },
    expect: { otherSubmitter: [403], otherReader: [403], ownReader: [403] },
  },
  'GET /v1/orgs/{orgId}/tokens': {
    expect: { otherSubmitter: [403], otherReader: [403], ownReader: [403] },
  },
  'DELETE /v1/tokens/{tokenId}': {
    expect: { otherSubmitter: [403], otherReader: [403], ownReader: [403] },
  },
  'GET /v1/orgs/{orgId}/reports/{year}': {
    expect: { otherSubmitter: DENIED_READ, otherReader: DENIED_READ, ownReader: [200] },
  },
  'POST /v1/orgs/{orgId}/reports/{year}/publish': {
    expect: { otherSubmitter: DENIED_READ, otherReader: DENIED_READ, ownReader: [403] },
  },
  'POST /v1/orgs/{orgId}/reports/{year}/submit': {
    expect: { otherSubmitter: DENIED_READ, otherReader: DENIED_READ, ownReader: [403] },
  },
  'POST /v1/orgs/{orgId}/reports/{year}/return': {
    body: { comments: [{ text: '请核实' }] },
    expect: { otherSubmitter: DENIED_READ, otherReader: DENIED_READ, ownReader: [403] },
  },
  'POST /v1/orgs/{orgId}/reports/{year}/clear': {
    expect: { otherSubmitter: DENIED_READ, otherReader: DENIED_READ, ownReader: [403] },
  },
  // Settings belong to a county: the target is a town, so its own reader learns only that.
  'GET /v1/orgs/{orgId}/settings': {
    expect: { otherSubmitter: DENIED_READ, otherReader: DENIED_READ, ownReader: [422] },
  },
  'PUT /v1/orgs/{orgId}/settings': {
    body: { townReportDue: '02-15' },
    expect: { otherSubmitter: [403], otherReader: [403], ownReader: [403] },
  },
  'GET /v1/orgs/{orgId}/reports/{year}/comparison': {
    expect: { otherSubmitter: DENIED_READ, otherReader: DENIED_READ, ownReader: [200] },
  },
  'GET /v1/orgs/{orgId}/reports/{year}/review-sheet': {
    expect: { otherSubmitter: DENIED_READ, otherReader: DENIED_READ, ownReader: [200] },
  },
  // Without ?entity= the request is malformed for everyone; with it, the org is checked first.
  'GET /v1/orgs/{orgId}/history': {
    expect: { otherSubmitter: [400, ...DENIED_READ], otherReader: [400, ...DENIED_READ], ownReader: [400] },
  },
  'GET /v1/orgs/{orgId}/applications/{applicationId}/fee-quote': {
    expect: { otherSubmitter: DENIED_READ, otherReader: DENIED_READ, ownReader: [200] },
  },
  'GET /v1/orgs/{orgId}/applications/{applicationId}': {
    expect: { otherSubmitter: DENIED_READ, otherReader: DENIED_READ, ownReader: [200] },
  },
  // Without ?year= the upload is malformed for everyone; with it, the org is checked first.
  'POST /v1/orgs/{orgId}/imports/report': {
    body: 'not a report',
    expect: { otherSubmitter: [400, ...DENIED_READ], otherReader: [400, ...DENIED_READ], ownReader: [400] },
  },
  // About the token itself, and the national format's words: nobody's figures.
  'GET /v1/session': { expect: { otherSubmitter: [200], otherReader: [200], ownReader: [200] } },
  'GET /v1/labels': { expect: { otherSubmitter: [200], otherReader: [200], ownReader: [200] } },
  'GET /v1/orgs/{orgId}/deadlines': {
    expect: { otherSubmitter: DENIED_READ, otherReader: DENIED_READ, ownReader: [200] },
  },
  'GET /v1/orgs/{orgId}/dashboard': { expect: { otherSubmitter: DENIED_READ, otherReader: DENIED_READ } },
  'GET /v1/orgs/{orgId}/ledgers/{kind}': {
    expect: { otherSubmitter: DENIED_READ, otherReader: DENIED_READ, ownReader: [200] },
  },
  'POST /v1/orgs/{orgId}/ledgers/{kind}': {
    body: 'not a workbook',
    expect: { otherSubmitter: DENIED_READ, otherReader: DENIED_READ, ownReader: [403] },
  },
  // Not about one org: any valid token may ask, and the answer must hold nobody's figures.
  'GET /v1/ledgers/{kind}/template.xlsx': { expect: { otherSubmitter: [200], otherReader: [200], ownReader: [200] } }, // prettier-ignore
  'GET /v1/projections': { expect: { otherSubmitter: [200], otherReader: [200], ownReader: [200] } },
  'GET /v1/dashboards': { expect: { otherSubmitter: [200], otherReader: [200], ownReader: [200] } },
};
const PARAMS: Record<string, string> = { orgId: TARGET, year: '2024', kind: 'decisions', applicationId: 'ac-app-1' }; // prettier-ignore

function decision(decisionId: string, count?: number) {
  return {
    eventId: randomUUID(),
    type: 'AdministrativeDecisionRecorded',
    orgId: TARGET,
    occurredAt: '2024-05-06T10:00:00+08:00',
    data: { decisionId, kind: 'licensing', ...(count ? { count } : {}) },
  };
}

describe('access', () => {
  let db: TestDb;
  let svc: Service;
  let admin: ReturnType<typeof client>;
  const tokens: Record<string, string> = {};
  const routes: { method: string; template: string; path: string }[] = [];

  beforeAll(async () => {
    db = await createTestDb('access');
    // Every route is tried with five bad tokens here; the limit on failed attempts has its own spec.
    svc = await startService({ databaseUrl: db.url, env: { AUTH_FAILURES_PER_MINUTE: '100000' } });
    admin = client(svc.base, ADMIN);
    const orgs = [
      { orgId: 'ac-county', name: '本县', kind: 'county' },
      { orgId: 'ac-town', name: '本县一镇', kind: 'town', parentId: 'ac-county' },
      { orgId: 'ac-other', name: '邻县', kind: 'county' },
      { orgId: TARGET, name: NAME, kind: 'town', parentId: 'ac-other' },
    ];
    for (const o of orgs) expect((await admin.post('/v1/orgs', o)).status).toBe(201);
    const issue = async (orgId: string, role: string) =>
      (await admin.post(`/v1/orgs/${orgId}/tokens`, { role })).body.token as string;
    tokens.otherSubmitter = await issue('ac-town', 'submitter');
    tokens.otherReader = await issue('ac-county', 'reader');
    tokens.ownReader = await issue(TARGET, 'reader');
    tokens.ownSubmitter = await issue(TARGET, 'submitter');
    tokens.wrong = `gk_s_${randomUUID()}`;
    // A token for DELETE /v1/tokens/{tokenId} to revoke (the admin revokes it, the others may not).
    PARAMS.tokenId = (await admin.post(`/v1/orgs/${TARGET}/tokens`, { role: 'reader' })).body.tokenId;
    const events = [
      decision('secret-1', 7777),
      { ...decision('x'), type: 'ApplicationReceived', data: { applicationId: 'ac-app-1', applicantType: 'naturalPerson' } }, // prettier-ignore
      {
        ...decision('x'),
        type: 'AdministrativeFeeCollected',
        data: { receiptId: 'r1', amountYuan: '8765.43' },
      },
      {
        ...decision('x'),
        type: 'ReportNarrativeWritten',
        data: { year: 2024, section: 'overview', text: TEXT },
      },
    ];
    const r = await client(svc.base, tokens.ownSubmitter).post('/v1/events', { events });
    expect(r.status).toBe(202);
    const report = await admin.get(`/v1/orgs/${TARGET}/reports/2024?minPosition=${r.body.lastPosition}`);
    expect(report.body.proactive.licensing).toBe(7777);

    const doc = (await client(svc.base).get('/docs-json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    for (const [template, ops] of Object.entries(doc.paths))
      for (const method of Object.keys(ops))
        if (template.startsWith('/v1/'))
          routes.push({
            method: method.toUpperCase(),
            template,
            path: template.replace(/\{(\w+)\}/g, (_, p: string) => PARAMS[p] ?? `{unknown parameter ${p}}`),
          });
  });
  afterAll(async () => {
    await svc.stop();
    await db.drop();
  });

  it('knows every /v1 route of the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThanOrEqual(Object.keys(ROUTES).length);
    const missing = routes.map((r) => `${r.method} ${r.template}`).filter((k) => !ROUTES[k]);
    expect(missing).toEqual([]);
    expect(routes.filter((r) => r.path.includes('unknown parameter'))).toEqual([]);
  });

  it('answers 401 without a token or with a wrong one, on every route', async () => {
    for (const r of routes)
      for (const token of [undefined, tokens.wrong, 'Bearer', '', ADMIN.slice(0, -1)]) {
        const res = await client(svc.base, token).call(
          r.method,
          r.path,
          ROUTES[`${r.method} ${r.template}`]?.body,
        );
        expect({ route: `${r.method} ${r.path}`, status: res.status }).toEqual({ route: `${r.method} ${r.path}`, status: 401 }); // prettier-ignore
        expectProblem(res.body);
      }
  });

  it('answers 403/404 to tokens of other orgs, and lets no figure, name or text of the org out', async () => {
    for (const r of routes) {
      const rule = ROUTES[`${r.method} ${r.template}`];
      for (const [who, statuses] of Object.entries(rule.expect) as [Who, number[]][]) {
        const res = await client(svc.base, tokens[who]).call(r.method, r.path, rule.body);
        const label = `${who} ${r.method} ${r.path}`;
        expect({ label, status: statuses.includes(res.status) ? 'as expected' : res.status }).toEqual({ label, status: 'as expected' }); // prettier-ignore
        if (res.status >= 400) expectProblem(res.body);
        if (who !== 'ownReader')
          for (const m of MARKERS) expect({ label, leaks: JSON.stringify(res.body).includes(m) ? m : null }).toEqual({ label, leaks: null }); // prettier-ignore
      }
    }
    // None of the refused writes changed anything.
    const counts = await db.pool.query(
      `SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM orgs)::int AS orgs, (SELECT count(*) FROM tokens)::int AS tokens`,
    );
    expect(counts.rows[0]).toEqual({ events: 4, orgs: 4, tokens: 5 });
  });

  it('the admin token reaches every route (so the refusals above are about the token, not the URL)', async () => {
    for (const r of routes) {
      const res = await admin.call(r.method, r.path, ROUTES[`${r.method} ${r.template}`]?.body);
      expect({ route: `${r.method} ${r.path}`, ok: ![401, 403, 404].includes(res.status) }).toEqual({ route: `${r.method} ${r.path}`, ok: true }); // prettier-ignore
    }
  });

  it('stores tokens only as hashes, and compares them in constant time', async () => {
    const plain = [tokens.otherSubmitter, tokens.otherReader, tokens.ownReader, tokens.ownSubmitter];
    // Four issued tokens, so the search below looks for something.
    for (const t of plain) expect(t).toMatch(/^gk_[sr]_.{40,}$/);
    const cols = await db.pool.query(
      `SELECT table_name AS t, column_name AS c, data_type AS type FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'bytea')`,
    );
    for (const { t, c, type } of cols.rows)
      for (const token of plain) {
        const where = type === 'bytea' ? `position(convert_to($1, 'UTF8') in ${c}) > 0` : `position($1 in ${c}::text) > 0`; // prettier-ignore
        const hit = await db.pool.query(`SELECT count(*)::int AS n FROM ${t} WHERE ${where}`, [token]);
        expect({ column: `${t}.${c}`, plaintext: hit.rows[0].n }).toEqual({
          column: `${t}.${c}`,
          plaintext: 0,
        });
      }
    const hashes = (await db.pool.query(`SELECT token_hash FROM tokens`)).rows.map(
      (r) => r.token_hash as Buffer,
    );
    for (const token of plain) expect(hashes.some((h) => h.equals(Buffer.from(token)))).toBe(false);
    expect(hashes.every((h) => h.length === createHash('sha256').digest().length)).toBe(true);
    // Timing differences over HTTP are far below the noise, so the property is checked where it
    // lives: the admin token is compared as a fixed-length digest with timingSafeEqual, and org
    // tokens are found by the digest's index lookup, never by comparing the token itself.
    const source = readFileSync(resolve(__dirname, '../../apps/api/src/access/access.service.ts'), 'utf8');
    expect(source).toMatch(/timingSafeEqual\(digest, this\.adminHash\)/);
    expect(source).not.toMatch(/token\s*===|===\s*token|adminToken\s*===/);
  });

  it('refuses a body over 1 MiB from its Content-Length, before reading it', async () => {
    const r = await rawPost(svc.base, { 'content-length': String(2 * 1024 * 1024) }, 64 * 1024);
    expect(r.status).toBe(413);
    expect(r.sent).toBeLessThan(2 * 1024 * 1024);
    expect(JSON.parse(r.body).error.code).toBe('body.tooLarge');
  }, 15_000);

  it('cuts a chunked body off once it passes 1 MiB, and still takes a chunked body under it', async () => {
    const r = await rawPost(svc.base, { 'transfer-encoding': 'chunked' }, 64 * 1024 * 1024);
    expect(r.status === 413 || r.status === 'reset').toBe(true);
    expect(r.sent).toBeLessThan(16 * 1024 * 1024);
    const small = JSON.stringify({ events: [decision('chunked-ok')] });
    const ok = await rawPost(svc.base, { 'transfer-encoding': 'chunked' }, small.length, small);
    expect(ok.status).toBe(202);
  }, 30_000);

  it('reads JSON as sent (gzip, deflate, a BOM, any +json type) and refuses other formats and charsets', async () => {
    const post = async (body: string | Buffer, headers: Record<string, string>) => {
      const r = await fetch(`${svc.base}/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, ...headers }, body }); // prettier-ignore
      return { status: r.status, code: ((await r.json()) as { error?: { code: string } }).error?.code };
    };
    const batch = (id: string) => JSON.stringify({ events: [decision(id)] });
    const json = { 'content-type': 'application/json' };
    expect(await post(gzipSync(batch('gzip')), { ...json, 'content-encoding': 'gzip' })).toEqual({ status: 202, code: undefined }); // prettier-ignore
    expect(await post(deflateSync(batch('deflate')), { ...json, 'content-encoding': 'deflate' })).toEqual({ status: 202, code: undefined }); // prettier-ignore
    expect(await post('\ufeff' + batch('bom'), { 'content-type': 'application/json; charset=UTF-8' })).toEqual({ status: 202, code: undefined }); // prettier-ignore
    expect(await post(batch('plus-json'), { 'content-type': 'application/vnd.gongkai+json' })).toEqual({ status: 202, code: undefined }); // prettier-ignore
    expect(await post(batch('text'), { 'content-type': 'text/plain' })).toEqual({ status: 415, code: 'body.contentType' }); // prettier-ignore
    expect(await post(Buffer.from(batch('untyped')), {})).toEqual({ status: 415, code: 'body.contentType' });
    expect(await post(batch('latin1'), { 'content-type': 'application/json; charset=latin1' })).toEqual({ status: 415, code: 'body.encoding' }); // prettier-ignore
    expect(await post(batch('zstd'), { ...json, 'content-encoding': 'zstd' })).toEqual({ status: 415, code: 'body.encoding' }); // prettier-ignore
    expect(await post(batch('corrupt'), { ...json, 'content-encoding': 'gzip' })).toEqual({ status: 400, code: 'body.corrupt' }); // prettier-ignore
    const stored = await db.pool.query(`SELECT data->>'decisionId' AS id FROM events WHERE data->>'decisionId' = ANY($1) ORDER BY 1`, [['gzip', 'deflate', 'bom', 'plus-json', 'text', 'untyped', 'latin1', 'zstd', 'corrupt']]); // prettier-ignore
    expect(stored.rows.map((r) => r.id)).toEqual(['bom', 'deflate', 'gzip', 'plus-json']);
  });
});

function expectProblem(body: unknown) {
  const e = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } })?.error;
  expect(typeof e?.code).toBe('string');
  expect(typeof e?.message).toBe('string');
  expect((e?.message as string).length).toBeGreaterThan(10);
  expect(Array.isArray(e?.details)).toBe(true);
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/\bat .+\.[jt]s:\d+|node_modules|Error:/);
  expect(text).not.toMatch(
    /\b(SELECT|INSERT|UPDATE|DELETE) |relation "|syntax error|violates|duplicate key/i,
  );
}

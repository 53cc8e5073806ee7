import { request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { TestDb, createTestDb } from '@app/testing/test-db';
import { ADMIN, Service, startService } from '@app/testing/service';

// A request without a valid token gets nothing done for it: its body is neither read into memory,
// inflated nor parsed, and an address that keeps failing is told to wait (429, Retry-After)
// without its tokens being looked up any more. Each test speaks from its own loopback address,
// so that each starts with a clean count of failed attempts.

const LIMIT = 5;
let db: TestDb;
let svc: Service;

type Answer = { status: number; retryAfter?: string; body: { error?: { code: string; message: string; details: unknown[] } } }; // prettier-ignore

/** A request sent from `from` (any 127.x.y.z), with the body as given (bytes, not re-encoded). */
function send(from: string, method: string, path: string, headers: Record<string, string>, body?: Buffer) {
  const u = new URL(svc.base);
  return new Promise<Answer>((ok, fail) => {
    const req = request({ host: u.hostname, port: u.port, path, method, headers, localAddress: from });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        let parsed: Answer['body'] = {};
        try {
          parsed = JSON.parse(text);
        } catch {
          /* a page, not JSON */
        }
        ok({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'], body: parsed });
      });
    });
    req.on('error', fail);
    req.end(body);
  });
}

const gzipJson = { 'content-type': 'application/json', 'content-encoding': 'gzip' };
/** 64 MiB of spaces inside a JSON object, 64 KiB on the wire: inflated, it passes the 1 MiB limit. */
const bomb = gzipSync(Buffer.concat([Buffer.from('{"events": ['), Buffer.alloc(64 * 1024 * 1024, 0x20), Buffer.from(']}')])); // prettier-ignore
const notGzip = Buffer.from('this is not gzip at all');

beforeAll(async () => {
  db = await createTestDb('before_body');
  svc = await startService({ databaseUrl: db.url, env: { AUTH_FAILURES_PER_MINUTE: String(LIMIT) } });
}, 60_000);
afterAll(async () => {
  await svc?.stop();
  await db?.drop();
});

it('refuses a gzip body without a valid token before inflating it: 401, where a valid token gets 413 or 400', async () => {
  const from = '127.0.0.11';
  const admin = { ...gzipJson, authorization: `Bearer ${ADMIN}` };
  // With the admin token the body is inflated and found wanting, which is what the others skip.
  expect((await send(from, 'POST', '/v1/events', admin, bomb)).status).toBe(413);
  expect((await send(from, 'POST', '/v1/events', admin, notGzip)).body.error?.code).toBe('body.corrupt');
  for (const authorization of [undefined, 'Bearer gk_s_not-a-token']) {
    const headers = { ...gzipJson, ...(authorization ? { authorization } : {}) };
    for (const body of [bomb, notGzip]) {
      const r = await send(from, 'POST', '/v1/events', headers, body);
      expect({ status: r.status, code: r.body.error?.code }).toEqual({ status: 401, code: 'unauthorized' });
    }
  }
}, 30_000);

it(`answers 429 with Retry-After after ${LIMIT} failed attempts from one address, and only to that address`, async () => {
  const from = '127.0.0.12';
  const wrong = { authorization: 'Bearer gk_r_guessed' };
  for (let i = 0; i < LIMIT; i++)
    expect((await send(from, 'GET', '/v1/projections', wrong)).status).toBe(401);
  const limited = await send(from, 'GET', '/v1/projections', wrong);
  expect(limited.status).toBe(429);
  expect(Number(limited.retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(limited.retryAfter)).toBeLessThanOrEqual(60);
  expect(limited.body.error).toMatchObject({ code: 'auth.tooManyFailures', details: [expect.objectContaining({ field: 'authorization' })] }); // prettier-ignore
  expect(limited.body.error?.message).toMatch(/Try again in \d+ s/);
  // A limited address is not looked up any more, whatever it sends, until its minute is over.
  const admin = { authorization: `Bearer ${ADMIN}` };
  expect((await send(from, 'GET', '/v1/projections', admin)).status).toBe(429);
  expect((await send(from, 'POST', '/v1/events', { ...gzipJson, ...admin }, bomb)).status).toBe(429);
  // The pages and probes stay reachable; another address is not affected.
  for (const page of ['/health', '/docs', '/dashboard'])
    expect({ page, status: (await send(from, 'GET', page, {})).status }).toEqual({ page, status: 200 });
  expect((await send('127.0.0.13', 'GET', '/v1/projections', admin)).status).toBe(200);
}, 30_000);

it('does not count requests with a valid token', async () => {
  const from = '127.0.0.14';
  const admin = { authorization: `Bearer ${ADMIN}` };
  for (let i = 0; i < 3 * LIMIT; i++)
    expect((await send(from, 'GET', '/v1/projections', admin)).status).toBe(200);
  expect((await send(from, 'GET', '/v1/projections', {})).status).toBe(401);
});

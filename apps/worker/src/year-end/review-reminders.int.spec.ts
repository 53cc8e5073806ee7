import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLogger } from '@app/config';
import { CountySettingsRepository, EventStore, OrgsRepository, type NewEvent } from '@app/event-store';
import { event } from '@app/testing/builders';
import { stored } from '@app/testing/given';
import { TestDb, createTestDb } from '@app/testing/test-db';
import { ReviewReminders } from './review-reminders';

// The daily reminder against a real webhook receiver on loopback and the real store: what a
// county's messaging system receives, when, and that one county's broken webhook does not
// silence another's.

const log = createLogger('reminders-test');
/** 09:00 Beijing time on a day of 2026. */
const nineOn = (md: string) => Date.parse(`2026-${md}T09:00:00+08:00`);
let db: TestDb;
let server: Server;
let base: string;
const received: { path: string; key: string; body: any }[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  db = await createTestDb('reminders');
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      received.push({
        path: req.url ?? '',
        key: String(req.headers['idempotency-key']),
        body: JSON.parse(text),
      });
      res.writeHead(req.url === '/broken' ? 500 : 204).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const orgs = new OrgsRepository(db.pool);
  await orgs.insert({ orgId: 'rm-county', name: '青山县', kind: 'county', parentId: null, timeZone: 'Asia/Shanghai' }, []); // prettier-ignore
  await orgs.insert({ orgId: 'rm-town', name: '青山县城关镇', kind: 'town', parentId: 'rm-county', timeZone: 'Asia/Shanghai' }, ['rm-county']); // prettier-ignore
  await orgs.insert({ orgId: 'rm-dept', name: '青山县公安局', kind: 'department', parentId: 'rm-county', timeZone: 'Asia/Shanghai' }, ['rm-county']); // prettier-ignore
  await orgs.insert({ orgId: 'rm-broken', name: '白水县', kind: 'county', parentId: null, timeZone: 'Asia/Shanghai' }, []); // prettier-ignore
  const settings = new CountySettingsRepository(db.pool);
  await settings.put('rm-county', { townReportDue: '02-15', reminderWebhookUrl: `${base}/hook` });
  await settings.put('rm-broken', { townReportDue: null, reminderWebhookUrl: `${base}/broken` });
  const submitted = event('ReportReviewed', { year: 2025, action: 'submitted', contentSha256: 'ab' }, { org: 'rm-dept', at: '2026-01-20T10:00:00+08:00' }); // prettier-ignore
  await new EventStore(db.pool, 16).append(
    stored([submitted]) as NewEvent[],
    new Map([['rm-dept', 'Asia/Shanghai']]),
  );
});

afterAll(async () => {
  server?.close();
  await db?.drop();
});

beforeEach(() => void received.splice(0));

it('posts the county a summary of the reports not yet published, with a key per county and day', async () => {
  const reminders = new ReviewReminders(db.pool, log);
  await expect(reminders.sendAll(nineOn('02-10'))).rejects.toThrow('rm-broken');
  const hook = received.find((r) => r.path === '/hook')!;
  expect(hook.key).toBe('gongkai-reminder/rm-county/2025/2026-02-10');
  expect(hook.body).toMatchObject({ kind: 'gongkai.reviewReminder', countyId: 'rm-county', year: 2025, asOf: '2026-02-10' }); // prettier-ignore
  const byOrg = Object.fromEntries(hook.body.pending.map((p: { orgId: string }) => [p.orgId, p]));
  // The town follows the county's own date (15 February), the department 31 January.
  expect(byOrg['rm-town']).toMatchObject({
    status: 'draft',
    dueOn: '2026-02-15',
    daysLeft: 5,
    overdue: false,
  });
  expect(byOrg['rm-dept']).toMatchObject({ status: 'submitted', dueOn: '2026-01-31', overdue: true });
  expect(byOrg['rm-county']).toMatchObject({ dueOn: '2026-03-31' });
  expect(hook.body.text).toContain('已逾期1家（青山县公安局）');
  // The broken county was tried too: one failure does not silence the other.
  expect(received.map((r) => r.path).sort()).toEqual(['/broken', '/hook']);
});

it('stays silent outside 1 January to 31 March', async () => {
  const reminders = new ReviewReminders(db.pool, log);
  const out = await reminders.sendAll(Date.parse('2026-04-01T09:00:00+08:00'));
  expect(out.map((o) => o.result)).toEqual(['outOfSeason', 'outOfSeason']);
  expect(received).toEqual([]);
});

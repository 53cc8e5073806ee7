import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { DisclosureEvent } from '@app/domain';
import { nameUuid } from '@app/event-store';
import { openingBalanceEvents, parseReport } from '@app/report/import';
import * as b from '@app/testing/builders';
import { client } from '@app/testing/http';
import { ADMIN, Service, startService } from '@app/testing/service';
import { TestDb, createTestDb } from '@app/testing/test-db';

// npm run import-report, end to end: the report this service renders, and the real published
// seed, imported through the public API into orgs that adopt the service mid-life.

const ROOT = resolve(__dirname, '../..');
const SEED = join(ROOT, 'libs/report/src/fixtures/qiliying-2023-report.txt');
const at = (d: string) => `${d}T09:00:00+08:00`;
const SOURCE = 'im-source';
const EVENTS: DisclosureEvent[] = [
  b.inForceDeclared({ org: SOURCE, count: 4, at: at('2023-01-02') }),
  b.documentIssued({ org: SOURCE, id: 'R1', kind: 'rule', at: at('2023-02-01') }),
  ...b.application({ org: SOURCE, id: 'A1', receivedAt: at('2023-03-01'), concludedAt: at('2023-03-20') }),
  b.received({ org: SOURCE, id: 'A2', applicantType: 'otherOrganization', at: at('2023-12-01') }),
  b.received({ org: SOURCE, id: 'A3', applicantType: 'naturalPerson', at: at('2023-12-02') }),
  b.reviewFiled({ org: SOURCE, id: 'C1', at: at('2023-09-01') }),
  b.litigationFiled({ org: SOURCE, id: 'L1', afterReview: false, at: at('2023-10-01') }),
];

let db: TestDb;
let svc: Service;
let dir: string;
const admin = () => client(svc.base, ADMIN);

function importReport(file: string, org: string, year = 2023) {
  return spawnSync(process.execPath, ['-r', join(ROOT, 'scripts/paths.js'), join(ROOT, 'dist/scripts/import-report.js'), file, '--org', org, '--year', String(year)], {
    env: { ...process.env, GONGKAI_URL: svc.base, ADMIN_TOKEN: ADMIN },
    encoding: 'utf8',
  }); // prettier-ignore
}

async function reportOf(org: string, year: number) {
  const head = (await admin().get('/v1/projections')).body.headPosition;
  const r = await admin().get(`/v1/orgs/${org}/reports/${year}?minPosition=${head}&waitMs=30000`);
  expect(r.body.stale).toBe(false);
  return r.body;
}

beforeAll(async () => {
  db = await createTestDb('import');
  svc = await startService({ databaseUrl: db.url });
  dir = mkdtempSync(join(tmpdir(), 'gk-import-'));
  for (const [orgId, name] of [[SOURCE, '源镇'], ['im-target', '新镇'], ['im-seed', '新乡县七里营镇'], ['im-broken', '错镇']])
    await admin().post('/v1/orgs', { orgId, name, kind: 'town' }); // prettier-ignore
  expect((await admin().post('/v1/events', { events: EVENTS })).status).toBe(202);
});

afterAll(async () => {
  await svc?.stop();
  await db?.drop();
});

it('round-trips: the rendered report imported elsewhere opens the next year with the same carried figures', async () => {
  const source = await reportOf(SOURCE, 2023);
  const md = await fetch(`${svc.base}/v1/orgs/${SOURCE}/reports/2023?format=md`, { headers: { authorization: `Bearer ${ADMIN}` } }); // prettier-ignore
  const file = join(dir, 'source-2023.md');
  writeFileSync(file, await md.text());

  const first = importReport(file, 'im-target');
  expect([first.status, first.stderr]).toEqual([0, '']);
  expect(first.stdout).toContain('recorded 6 event(s); 0 were already recorded');

  const opened = await reportOf('im-target', 2024);
  const sourceNext = await reportOf(SOURCE, 2024);
  expect(opened.applications.rows.carriedIn).toEqual(source.applications.rows.carriedOut);
  expect(opened.applications.rows.carriedIn).toEqual([1, 0, 0, 0, 0, 1, 2]);
  expect(opened.reviewLitigation).toEqual(sourceNext.reviewLitigation);
  expect(opened.proactive.rules.inForce).toBe(1);
  expect(opened.proactive.normativeDocuments.inForce).toBe(4);

  const again = importReport(file, 'im-target');
  expect(again.status).toBe(0);
  expect(again.stdout).toContain('recorded 0 event(s); 6 were already recorded');
  expect((await reportOf('im-target', 2024)).applications.rows.carriedIn).toEqual([1, 0, 0, 0, 0, 1, 2]);
});

it('imports the published seed as it is', async () => {
  const r = importReport(SEED, 'im-seed');
  expect(r.status).toBe(0);
  expect(r.stdout).toContain('im-seed 2023: 2 DocumentsInForceDeclared');
  const opened = await reportOf('im-seed', 2024);
  expect(opened.applications.rows.carriedIn).toEqual([0, 0, 0, 0, 0, 0, 0]);
  expect(opened.checks.filter((c: { ok: boolean }) => !c.ok)).toEqual([]);
});

it('imports for an org whose import ids another org’s submitter sent first under its own org', async () => {
  for (const [orgId, name] of [
    ['im-victim', '乙镇'],
    ['im-squatter', '甲镇'],
  ])
    expect((await admin().post('/v1/orgs', { orgId, name, kind: 'town' })).status).toBe(201);
  const parsed = parseReport(readFileSync(SEED, 'utf8'));
  if (!parsed.ok) throw new Error('the seed no longer parses');
  // The import's ids are names anyone can compute; the squatter's submitter sends them all first.
  const keys = openingBalanceEvents(parsed.report, 'im-victim', 2023, 'Asia/Shanghai').map((e) => e.key);
  const squatter = client(svc.base, (await admin().post('/v1/orgs/im-squatter/tokens', { role: 'submitter' })).body.token); // prettier-ignore
  const taken = keys.map((key, i) => ({ ...b.decisionRecorded({ org: 'im-squatter', id: `SQ-${i}`, at: at('2024-01-05') }), eventId: nameUuid(`import-report/im-victim/${key}`) })); // prettier-ignore
  expect((await squatter.post('/v1/events', { events: taken })).status).toBe(202);

  const r = importReport(SEED, 'im-victim');
  expect([r.status, r.stderr]).toEqual([0, '']);
  expect(r.stdout).toContain(`recorded ${keys.length} event(s); 0 were already recorded`);
});

it('refuses a report that does not balance, naming the column and the row, and records nothing', async () => {
  const broken = readFileSync(SEED, 'utf8').replace(
    '四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0',
    '四、结转下年度继续办理\t\t2\t0\t0\t0\t0\t0\t2',
  );
  const file = join(dir, 'broken.txt');
  writeFileSync(file, broken);
  const head = (await admin().get('/v1/projections')).body.headPosition;
  const r = importReport(file, 'im-broken');
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('do not balance; nothing was recorded');
  expect(r.stderr).toContain('表三，行“一+二 = 三(七)+四”，列“自然人”');
  expect(r.stderr).toContain('列“总计”');
  expect((await admin().get('/v1/projections')).body.headPosition).toBe(head);
});

it('refuses a file for another year than --year', () => {
  const r = importReport(SEED, 'im-seed', 2022);
  expect([r.status, r.stderr.trim()]).toEqual([
    2,
    `import-report: ${SEED} is the 2023 report, not 2022; check --year`,
  ]);
});

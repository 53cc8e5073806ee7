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
const CORPUS = join(ROOT, 'libs/report/src/import/fixtures/corpus');
const BROKEN = () =>
  readFileSync(SEED, 'utf8').replace(
    '四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t0\t0',
    '四、结转下年度继续办理\t\t2\t0\t0\t0\t0\t0\t2',
  );
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

function importReport(file: string, org: string | null, year = 2023, ...more: string[]) {
  const args = [file, ...(org ? ['--org', org] : []), '--year', String(year), ...more];
  return spawnSync(process.execPath, ['-r', join(ROOT, 'scripts/paths.js'), join(ROOT, 'dist/scripts/import-report.js'), ...args], {
    env: { ...process.env, GONGKAI_URL: svc.base, ADMIN_TOKEN: ADMIN },
    encoding: 'utf8',
  }); // prettier-ignore
}

/** POST /v1/orgs/{org}/imports/report with the file as the body. */
async function upload(org: string, query: string, body: Buffer | string, type = 'application/octet-stream') {
  const r = await fetch(`${svc.base}/v1/orgs/${org}/imports/report?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': type },
    body,
  });
  return { status: r.status, body: (await r.json()) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
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
  for (const [orgId, name] of [[SOURCE, '源镇'], ['im-target', '新镇'], ['im-seed', '新乡县七里营镇'], ['im-broken', '错镇'], ['im-accept', '认镇'], ['im-http', '网镇']])
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
  const file = join(dir, 'broken.txt');
  writeFileSync(file, BROKEN());
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

it('imports figures that do not add up only with --accept-imbalance, showing the imbalance', async () => {
  const file = join(dir, 'broken-accepted.txt');
  writeFileSync(file, BROKEN());
  const r = importReport(file, 'im-accept', 2023, '--accept-imbalance');
  expect([r.status, r.stderr]).toEqual([0, '']);
  expect(r.stdout).toContain(
    "the report's own figures do not balance; imported as printed (--accept-imbalance)",
  );
  expect(r.stdout).toContain('表三，行“一+二 = 三(七)+四”，列“自然人”');
  expect(r.stdout).toContain('recorded 4 event(s)');
  expect((await reportOf('im-accept', 2024)).applications.rows.carriedIn).toEqual([2, 0, 0, 0, 0, 0, 2]);
});

it('--dry-run --json reads a PDF without contacting the service', () => {
  const r = spawnSync(process.execPath, ['-r', join(ROOT, 'scripts/paths.js'), join(ROOT, 'dist/scripts/import-report.js'), join(CORPUS, 'qiliying-2023.pdf'), '--year', '2023', '--dry-run', '--json'], {
    env: { ...process.env, GONGKAI_URL: 'http://127.0.0.1:9', ADMIN_TOKEN: 'none' },
    encoding: 'utf8',
  }); // prettier-ignore
  expect(r.status).toBe(0);
  const out = JSON.parse(r.stdout);
  expect(out.report.applications.rows.carriedOut).toEqual([0, 0, 0, 0, 0, 0, 0]);
  expect(out.report.reviewLitigation.review).toEqual([0, 0, 0, 0, 0]);
  expect([out.balanced, out.warnings]).toEqual([true, []]);
});

it('a file it cannot read exits non-zero naming the table and the row', () => {
  const r = importReport(join(CORPUS, 'xjnlk-town-2023.excerpt.txt'), null, 2023, '--dry-run');
  expect(r.status).toBe(2);
  expect(r.stderr).toContain('表三，行“(三) 不予公开 6.属于四类过程性信息”');
});

describe('POST /v1/orgs/{orgId}/imports/report', () => {
  it("dry run: the figures read, the file's own tables, nothing stored", async () => {
    const head = (await admin().get('/v1/projections')).body.headPosition;
    const r = await upload('im-http', 'year=2023&dryRun=1', readFileSync(join(CORPUS, 'qiliying-2023.docx')));
    expect(r.status).toBe(200);
    expect([r.body.format, r.body.balanced, r.body.events]).toEqual([
      'docx',
      true,
      '2 DocumentsInForceDeclared',
    ]);
    expect(r.body.report.applications.rows.disclosed).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(r.body.tables.length).toBeGreaterThanOrEqual(3);
    expect(r.body.tables.flat(2)).toContain('一、本年新收政府信息公开申请数量');
    expect((await admin().get('/v1/projections')).body.headPosition).toBe(head);
  });

  it('figures that do not add up: 409 without confirm, imported with confirm=1', async () => {
    const head = (await admin().get('/v1/projections')).body.headPosition;
    const refused = await upload('im-http', 'year=2023', BROKEN(), 'text/plain; charset=gbk');
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('import.imbalanced');
    expect(refused.body.error.details).toContainEqual(expect.objectContaining({ field: '表三 / 一+二 = 三(七)+四 / 自然人' })); // prettier-ignore
    expect((await admin().get('/v1/projections')).body.headPosition).toBe(head);

    const done = await upload('im-http', 'year=2023&confirm=1', BROKEN());
    expect(done.status).toBe(200);
    expect([done.body.balanced, done.body.accepted, done.body.duplicates]).toEqual([false, 4, 0]);
    expect((await reportOf('im-http', 2024)).applications.rows.carriedIn).toEqual([2, 0, 0, 0, 0, 0, 2]);
    const again = await upload('im-http', 'year=2023&confirm=1', BROKEN());
    expect([again.body.accepted, again.body.duplicates]).toEqual([0, 4]);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await client(svc.base).get('/docs-json')).body as { paths: Record<string, { post?: { summary?: string } }> }; // prettier-ignore
    expect(doc.paths['/v1/orgs/{orgId}/imports/report']?.post?.summary).toContain('published report');
  });

  it('takes files over the 1 MiB of JSON bodies, up to 10 MiB, with or without a content type', async () => {
    const big = Buffer.concat([readFileSync(SEED), Buffer.alloc(3 * 1024 * 1024, 0x20)]);
    const r = await fetch(`${svc.base}/v1/orgs/im-http/imports/report?year=2023&dryRun=1`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}` },
      body: big,
    });
    expect([r.status, ((await r.json()) as { balanced: boolean }).balanced]).toEqual([200, true]);
    const huge = await upload('im-http', 'year=2023&dryRun=1', Buffer.alloc(11 * 1024 * 1024, 0x20));
    expect([huge.status, huge.body.error.code]).toEqual([413, 'body.tooLarge']);
  });

  it('a file it cannot read: 422 naming table and row; another year: 422', async () => {
    const bad = await upload(
      'im-http',
      'year=2023&dryRun=1',
      readFileSync(join(CORPUS, 'xjnlk-town-2023.excerpt.txt')),
    );
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('import.unreadable');
    expect(bad.body.error.details).toContainEqual(expect.objectContaining({ field: '表三 / (三) 不予公开 6.属于四类过程性信息' })); // prettier-ignore
    const year = await upload('im-http', 'year=2022&dryRun=1', readFileSync(SEED));
    expect([year.status, year.body.error.code]).toEqual([422, 'import.yearMismatch']);
  });
});

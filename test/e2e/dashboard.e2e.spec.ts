import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { chromium, type Browser, type Page } from 'playwright-core';
import { client } from '@app/testing/http';
import { ADMIN, Service, startService } from '@app/testing/service';
import { TestDb, createTestDb } from '@app/testing/test-db';

// The county dashboard in a real headless Chromium, over the small demo county that `npm run demo`
// seeds: log in, pick a year, sort, watch a new event's effect arrive without a reload, drill down.

// Functions passed to page.evaluate and waitForFunction run in the browser, which has these.
declare const document: { querySelector(selector: string): { textContent: string | null } | null };
declare const window: { stillHere?: boolean };

const ROOT = resolve(__dirname, '../..');
const ARTIFACTS = resolve(ROOT, 'test-artifacts');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync']; // prettier-ignore
const COUNTY = 'qingshan';
const TOWN = 'qingshan-chengguan';
const ORGS = [
  COUNTY,
  TOWN,
  'qingshan-dongcheng',
  'qingshan-xicheng',
  'qingshan-gaj',
  'qingshan-zrzyj',
  'qingshan-sjj',
];

function demo(base: string, cwd: string): Promise<string> {
  return new Promise((ok, fail) => {
    const env = { ...process.env, GONGKAI_URL: base, ADMIN_TOKEN: ADMIN, DEMO_SCALE: 'small' };
    const args = ['-r', join(ROOT, 'scripts/paths.js'), join(ROOT, 'dist/scripts/demo.js')];
    const child = spawn(process.execPath, args, { cwd, env });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    child.on('exit', (code) => (code === 0 ? ok(out) : fail(new Error(`demo exited ${code}: ${out}`))));
  });
}

const shanghaiYear = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date())); // prettier-ignore

let db: TestDb;
let svc: Service;
let browser: Browser;
let page: Page;
let token: string;
const outside: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run .ci/ensure-chromium.sh`);
  db = await createTestDb('dashboard');
  svc = await startService({ databaseUrl: db.url });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
  page.on('request', (r) => {
    if (!r.url().startsWith(svc.base) && !r.url().startsWith('data:')) outside.push(r.url());
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await svc?.stop();
  await db?.drop();
});

/** The year picker is an Element Plus select: open it, then click the year in its list. */
async function pickYear(year: number) {
  await page.click('#year-select');
  await page.click(`.el-select-dropdown__item:visible:has-text("${year}年")`);
}

const rowIds = () => page.$$eval('#members tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-org')));
const figure = (org: string, col: string) =>
  page.$eval(`#members tr[data-org="${org}"] td[data-col="${col}"]`, (td) => Number(td.textContent!.replace(/,/g, ''))); // prettier-ignore

describe('the county dashboard', () => {
  it('is seeded by npm run demo, and a second run stores nothing new', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gk-demo-'));
    const first = await demo(svc.base, cwd);
    const [, events, fresh] = /(\d+) events \((\d+) new/.exec(first)!;
    expect(Number(fresh)).toBe(Number(events));
    expect(Number(events)).toBeGreaterThan(300);
    token = /Reader token of qingshan \(county\): (\S+)/.exec(first)![1];
    expect(first).toContain(`${svc.base}/dashboard?token=`);
    const again = await demo(svc.base, cwd);
    expect(again).toMatch(/\(0 new, \d+ already stored\), 0 reports of \d+ published/);
    expect(again).toContain(token); // kept in .data/, the same address again
  }, 120_000);

  it('asks for a reader token, refuses a wrong one, and shows every member org', async () => {
    await page.goto(`${svc.base}/dashboard`);
    await page.waitForSelector('#login-form', { state: 'visible' });
    await page.fill('#token-input', 'gk_r_not-a-token');
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#login-error', { state: 'visible' });
    expect(await page.textContent('#login-error')).toContain('令牌无效');
    await page.fill('#token-input', token);
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#members tbody tr');
    expect((await rowIds()).sort()).toEqual([...ORGS].sort());
    expect(await page.textContent('#org-name')).toContain(`青山县人民政府 · ${shanghaiYear()}年度`);
    expect(await page.$('#chart-months canvas')).not.toBeNull();
    await page.waitForFunction(
      (org) =>
        document.querySelector(`#members tr[data-org="${org}"] td[data-col="publication"]`)?.textContent !==
        '…',
      COUNTY,
    );
    // The running year is not yet due: it shows as running, not as unpublished.
    expect(
      (await page.textContent(`#members tr[data-org="${COUNTY}"] td[data-col="publication"]`))!.trim(),
    ).toBe('年度进行中');
  }, 60_000);

  it('shows the year picked, with the figures of the dashboard API', async () => {
    const year = shanghaiYear() - 1;
    await pickYear(year);
    await page.waitForFunction(
      (y) => document.querySelector('#org-name')!.textContent!.includes(`${y}年度`),
      year,
    );
    const api = (await client(svc.base, token).get(`/v1/orgs/${COUNTY}/dashboard?year=${year}`)).body;
    const foot = await page.$eval('#members tfoot td[data-col="received"]', (td) => td.textContent);
    expect(Number(foot!.replace(/,/g, ''))).toBe(api.total.received);
    expect(await figure(TOWN, 'concluded')).toBe(
      api.rows.find((r: { orgId: string }) => r.orgId === TOWN).concluded,
    );
    expect(page.url()).toContain(`year=${year}`);
    await pickYear(year + 1);
    await page.waitForFunction(
      (y) => document.querySelector('#org-name')!.textContent!.includes(`${y}年度`),
      year + 1,
    );
  }, 30_000);

  it('sorts by a column, descending first, then ascending', async () => {
    await page.click('th[data-sort="received"]');
    const down = await page.$$eval('#members tbody td[data-col="received"]', (tds) => tds.map((t) => Number(t.textContent!.replace(/,/g, '')))); // prettier-ignore
    expect(down).toEqual([...down].sort((a, b) => b - a));
    await page.click('th[data-sort="received"]');
    const up = await page.$$eval('#members tbody td[data-col="received"]', (tds) => tds.map((t) => Number(t.textContent!.replace(/,/g, '')))); // prettier-ignore
    expect(up).toEqual([...up].sort((a, b) => a - b));
  });

  it('updates the figures when an event arrives, without a reload', async () => {
    const before = await figure(TOWN, 'received');
    const open = await figure(TOWN, 'open');
    await page.evaluate(() => (window.stillHere = true));
    const sent = await client(svc.base, ADMIN).post('/v1/events', {
      events: [{ eventId: randomUUID(), type: 'ApplicationReceived', orgId: TOWN, occurredAt: new Date().toISOString(), data: { applicationId: 'BROWSER-1', applicantType: 'naturalPerson' } }], // prettier-ignore
    });
    expect(sent.status).toBe(202);
    await page.waitForFunction(
      ([org, n]) => Number(document.querySelector(`#members tr[data-org="${org}"] td[data-col="received"]`)!.textContent!.replace(/,/g, '')) === n, // prettier-ignore
      [TOWN, before + 1] as const,
      { timeout: 20_000 },
    );
    expect(await figure(TOWN, 'open')).toBe(open + 1);
    expect(await page.evaluate(() => window.stillHere)).toBe(true);
    expect(await page.textContent('#sync')).toContain('数据已同步');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard.png'), fullPage: true });
  }, 30_000);

  it('drills down into an org: its open applications and its report', async () => {
    await page.click(`#members tr[data-org="${TOWN}"]`);
    await page.waitForSelector('#drawer [data-part="report"] h3');
    expect(await page.textContent('#drawer-title')).toContain('青山县城关镇');
    expect(await page.$('#drawer tr[data-application="BROWSER-1"]')).not.toBeNull();
    const html = await page.$('#drawer [data-part="report"] iframe');
    const text = html
      ? await (await html.contentFrame())!.textContent('body')
      : await page.textContent('#drawer [data-part="report"]');
    expect(text).toContain('收到和处理政府信息公开申请情况');
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-drilldown.png') });
    await page.click('#drawer-close');
    await page.waitForSelector('#drawer', { state: 'hidden' });
    expect(await page.isHidden('#drawer')).toBe(true);
  }, 30_000);

  it('loaded nothing from outside the service', () => expect(outside).toEqual([]));

  it('takes ?token= for a wall screen', async () => {
    const wall = await browser.newPage();
    await wall.goto(`${svc.base}/dashboard?token=${encodeURIComponent(token)}`);
    await wall.waitForSelector('#members tbody tr');
    expect(await wall.isHidden('#login')).toBe(true);
    await wall.close();
  }, 30_000);

  it('serves its files with an ETag, and a request that holds it gets 304 without the file', async () => {
    // The page and the scripts it loads (its own entry and the charts), from the Vite build.
    const html = await (await fetch(`${svc.base}/dashboard`)).text();
    const scripts = [...html.matchAll(/(?:src|href)="(\/workbench\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const path of ['/dashboard', ...scripts]) {
      const first = await fetch(svc.base + path);
      const body = await first.text();
      const etag = first.headers.get('etag');
      expect({ path, status: first.status, etag: /^W\/"[0-9a-f]+-[0-9a-f]+"$/.test(etag ?? '') }).toEqual({ path, status: 200, etag: true }); // prettier-ignore
      expect(Number(first.headers.get('content-length'))).toBe(Buffer.byteLength(body));
      // As a browser revalidates: fetch() would otherwise add `cache-control: no-cache` to a
      // conditional request, which asks for the file again end to end.
      const again = await fetch(svc.base + path, { headers: { 'if-none-match': etag!, 'cache-control': 'max-age=0' } }); // prettier-ignore
      expect({ path, status: again.status, body: await again.text() }).toEqual({
        path,
        status: 304,
        body: '',
      });
      expect(again.headers.get('etag')).toBe(etag);
    }
    // The page revalidates on every load; its scripts carry a content hash and never change.
    const page_ = await fetch(`${svc.base}/dashboard`);
    expect(page_.headers.get('cache-control')).toBe('no-cache');
    await page_.text();
    const js = await fetch(svc.base + scripts[0]);
    expect(js.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    expect(js.headers.get('cache-control')).toContain('immutable');
    await js.text();
  });
});

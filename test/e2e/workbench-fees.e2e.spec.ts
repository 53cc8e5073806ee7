import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import * as b from '@app/testing/builders';
import { client } from '@app/testing/http';
import { ADMIN, Service, startService } from '@app/testing/service';
import { TestDb, createTestDb } from '@app/testing/test-db';

// 信息处理费 in the workbench, in a real headless Chromium: the quote both ways before the 收费通知,
// the notice prefilled from it, and an unpaid notice past its 20 working days shown as such.

const ROOT = resolve(__dirname, '../..');
const ARTIFACTS = resolve(ROOT, 'test-artifacts');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync']; // prettier-ignore
const TOWN = 'wf-town';

let db: TestDb;
let svc: Service;
let browser: Browser;
let page: Page;
let token: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run .ci/ensure-chromium.sh`);
  db = await createTestDb('wbfees');
  svc = await startService({ databaseUrl: db.url });
  const admin = client(svc.base, ADMIN);
  await admin.post('/v1/orgs', { orgId: 'wf-county', name: '青山县人民政府', kind: 'county' });
  await admin.post('/v1/orgs', { orgId: TOWN, name: '青山县城关镇', kind: 'town', parentId: 'wf-county' });
  token = (await admin.post(`/v1/orgs/${TOWN}/tokens`, { role: 'submitter', label: '党政办' })).body.token;
  const at = (d: string) => `${d}T10:00:00+08:00`;
  const sent = await client(svc.base, token).post('/v1/events', {
    events: [
      b.received({ id: 'OLD-1', org: TOWN, at: at('2026-09-21') }),
      b.feeNoticed({ id: 'OLD-1', org: TOWN, amountYuan: '720.00', at: at('2026-09-29') }),
    ],
  });
  expect(sent.status).toBe(202);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await svc?.stop();
  await db?.drop();
});

const text = (sel: string) => page.textContent(sel).then((t) => (t ?? '').trim());

describe('信息处理费 in the workbench', () => {
  it('signs in', async () => {
    await page.goto(`${svc.base}/workbench/`);
    await page.fill('[data-test=token]', token);
    await page.click('[data-test=sign-in]');
    await page.waitForSelector('[data-test=open-list]');
  }, 60_000);

  it('quotes both ways before the notice, and prefills the notice with the figure that applies', async () => {
    await page.click('[data-test=register]');
    await page.waitForSelector('[data-test=applicant-key]');
    await page.fill('[data-test=applicant-key]', 'A-0042');
    await page.click('[data-test=register-submit]');
    await page.waitForSelector('[data-test=fee-quote]', { timeout: 60_000 });
    expect(await text('[data-test=fee-byCount]')).toContain('第 1 件');
    await page.fill('[data-test=fee-pages] input', '31');
    await page.click('[data-test=fee-quote] button:has-text("测算")');
    await page.waitForSelector('[data-test=fee-byPages] .el-table');
    expect(await text('[data-test=fee-byPages]')).toContain('31–100');
    // The first application of the month is free 按件; art. 3 allows one method, the quote takes the lower.
    expect(await text('[data-test=fee-applies]')).toContain('按件计收在免费范围内');
    expect(await page.isDisabled('[data-test=fee-applies] button')).toBe(true);
  }, 120_000);

  it('prefills the notice with the figure that applies', async () => {
    await page.click('.el-menu-item:has-text("依申请公开")');
    await page.click('[data-test=register]');
    await page.waitForSelector('[data-test=applicant-key]');
    await page.click('[data-test=register-submit]');
    await page.waitForSelector('[data-test=fee-quote]', { timeout: 60_000 });
    expect(await text('[data-test=fee-byCount]')).toContain('applicantKey');
    await page.fill('[data-test=fee-pages] input', '31');
    await page.click('[data-test=fee-quote] button:has-text("测算")');
    await page.waitForSelector('[data-test=fee-byPages] .el-table');
    expect(await text('[data-test=fee-applies]')).toContain('按 10.00 元发出收费通知');
    await page.click('[data-test=fee-applies] button');
    await page.waitForSelector('[data-test=step-form]');
    expect(await page.inputValue('[data-test=step-amount]')).toBe('10.00');
    await page.click('[data-test=step-submit]');
    await page.waitForSelector('[data-test=step-form]', { state: 'detached' });
    await page.waitForSelector('[data-test=fee-quote]', { state: 'detached', timeout: 30_000 });
    expect(await text('[data-test=state]')).toBe('待缴费');
    await page.screenshot({ path: resolve(ARTIFACTS, 'workbench-fee-quote.png'), fullPage: true });
  }, 120_000);

  it('shows an unpaid notice past its 20 working days as overdue, with the day feeUnpaid became possible', async () => {
    await page.goto(`${svc.base}/workbench/applications/OLD-1`);
    await page.waitForSelector('[data-test=fee-overdue]', { timeout: 60_000 });
    expect(await text('[data-test=fee-overdue]')).toContain('2026-11-03');
    expect(await text('[data-test=state]')).toBe('逾期未缴费');
  }, 60_000);
});

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { client } from '@app/testing/http';
import { ADMIN, Service, startService } from '@app/testing/service';
import { TestDb, createTestDb } from '@app/testing/test-db';

// A town clerk's day in the workbench, in a real headless Chromium: sign in, register an
// application, ask for a supplement, receive it, conclude it, and see the report's cells follow;
// a form resent after a lost answer counts once; a mistaken record is voided and recorded again.

declare const document: {
  querySelector(s: string): { textContent: string | null; className: string } | null;
};

const ROOT = resolve(__dirname, '../..');
const ARTIFACTS = resolve(ROOT, 'test-artifacts');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync']; // prettier-ignore
const TOWN = 'qingshan-chengguan';
const YEAR = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date())); // prettier-ignore

let db: TestDb;
let svc: Service;
let browser: Browser;
let page: Page;
let token: string;
const outside: string[] = [];
const timings: Record<string, number> = {};
/** The browser's errors, written out with the screenshots for a failing run. */
const problems: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run .ci/ensure-chromium.sh`);
  db = await createTestDb('workbench');
  svc = await startService({ databaseUrl: db.url });
  const admin = client(svc.base, ADMIN);
  await admin.post('/v1/orgs', { orgId: 'qingshan', name: '青山县人民政府', kind: 'county' });
  await admin.post('/v1/orgs', { orgId: TOWN, name: '青山县城关镇', kind: 'town', parentId: 'qingshan' });
  token = (await admin.post(`/v1/orgs/${TOWN}/tokens`, { role: 'submitter', label: '城关镇党政办 张三' }))
    .body.token;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(svc.base) && !r.url().startsWith('data:') && !r.url().startsWith('blob:'))
      outside.push(r.url());
  });
  mkdirSync(ARTIFACTS, { recursive: true });
}, 90_000);

afterAll(async () => {
  writeFileSync(resolve(ARTIFACTS, 'workbench-timings.json'), JSON.stringify(timings, null, 2));
  writeFileSync(resolve(ARTIFACTS, 'workbench-browser-errors.txt'), problems.join('\n'));
  await browser?.close();
  await svc?.stop();
  await db?.drop();
});

const shot = (name: string) =>
  page.screenshot({ path: resolve(ARTIFACTS, `workbench-${name}.png`), fullPage: true });
const text = (sel: string) => page.textContent(sel).then((t) => (t ?? '').trim());
const cell = (path: string) => page.$eval(`td[data-path="${path}"]`, (td) => ({ value: Number(td.textContent), changed: td.classList.contains('cell-changed') })); // prettier-ignore
const menu = (label: string) => page.click(`.el-menu-item:has-text("${label}")`);

/** Milliseconds from a click or a navigation until the page's own selector shows. */
async function timed(name: string, go: () => Promise<unknown>, ready: string) {
  const t0 = Date.now();
  await go();
  await page.waitForSelector(ready);
  timings[name] = Date.now() - t0;
}

async function step(action: string, outcome?: string) {
  await page.click(`[data-test=action-${action}]`);
  await page.waitForSelector('[data-test=step-form]');
  if (outcome) {
    await page.click('[data-test=outcome-select]');
    await page.click(`.outcome-popper .el-select-dropdown__item:has-text("${outcome}")`);
  }
  await page.click('[data-test=step-submit]');
  await page.waitForSelector('[data-test=step-form]', { state: 'detached' });
}

async function register(id: string | null, applicantType?: string) {
  await page.click('[data-test=register]');
  await page.waitForFunction(() => (document.querySelector('[data-test=application-id]') as unknown as { value: string })?.value); // prettier-ignore
  if (id) await page.fill('[data-test=application-id]', id);
  if (applicantType) {
    await page.click('[data-test=applicant-type]');
    await page.click(`.el-select-dropdown__item:visible:has-text("${applicantType}")`);
  }
  const suggested = await page.inputValue('[data-test=application-id]');
  await page.click('[data-test=register-submit]');
  return suggested;
}

describe('the workbench', () => {
  it('asks for a token, signs the clerk in, and shows the org and the label in the header', async () => {
    await timed('login', () => page.goto(`${svc.base}/workbench/`), '[data-test=token]');
    expect(page.url()).toContain('/workbench/login');
    await shot('01-login');
    await page.fill('[data-test=token]', 'gk_s_not-a-token');
    await page.click('[data-test=sign-in]');
    await page.waitForSelector('.el-form-item__error');
    expect(await text('.el-form-item__error')).toContain('令牌无效');
    await page.fill('[data-test=token]', token);
    await timed('applications', () => page.click('[data-test=sign-in]'), '[data-test=open-list]');
    expect(await text('[data-test=who]')).toContain('青山县城关镇');
    await shot('02-applications');
  }, 60_000);

  it('registers an application with the suggested number; a resend after a lost answer counts once', async () => {
    // The first answer is lost on the way back: the event is stored, the page sees a network error.
    let dropped = false;
    await page.route('**/v1/events', async (route) => {
      if (dropped) return route.continue();
      dropped = true;
      await route.fetch();
      await route.abort('failed');
    });
    const id = await register(null);
    expect(id).toBe(`${YEAR}-001`);
    await page.waitForSelector('.el-dialog .el-alert--error');
    expect(await text('.el-dialog .el-alert--error')).toContain('重试不会重复记录');
    await shot('03-register-lost-answer');
    // The clerk reads the message and presses again seconds later, not within the same second.
    await page.waitForTimeout(1500);
    await page.click('[data-test=register-submit]');
    await page.waitForSelector('.el-message--success:has-text("未重复计数")', { timeout: 60_000 });
    await page.waitForSelector('[data-test=state]', { timeout: 60_000 });
    expect(page.url()).toContain(`/workbench/applications/${id}`);
    await page.unroute('**/v1/events');
    expect(await text('[data-test=state]')).toBe('办理中');
    const report = (await client(svc.base, token).get(`/v1/orgs/${TOWN}/reports/${YEAR}`)).body;
    expect(report.applications.rows.newReceived[6]).toBe(1);
    await shot('04-application');
  }, 120_000);

  it('requests a supplement, receives it and concludes; the report cells follow', async () => {
    await step('ApplicationSupplementRequested');
    await page.waitForFunction(
      () => document.querySelector('[data-test=state]')?.textContent?.trim() === '待补正',
    );
    expect(await text('[data-test=due-on]')).toBe('暂停计时');
    await step('ApplicationSupplementReceived');
    await page.waitForFunction(
      () => document.querySelector('[data-test=state]')?.textContent?.trim() === '办理中',
    );
    await page.click('[data-test=action-ApplicationConcluded]');
    await page.click('[data-test=outcome-select]');
    await shot('05-conclude-dialog');
    await page.keyboard.press('Escape');
    await page.click('.el-dialog__headerbtn');
    await step('ApplicationConcluded', '部分公开');
    await page.waitForFunction(
      () => document.querySelector('[data-test=state]')?.textContent?.trim() === '已办结',
    );
    expect(await text('[data-test=outcome]')).toContain('(二) 部分公开');
    await timed('report', () => menu('本年报表'), 'td[data-path="applications/rows/partiallyDisclosed/0"]');
    expect(await cell('applications/rows/newReceived/0')).toEqual({ value: 1, changed: false });
    expect(await cell('applications/rows/partiallyDisclosed/0')).toEqual({ value: 1, changed: true });
    expect(await cell('applications/rows/concludedTotal/6')).toEqual({ value: 1, changed: true });
    expect(await cell('applications/rows/carriedOut/6')).toEqual({ value: 0, changed: true });
    await shot('06-report');
  }, 90_000);

  it('puts a refusal beside its field, in Chinese', async () => {
    await menu('依申请公开');
    await page.waitForSelector('[data-test=open-list]');
    await register(`${YEAR}-001`);
    await page.waitForSelector('.el-form-item.is-error .el-form-item__error');
    expect(await text('.el-form-item.is-error .el-form-item__label')).toBe('申请编号');
    expect(await text('.el-form-item.is-error .el-form-item__error')).toBe(
      '该申请编号已登记过，请换一个编号',
    );
    await shot('07-error-beside-field');
    await page.click('.el-dialog__headerbtn');
  }, 30_000);

  it('records proactive figures and a review case, which land in tables 二 and 四', async () => {
    await timed('proactive', () => menu('主动公开'), '[data-test=doc-issue]');
    await page.fill('[data-test=doc-issue-documentId]', '城政发〔2026〕1号');
    await page.click('[data-test=doc-issue-submit]');
    await page.waitForSelector('.el-message--success');
    await shot('08-proactive');
    await timed('cases', () => menu('复议诉讼'), '[data-test=case-filed]');
    await page.fill('[data-test=case-filed-caseId]', '青复〔2026〕3号');
    await page.click('[data-test=case-filed-submit]');
    await page.waitForSelector('.el-message--success');
    await shot('09-cases');
    await menu('本年报表');
    await page.waitForSelector('td[data-path="reviewLitigation/review/3"]');
    expect(await cell('proactive/normativeDocuments/issued')).toEqual({ value: 1, changed: false });
    expect(await cell('reviewLitigation/review/3')).toEqual({ value: 1, changed: true });
    await timed('ledgers', () => menu('台账导入导出'), '[data-test=upload]');
    await shot('10-ledgers');
  }, 60_000);

  it('voids a mistaken application and records it again with the right applicant type', async () => {
    await menu('依申请公开');
    await page.waitForSelector('[data-test=open-list]');
    const id = await register(null, '商业企业');
    await page.waitForSelector('[data-test=state]', { timeout: 60_000 });
    await page.click('button:has-text("历史与作废")');
    await page.waitForSelector('[data-test=void]');
    await shot('11-history');
    await page.click('[data-test=void]');
    await page.fill('[data-test=void-reason]', '申请人类型登记错误，应为自然人');
    await page.click('[data-test=void-confirm]');
    await page.waitForSelector('.el-drawer .el-tag:has-text("已作废")');
    await page.keyboard.press('Escape');
    await menu('依申请公开');
    await page.waitForSelector('[data-test=open-list]');
    await register(id, '自然人');
    await page.waitForSelector('[data-test=state]', { timeout: 60_000 });
    await menu('本年报表');
    await page.waitForSelector('td[data-path="applications/rows/newReceived/1"]');
    expect(await cell('applications/rows/newReceived/1')).toMatchObject({ value: 0 });
    expect(await cell('applications/rows/newReceived/0')).toMatchObject({ value: 2 });
  }, 90_000);

  it('takes a token handed over in the address once, and strips it from the address bar', async () => {
    const fresh = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    await fresh.goto(`${svc.base}/workbench/report?token=${encodeURIComponent(token)}`);
    await fresh.waitForSelector('td[data-path]');
    expect(fresh.url()).toBe(`${svc.base}/workbench/report`);
    await fresh.close();
    expect(outside).toEqual([]);
  }, 30_000);
});

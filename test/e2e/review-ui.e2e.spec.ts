import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { DisclosureEvent } from '@app/domain';
import * as b from '@app/testing/builders';
import { client } from '@app/testing/http';
import { ADMIN, Service, startService } from '@app/testing/service';
import { TestDb, createTestDb } from '@app/testing/test-db';

// The review before publication in a real headless Chromium, two people at two browsers: the town
// clerk fills in the drafted report and submits it; the county reviewer opens it on the dashboard
// beside last year's published report and returns it with a comment on section 一; the clerk reads
// the comment, rewrites section 一 and resubmits; the reviewer clears; a late event makes publication
// fail naming the cell, and once cleared again the clerk publishes; the dashboard shows 已发布
// without a reload.

declare const document: { querySelector(s: string): { textContent: string | null } | null };

const ROOT = resolve(__dirname, '../..');
const ARTIFACTS = resolve(ROOT, 'test-artifacts');
const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync']; // prettier-ignore
const COUNTY = 'rvui-county';
const TOWN = 'rvui-town';
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
/** The last year that has ended: its report is the one reviewed. */
const Y = Number(today.slice(0, 4)) - 1;
const at = (year: number, md: string) => `${year}-${md}T09:00:00+08:00`;
const COMMENT = '请补充本镇政务公开平台建设情况。';
const LAST_YEAR_OVERVIEW = `${Y - 1}年，本镇全年主动公开政府信息12条。`;

let db: TestDb;
let svc: Service;
let browser: Browser;
let clerk: Page;
let reviewer: Page;
const tokens: Record<string, string> = {};
const outside: string[] = [];

async function send(events: DisclosureEvent[]) {
  const r = await client(svc.base, ADMIN).post('/v1/events', { events });
  if (r.status !== 202) throw new Error(`events: ${r.status} ${JSON.stringify(r.body)}`);
}

/** Last year's report of the town, published through the review, so this year has one to compare with. */
async function publishLastYear() {
  const admin = client(svc.base, ADMIN);
  const texts = { overview: LAST_YEAR_OVERVIEW, problems: '上年存在的问题已整改。', otherMatters: '无。' };
  await send([
    ...b.application({
      id: 'L1',
      org: TOWN,
      receivedAt: at(Y - 1, '04-01'),
      concludedAt: at(Y - 1, '04-20'),
    }),
    b.received({ id: 'L2', org: TOWN, at: at(Y - 1, '12-20') }),
    ...Object.entries(texts).map(([section, text]) =>
      b.narrativeWritten({
        org: TOWN,
        year: Y - 1,
        section: section as 'overview',
        text,
        at: at(Y - 1, '12-31'),
      }),
    ),
  ]);
  for (const verb of ['submit', 'clear', 'publish']) {
    const r = await admin.post(
      `/v1/orgs/${TOWN}/reports/${Y - 1}/${verb}`,
      verb === 'clear' ? {} : undefined,
    );
    if (r.status >= 300) throw new Error(`${verb} ${Y - 1}: ${r.status} ${JSON.stringify(r.body)}`);
  }
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run .ci/ensure-chromium.sh`);
  db = await createTestDb('review_ui');
  svc = await startService({ databaseUrl: db.url });
  const admin = client(svc.base, ADMIN);
  await admin.post('/v1/orgs', { orgId: COUNTY, name: '青山县人民政府', kind: 'county' });
  await admin.post('/v1/orgs', { orgId: TOWN, name: '青山县城关镇', kind: 'town', parentId: COUNTY });
  tokens.clerk = (await admin.post(`/v1/orgs/${TOWN}/tokens`, { role: 'submitter', label: '城关镇党政办 张三' })).body.token; // prettier-ignore
  tokens.reviewer = (await admin.post(`/v1/orgs/${COUNTY}/tokens`, { role: 'reviewer', label: '县政务公开办 李四' })).body.token; // prettier-ignore
  await publishLastYear();
  await send([
    b.concluded({ id: 'L2', org: TOWN, at: at(Y, '01-10') }),
    ...b.application({ id: 'A1', org: TOWN, receivedAt: at(Y, '03-02'), concludedAt: at(Y, '03-20') }),
    ...b.application({ id: 'A2', org: TOWN, receivedAt: at(Y, '05-06'), concludedAt: at(Y, '05-28'), outcome: 'partiallyDisclosed' }), // prettier-ignore
  ]);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const open = async () => {
    const p = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage(); // prettier-ignore
    p.on('request', (r) => {
      if (!/^(data|blob):/.test(r.url()) && !r.url().startsWith(svc.base)) outside.push(r.url());
    });
    return p;
  };
  clerk = await open();
  reviewer = await open();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await svc?.stop();
  await db?.drop();
});

const shot = (p: Page, name: string) => p.screenshot({ path: resolve(ARTIFACTS, `review-${name}.png`), fullPage: true }); // prettier-ignore
const text = (p: Page, sel: string) => p.textContent(sel).then((t) => (t ?? '').trim());
const until = (p: Page, sel: string, want: string) =>
  p.waitForFunction(([s, w]) => (document.querySelector(s)?.textContent ?? '').includes(w), [sel, want] as const, { timeout: 20_000 }); // prettier-ignore
const townStatus = `#members tr[data-org="${TOWN}"] td[data-col="publication"]`;

/** Writes each section that still holds a 【待补充】 marker (or the one named) and saves it. */
async function write(section: string, body: string) {
  const box = `[data-section=${section}]`;
  await clerk.fill(`${box} textarea`, body);
  await clerk.click(`${box} [data-test=save]`);
  await clerk.waitForSelector(`${box} [data-test=save]:disabled:not(.is-loading)`);
}

async function confirm(p: Page) {
  await p.click('.el-message-box__btns .el-button--primary');
}

describe('the review from the pages', () => {
  it('shows the clerk the drafted report, its due date, and blocks submission while 【待补充】 is left', async () => {
    await clerk.goto(`${svc.base}/workbench/login`);
    await clerk.fill('[data-test=token]', tokens.clerk);
    await clerk.click('[data-test=sign-in]');
    await clerk.waitForSelector('.el-menu-item');
    await clerk.click('.el-menu-item:has-text("年度报告报送")');
    await clerk.waitForSelector('[data-test=status]');
    expect(await text(clerk, '[data-test=status]')).toBe('草稿');
    expect(await text(clerk, '[data-test=due]')).toContain(`发布期限：${Y + 1}-01-31`);
    // Section 五 is drafted as a placeholder: the marker shows and the submit button waits for it.
    expect(await clerk.inputValue('[data-section=problems] textarea')).toContain('【待补充');
    expect(await clerk.isVisible('[data-section=problems] [data-test=preview] .marker')).toBe(true);
    expect(await clerk.isDisabled('[data-test=submit]')).toBe(true);
    expect(await text(clerk, '[data-test=submit-block]')).toContain('待补充');
    await shot(clerk, '01-clerk-draft');
  }, 60_000);

  it('lets the clerk fill the markers in and submit', async () => {
    for (const section of ['overview', 'problems', 'otherMatters']) {
      const now = await clerk.inputValue(`[data-section=${section}] textarea`);
      if (now.includes('【待补充'))
        await write(section, now.replace(/【待补充[^】]*】/g, '本镇已按要求落实。'));
    }
    await clerk.waitForSelector('[data-test=submit]:enabled');
    await clerk.click('[data-test=submit]');
    await until(clerk, '[data-test=status]', '已报送待审核');
    expect(await clerk.isVisible('[data-section=overview] [data-test=save]')).toBe(false);
    await shot(clerk, '02-clerk-submitted');
  }, 60_000);

  it('shows the reviewer the member as submitted, with last year beside this year, and returns it with a comment on section 一', async () => {
    await reviewer.goto(`${svc.base}/dashboard?org=${COUNTY}&year=${Y}&token=${encodeURIComponent(tokens.reviewer)}`); // prettier-ignore
    await reviewer.waitForSelector('#members tbody tr');
    await until(reviewer, townStatus, '已报送待审核');
    expect(await text(reviewer, `#members tr[data-org="${TOWN}"] td[data-col="due"]`)).toMatch(
      /剩 \d+ 天|逾期|今天到期/,
    );
    await shot(reviewer, '03-dashboard-submitted');
    await reviewer.click(`#members tr[data-org="${TOWN}"]`);
    await reviewer.waitForSelector('#drawer [data-test=review-status]');
    expect(await text(reviewer, '#drawer [data-test=review-status]')).toBe('已报送待审核');
    // Side by side: last year's published text and figures beside this year's.
    expect(await text(reviewer, '#drawer [data-section=overview]')).toContain(LAST_YEAR_OVERVIEW);
    const carried = '#drawer tr[data-path="applications.rows.carriedIn[6]"] td';
    expect(await reviewer.$$eval(carried, (tds) => tds.map((td) => td.textContent!.trim()))).toEqual([
      expect.stringContaining('上年结转'),
      '1',
      '0',
      '+1',
    ]);
    expect(await text(reviewer, '#drawer [data-part=checks]')).toContain('上年结转');
    await shot(reviewer, '04-reviewer-side-by-side');
    const [sheet] = await Promise.all([
      reviewer.waitForEvent('download'),
      reviewer.click('[data-test=sheet-html]'),
    ]);
    expect(sheet.suggestedFilename()).toBe(`青山县城关镇${Y}年政府信息公开工作年度报告审核单.html`);
    const [docx] = await Promise.all([
      reviewer.waitForEvent('download'),
      reviewer.click('[data-test=sheet-docx]'),
    ]);
    expect(docx.suggestedFilename()).toBe(`青山县城关镇${Y}年政府信息公开工作年度报告审核单.docx`);
    expect((await readFile((await docx.path())!)).subarray(0, 2).toString()).toBe('PK'); // a zip: a real docx
    await reviewer.click('#drawer [data-test=comment-overview]');
    await reviewer.fill('#drawer [data-test=comment] textarea', COMMENT);
    await reviewer.click('#drawer tr[data-path="applications.rows.newReceived[6]"]');
    await reviewer.locator('#drawer [data-test=comment] textarea').nth(1).fill('新收申请数请与台账核对。');
    await shot(reviewer, '05-reviewer-commenting');
    await reviewer.click('#drawer [data-test=return]');
    await confirm(reviewer);
    await until(reviewer, '#drawer [data-test=review-status]', '已退回修改');
    await reviewer.click('#drawer-close');
    await until(reviewer, townStatus, '已退回修改');
  }, 60_000);

  it('shows the clerk the comments; the clerk rewrites section 一 and resubmits', async () => {
    await clerk.reload();
    await until(clerk, '[data-test=status]', '已退回修改');
    expect(await text(clerk, '[data-section=overview] [data-test=section-comment]')).toContain(COMMENT);
    expect(await text(clerk, '[data-test=cell-comments]')).toContain('本年新收政府信息公开申请数量');
    expect(await text(clerk, '[data-part=history]')).toContain('县政务公开办 李四');
    await shot(clerk, '06-clerk-returned');
    const before = await clerk.inputValue('[data-section=overview] textarea');
    await write('overview', `${before}\n本镇政务公开平台运行平稳，全年更新栏目信息36条。`);
    await clerk.click('[data-test=submit]');
    await until(clerk, '[data-test=status]', '已报送待审核');
  }, 60_000);

  it('lets the reviewer clear the resubmitted report', async () => {
    await until(reviewer, townStatus, '已报送待审核');
    await reviewer.click(`#members tr[data-org="${TOWN}"]`);
    await until(reviewer, '#drawer [data-test=review-status]', '已报送待审核');
    expect(await text(reviewer, '#drawer [data-section=overview]')).toContain('全年更新栏目信息36条');
    await reviewer.click('#drawer [data-test=clear]');
    await confirm(reviewer);
    await until(reviewer, '#drawer [data-test=review-status]', '审核通过待发布');
    await shot(reviewer, '07-reviewer-cleared');
    await reviewer.click('#drawer-close');
  }, 60_000);

  it('refuses publication after a late event, naming the changed cells in Chinese, until cleared again', async () => {
    await send([b.received({ id: 'A3', org: TOWN, at: at(Y, '12-30') })]);
    await clerk.reload();
    await until(clerk, '[data-test=status]', '审核通过待发布');
    await clerk.click('[data-test=publish]');
    await until(clerk, '[data-test=refused]', '审核通过后年报数据已变化');
    const refused = await text(clerk, '[data-test=refused]');
    expect(refused).toContain('表三 一、本年新收政府信息公开申请数量·总计：审核时 2，现在 3');
    await until(clerk, '[data-test=status]', '草稿');
    await shot(clerk, '08-clerk-publish-refused');
    await clerk.click('[data-test=submit]');
    await until(clerk, '[data-test=status]', '已报送待审核');
    await until(reviewer, townStatus, '已报送待审核');
    await reviewer.click(`#members tr[data-org="${TOWN}"]`);
    await until(reviewer, '#drawer [data-test=review-status]', '已报送待审核');
    await reviewer.click('#drawer [data-test=clear]');
    await confirm(reviewer);
    await until(reviewer, '#drawer [data-test=review-status]', '审核通过待发布');
    await reviewer.click('#drawer-close');
  }, 90_000);

  it('lets the clerk publish, and the dashboard shows 已发布 without a reload', async () => {
    await clerk.reload();
    await until(clerk, '[data-test=status]', '审核通过待发布');
    await clerk.click('[data-test=publish]');
    await until(clerk, '[data-test=status]', '已发布');
    await shot(clerk, '09-clerk-published');
    await until(reviewer, townStatus, '已发布');
    await shot(reviewer, '10-dashboard-published');
    const api = await client(svc.base, tokens.reviewer).get(`/v1/orgs/${TOWN}/reports/${Y}`);
    expect(api.body.review.status).toBe('published');
  }, 60_000);

  it('loaded nothing from outside the service', () => expect(outside).toEqual([]));
});

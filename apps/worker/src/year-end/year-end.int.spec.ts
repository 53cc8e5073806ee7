import { Job } from 'bullmq';
import { createLogger, loadConfig } from '@app/config';
import { EventStore, OrgsRepository, STORED_EVENT_COLUMNS, nameUuid, toStoredEvent } from '@app/event-store';
import type { NewEvent } from '@app/event-store';
import { Projector, ReadModelsRepository, ReportSnapshots } from '@app/projections';
import * as b from '@app/testing/builders';
import { stored } from '@app/testing/given';
import { TEST_REDIS_URL, TestDb, createTestDb, testQueuePrefix } from '@app/testing/test-db';
import { YearEndDrafter } from './year-end-drafter';
import { DRAFT_JOB, REMINDERS, YEAR_END } from './year-end.schedule';
import { startYearEnd } from './year-end.worker';

// The year-end job through BullMQ: the scheduler is started with its clock set to 23:00 on
// 31 December 2023 in Beijing, so its first run is due at 00:05 on 1 January 2024 (+08:00), already
// past for the real clock: the worker runs it at once and must draft 2023, from the job's
// scheduled time. A wrong time zone moves the first run by hours, a wrong cron moves the next.

const SHANGHAI = 8 * 3600_000;
const log = createLogger('year-end-test');
let db: TestDb;

/** The next 1 January 00:05 in Beijing after `ms`. */
function nextNewYear(ms: number): number {
  const y = new Date(ms + SHANGHAI).getUTCFullYear();
  const thisYear = Date.UTC(y, 0, 1, 0, 5) - SHANGHAI;
  return thisYear > ms ? thisYear : Date.UTC(y + 1, 0, 1, 0, 5) - SHANGHAI;
}

beforeAll(async () => {
  db = await createTestDb('yearend');
  const orgs = new OrgsRepository(db.pool);
  await orgs.insert({ orgId: 'ye-county', name: '新乡县人民政府', kind: 'county', parentId: null, timeZone: 'Asia/Shanghai' }, []); // prettier-ignore
  await orgs.insert({ orgId: 'ye-town', name: '新乡县七里营镇', kind: 'town', parentId: 'ye-county', timeZone: 'Asia/Shanghai' }, ['ye-county']); // prettier-ignore
  const events = [
    b.received({ id: 'A1', org: 'ye-town', at: '2023-05-04T09:00:00+08:00' }),
    b.posted({ id: 'P1', org: 'ye-town', at: '2023-06-01T09:00:00+08:00' }),
    b.received({ id: 'A9', org: 'ye-town', at: '2024-02-01T09:00:00+08:00' }),
  ];
  const zones = new Map([['ye-county', 'Asia/Shanghai'], ['ye-town', 'Asia/Shanghai']]); // prettier-ignore
  const { lastPosition } = await new EventStore(db.pool, 16).append(stored(events) as NewEvent[], zones);
  await project(lastPosition);
});

afterAll(async () => {
  await db?.drop();
});

/** Runs the projector until it holds `position`; the drafter waits for nothing less. */
async function project(position: number) {
  const projector = new Projector(db.pool, new OrgsRepository(db.pool), 1000);
  await projector.ensureCheckpoints(16);
  // The xmin horizon is the whole server's: another database's open transaction holds it back.
  const all = Array.from({ length: 16 }, (_, p) => p);
  for (let i = 0; !(await new ReadModelsRepository(db.pool).reached(all, position)); i++) {
    if (i > 600) throw new Error('the projector did not catch up');
    for (const p of all) await projector.drain(p);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function drafts() {
  const r = await db.pool.query(`SELECT ${STORED_EVENT_COLUMNS} FROM events WHERE type = 'ReportDrafted' ORDER BY org_id`); // prettier-ignore
  return r.rows.map(toStoredEvent);
}

it('runs at 00:05 on 1 January, Beijing time, and drafts every org’s report of the year just ended', async () => {
  const config = loadConfig({
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: testQueuePrefix('yearend'),
  });
  const clock = jest.spyOn(Date, 'now').mockReturnValue(Date.parse('2023-12-31T23:00:00+08:00'));
  const yearEnd = await startYearEnd(config, db.pool, log).finally(() => clock.mockRestore());
  try {
    // Polled rather than listened for: the job may finish before a listener could be attached.
    let job: Job | undefined;
    for (let i = 0; i < 200 && !job; i++) {
      const failed = await yearEnd.queue.getJobs(['failed']);
      if (failed.length) throw new Error(`year-end job failed: ${failed[0].failedReason}`);
      job = (await yearEnd.queue.getJobs(['completed'])).find((j) => j.name === DRAFT_JOB);
      if (!job) await new Promise((r) => setTimeout(r, 100));
    }
    if (!job) throw new Error('the year-end job did not run');
    const result = job.returnvalue;
    expect(job.id).toBe(`repeat:${YEAR_END.id}:${Date.parse('2024-01-01T00:05:00+08:00')}`);
    expect(job.opts.prevMillis).toBe(Date.parse('2023-12-31T16:05:00Z'));
    expect(result).toEqual([
      { orgId: 'ye-county', year: 2023, result: 'drafted' },
      { orgId: 'ye-town', year: 2023, result: 'drafted' },
    ]);
    // Taking the job schedules the next one: the next New Year, 00:05 Beijing time.
    const scheduler = await yearEnd.queue.getJobScheduler(YEAR_END.id);
    expect(scheduler).toMatchObject({ pattern: '5 0 1 1 *', tz: 'Asia/Shanghai' });
    expect(scheduler!.next).toBe(nextNewYear(Date.now()));
    // The review reminder is scheduled beside it: every morning at 09:00, Beijing time.
    expect(await yearEnd.queue.getJobScheduler(REMINDERS.id)).toMatchObject({ pattern: '0 9 * * *', tz: 'Asia/Shanghai' }); // prettier-ignore
  } finally {
    await yearEnd.queue.obliterate({ force: true }).catch(() => undefined);
    await yearEnd.close();
  }

  const [county, town] = await drafts();
  expect(town.data).toMatchObject({ year: 2023, failedChecks: [] });
  expect(county.data).toMatchObject({ year: 2023, failedChecks: [] });
  const cut = (town.data as { cut: { position: number } }).cut;
  expect(cut.position).toBeGreaterThanOrEqual(3); // cut at the projection checkpoint, after all three events
  expect((town.data as { contentSha256: string }).contentSha256).toMatch(/^[0-9a-f]{64}$/);
});

it('records each org’s draft once, however often the job runs', async () => {
  await project(Math.max(...(await drafts()).map((e) => e.position)));
  const drafter = new YearEndDrafter(
    db.pool,
    new ReportSnapshots(db.pool, 16),
    new EventStore(db.pool, 16),
    log,
  );
  const again = await drafter.draftAll(Date.parse('2024-01-01T00:05:00+08:00'));
  expect(again.map((o) => o.result)).toEqual(['alreadyDrafted', 'alreadyDrafted']);
  expect(await drafts()).toHaveLength(2);
});

it('drafts an org whose draft id another org has already used for its own event', async () => {
  const orgs = new OrgsRepository(db.pool);
  await orgs.insert({ orgId: 'ye-other', name: '新乡县朗公庙镇', kind: 'town', parentId: 'ye-county', timeZone: 'Asia/Shanghai' }, ['ye-county']); // prettier-ignore
  // The draft's id is a name anyone can compute; a submitter of ye-town sends it first.
  const squat = { ...b.decisionRecorded({ id: 'SQ', org: 'ye-town', at: '2024-01-02T09:00:00+08:00' }), eventId: nameUuid('ReportDrafted/ye-other/2023') }; // prettier-ignore
  const zones = new Map([['ye-town', 'Asia/Shanghai']]);
  const { lastPosition } = await new EventStore(db.pool, 16).append(stored([squat]) as NewEvent[], zones);
  await project(lastPosition);
  const drafter = new YearEndDrafter(
    db.pool,
    new ReportSnapshots(db.pool, 16),
    new EventStore(db.pool, 16),
    log,
  );
  const results = await drafter.draftAll(Date.parse('2024-01-01T00:05:00+08:00'));
  expect(results).toContainEqual({ orgId: 'ye-other', year: 2023, result: 'drafted' });
  const r = await db.pool.query(
    `SELECT org_id, actor FROM events WHERE type = 'ReportDrafted' AND org_id = 'ye-other'`,
  );
  expect(r.rows).toEqual([{ org_id: 'ye-other', actor: { tokenId: 'system', label: '系统' } }]);
});

import { Client } from 'pg';
import type { DisclosureEvent } from '@app/domain';
import { runMigrations } from '@app/event-store';
import * as b from '@app/testing/builders';
import { client } from '@app/testing/http';
import { ADMIN, Service, startService } from '@app/testing/service';
import { PrimaryWithStandby, startPrimaryWithStandby } from '@app/harness';

// The query side on a real hot standby (pg_basebackup -R of a private primary): reads are served
// by the standby, a minPosition wait observes the standby's replayed projection checkpoints, a
// paused replay answers "stale" rather than an old report as fresh, and a stopped standby sends
// reads back to the primary, as health says.

const PRIMARY_PORT = Number(process.env.TEST_PG_PRIMARY_PORT || 55460);
const STANDBY_PORT = Number(process.env.TEST_PG_STANDBY_PORT || 55461);
const TOWN = 'rs-town';
const DB = 'gongkai_rs';

let pg: PrimaryWithStandby;
let svc: Service;
let admin: ReturnType<typeof client>;
let n = 0;

async function sql<T>(url: string, text: string): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows;
  } finally {
    await c.end();
  }
}

/** Submits `count` more applications received in 2024 and answers the lastPosition of the 202. */
async function receive(count: number): Promise<number> {
  const events: DisclosureEvent[] = b.times(count, () => b.received({ id: `A${++n}`, org: TOWN, at: '2024-03-04T09:00:00+08:00' })); // prettier-ignore
  const r = await admin.post('/v1/events', { events });
  if (r.status !== 202) throw new Error(`submit: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.lastPosition;
}
const report = async (query = '') => {
  const r = await admin.get(`/v1/orgs/${TOWN}/reports/2024${query}`);
  expect(r.status).toBe(200);
  return { received: r.body.applications.rows.newReceived[6] as number, stale: r.body.stale as boolean, position: r.body.position as number }; // prettier-ignore
};
/** Until the primary's projection has applied `position` (/v1/projections reads the primary). */
async function projectedOnPrimary(position: number): Promise<void> {
  for (const until = Date.now() + 30_000; Date.now() < until;) {
    if ((await admin.get('/v1/projections')).body.projections[0].position >= position) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the primary's projection did not reach ${position}`);
}
const readConnections = async (url: string) =>
  Number((await sql<{ n: string }>(url, `SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = 'gongkai-api-read'`))[0].n); // prettier-ignore

beforeAll(async () => {
  pg = await startPrimaryWithStandby({ primaryPort: PRIMARY_PORT, standbyPort: STANDBY_PORT });
  await sql(pg.primary.url(), `CREATE DATABASE ${DB}`);
  await runMigrations(pg.primary.url(DB));
  svc = await startService({
    databaseUrl: pg.primary.url(DB),
    env: { DATABASE_READ_URLS: pg.standby.url(DB) },
  });
  admin = client(svc.base, ADMIN);
  expect((await admin.post('/v1/orgs', { orgId: TOWN, name: '读库镇', kind: 'town' })).status).toBe(201);
  const last = await receive(3);
  expect(await report(`?minPosition=${last}&waitMs=30000`)).toMatchObject({ received: 3, stale: false });
}, 120_000);

afterAll(async () => {
  await svc?.stop();
  await pg?.stop();
});

it('serves reports from the standby: a paused standby answers its own, older state', async () => {
  await pg.standby.waitForReplay();
  await pg.standby.pauseReplay();
  try {
    const before = n;
    const last = await receive(2);
    await projectedOnPrimary(last);
    // The primary has applied the two; the standby has not replayed them, and the report is its.
    const r = await report();
    expect(r.received).toBe(before);
    expect(r.position).toBeLessThan(last);
    expect(await readConnections(pg.standby.url())).toBeGreaterThan(0);
    expect(await readConnections(pg.primary.url())).toBe(0);
  } finally {
    await pg.standby.resumeReplay();
  }
});

it('says stale when the standby has not replayed minPosition in time, and not once it has', async () => {
  await pg.standby.waitForReplay();
  await pg.standby.pauseReplay();
  const before = n;
  let last: number;
  try {
    last = await receive(1);
    await projectedOnPrimary(last);
    expect(await report(`?minPosition=${last}&waitMs=500`)).toMatchObject({ received: before, stale: true });
  } finally {
    await pg.standby.resumeReplay();
  }
  expect(await report(`?minPosition=${last}&waitMs=15000`)).toMatchObject({
    received: before + 1,
    stale: false,
  });
});

it('honours minPosition on the standby: the read waits for the replay and then sees the write', async () => {
  const before = n;
  await pg.standby.pauseReplay();
  const last = await receive(4);
  const started = Date.now();
  const answer = report(`?minPosition=${last}&waitMs=20000`);
  await new Promise((r) => setTimeout(r, 1000));
  await pg.standby.resumeReplay();
  expect(await answer).toMatchObject({ received: before + 4, stale: false });
  expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  // An application's page waits the same way.
  const id = `A${n}`;
  const app = await admin.get(`/v1/orgs/${TOWN}/applications/${id}?minPosition=${last}&waitMs=20000`);
  expect(app.status).toBe(200);
  expect(app.body.stale).toBe(false);
});

it('falls back to the primary when the standby is down, says so on /health, and returns to it', async () => {
  await pg.standby.stop();
  try {
    const last = await receive(1);
    const r = await report(`?minPosition=${last}&waitMs=15000`);
    expect(r.stale).toBe(false);
    expect(r.position).toBeGreaterThanOrEqual(last);
    const health = await admin.get('/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('degraded');
    expect(health.body.details.standbys.readsOn).toBe('primary');
    expect(health.body.details.standbys.standbys[0]).toMatchObject({ up: false });
    // Other read models (deadlines, dashboards) are served by the primary meanwhile.
    expect((await admin.get(`/v1/orgs/${TOWN}/deadlines`)).status).toBe(200);
    expect((await admin.get(`/v1/orgs/${TOWN}/dashboard`)).status).toBe(200);
  } finally {
    await pg.standby.start();
  }
  await pg.standby.waitForReplay();
  const health = await admin.get('/health');
  expect(health.body.details.standbys).toMatchObject({ status: 'up', readsOn: 'standbys' });
  expect(health.body.details.standbys.standbys[0]).toMatchObject({ up: true });
  const last = await receive(1);
  expect(await report(`?minPosition=${last}&waitMs=15000`)).toMatchObject({ stale: false });
  expect(await readConnections(pg.standby.url())).toBeGreaterThan(0);
});

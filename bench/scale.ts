import { Client } from 'pg';
import { ADMIN } from './bench-service';
import { startBareHttp } from './bare-http';
import { copyRows, historyRows, VersionTracker } from './history';
import { caughtUp, rebuild } from './read-phases';
import { Explained, explainLines, explainPaths } from './explain';
import { Run } from './run';
import { StatementFigure, statementLines } from './statements';
import { Fleet, batchIngest, checkpoint, singleEvents } from './write-phases';
import { OrgStream, Tally, benchOrgs, orgStreams, prng, weightedPicker } from './workload';

// `npm run bench -- --scale`: the write path's cost as the store grows. At each size the same
// figures are taken beside baselines measured in the same step: batch ingest over HTTP beside a
// COPY of as many rows into the same table, single-event requests at 32 clients beside a bare
// HTTP server, and CPU per single event by process.

export type ScaleOptions = {
  steps: number[];
  /** Events sent over HTTP (and then by COPY) at each step for the batch ingest figure. */
  batchEvents: number;
  singleSeconds: number;
  /** How the history up to each step is written: COPY (through the API's hash), or HTTP batches. */
  fill: 'copy' | 'http';
};

export type ScaleStep = {
  stored: number;
  fill: { how: 'copy' | 'http'; events: number; elapsedMs: number };
  ingest: { eventsPerSecond: number; p99Ms: number };
  copy: { rowsPerSecond: number };
  catchUp: { events: number; eventsPerSecond: number; workerHwmMb: number };
  bare: { requestsPerSecond: number };
  single: { eventsPerSecond: number; p50Ms: number; p99Ms: number; accepted: number };
  /** µs of CPU per single event, by process group. */
  cpuPerSingle: Record<string, number>;
  statements: { ingest: StatementFigure[]; single: StatementFigure[] };
  /** EXPLAIN (ANALYZE, BUFFERS) of each statement of the append and projection paths at this size. */
  explained: Explained[];
};

async function count(url: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return Number((await c.query(`SELECT count(*)::float8 AS n FROM events`)).rows[0].n);
  } finally {
    await c.end();
  }
}

async function partitions(url: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query(`SELECT value FROM store_settings WHERE key = 'projection_partitions'`);
    return Number(r.rows[0]?.value ?? 16);
  } finally {
    await c.end();
  }
}

/** Writes history until `target` events are stored, by COPY or over HTTP. */
async function fillTo(
  run: Run,
  fleet: Fleet,
  tracker: VersionTracker,
  target: number,
  how: 'copy' | 'http',
  pick: () => string,
) {
  const events = target - (await count(run.db.url));
  if (events <= 0) return { how, events: 0, elapsedMs: 0 };
  if (how === 'http') {
    const r = await batchIngest(fleet, run.svc.base, run.db.url, events);
    return { how, events, elapsedMs: r.elapsedMs };
  }
  const p = await partitions(run.db.url);
  let elapsedMs = 0;
  // A million rows at a time: the bench's memory stays bounded whatever the step.
  for (let left = events; left > 0; left -= 1_000_000) {
    const chunks = historyRows(fleet, tracker, p, Math.min(left, 1_000_000), pick);
    elapsedMs += (await copyRows(run.db.url, chunks)).elapsedMs;
  }
  return { how, events, elapsedMs };
}

export async function scaleRun(run: Run, opts: ScaleOptions): Promise<ScaleStep[]> {
  const orgs = benchOrgs(300);
  const top = opts.steps[opts.steps.length - 1] + opts.batchEvents * 2;
  const fleet = await run.register(orgs, orgStreams(orgs, top, new Tally()));
  const tracker = new VersionTracker();
  tracker.watch(fleet);
  const picker = weightedPicker(orgs, prng(4242));
  const pick = () => picker().orgId;
  const p = await partitions(run.db.url);
  const out: ScaleStep[] = [];
  for (const stored of opts.steps) {
    run.say(`scale ${stored}: writing history (${opts.fill})`);
    const fill = await fillTo(run, fleet, tracker, stored - opts.batchEvents, opts.fill, pick);
    const ingestStats = await run.statements(async () => {
      await checkpoint(run.db.url);
      return run.phase(`ingest@${stored}`, () =>
        batchIngest(fleet, run.svc.base, run.db.url, opts.batchEvents),
      );
    });
    const ingest = ingestStats.out;
    const rows = historyRows(fleet, tracker, p, opts.batchEvents, pick);
    await checkpoint(run.db.url);
    const copy = await copyRows(run.db.url, rows);
    run.say(
      `scale ${stored}: ingest ${Math.round(ingest.eventsPerSecond)} ev/s, COPY ${Math.round((copy.rows * 1000) / copy.elapsedMs)} rows/s`,
    );

    const before = await count(run.db.url);
    const applied = await appliedSoFar(run.db.url);
    const up = await rebuild(run.svc, run.db.url);
    const catchUp = {
      events: before - applied,
      eventsPerSecond: ((before - applied) * 1000) / up.elapsedMs,
      workerHwmMb: up.memory.atEnd.hwmMb,
    };
    // The catch-up read every new row for the first time (setting its hint bits, so dirtying
    // its page) and wrote the read models: gigabytes at 10^7 that the server and the kernel would
    // otherwise write out during the timed phases, behind every commit's WAL flush.
    await checkpoint(run.db.url);
    run.say(
      `scale ${stored}: worker caught up on ${catchUp.events} events at ${Math.round(catchUp.eventsPerSecond)} ev/s, peak RSS ${Math.round(catchUp.workerHwmMb)} MB`,
    );

    const bare = await run.phase(`bare@${stored}`, async () => {
      const server = await startBareHttp();
      try {
        const copyFleet = { ...fleet, streams: orgStreams(orgs, top, new Tally()) as Map<string, OrgStream> };
        return await singleEvents(copyFleet, server.base, opts.singleSeconds);
      } finally {
        await server.stop();
      }
    });
    const singleStats = await run.statements(() =>
      run.phase(`single@${stored}`, () => singleEvents(fleet, run.svc.base, opts.singleSeconds)),
    );
    const single = singleStats.out;
    await caughtUp(run.svc.base, ADMIN);
    await run.svc.stopWorker();
    const explained = await explainPaths(run.db.url);
    run.say(
      `scale ${stored}: EXPLAIN (ANALYZE, BUFFERS) of the append and projection paths:\n${explainLines(explained)}`,
    );
    const cpu = run.cpuMs[`single@${stored}`];
    const cpuPerSingle = Object.fromEntries(
      Object.entries(cpu).map(([k, v]) => [k, Math.round((v * 1000 * 1000) / single.accepted) / 1000]),
    );
    run.say(
      `scale ${stored}: single ${Math.round(single.eventsPerSecond)} ev/s (bare ${Math.round(bare.eventsPerSecond)} req/s); CPU µs/event ${JSON.stringify(cpuPerSingle)}`,
    );
    if (singleStats.statements.length)
      run.say(`statements during single events at ${stored}:\n${statementLines(singleStats.statements)}`);
    out.push({
      stored,
      fill,
      ingest: { eventsPerSecond: ingest.eventsPerSecond, p99Ms: ingest.p99Ms },
      copy: { rowsPerSecond: (copy.rows * 1000) / copy.elapsedMs },
      catchUp,
      bare: { requestsPerSecond: bare.eventsPerSecond },
      single: {
        eventsPerSecond: single.eventsPerSecond,
        p50Ms: single.p50Ms,
        p99Ms: single.p99Ms,
        accepted: single.accepted,
      },
      cpuPerSingle,
      statements: { ingest: ingestStats.statements, single: singleStats.statements },
      explained,
    });
  }
  return out;
}

async function appliedSoFar(url: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query(
      `SELECT coalesce(sum(events_applied), 0)::float8 AS n FROM projection_checkpoints`,
    );
    return r.rows[0].n;
  } finally {
    await c.end();
  }
}

/** The scale table: each step's figures beside its own baselines and beside the first step. */
export function scaleTable(steps: ScaleStep[]): string {
  const first = steps[0];
  const n = (x: number) =>
    Number.isInteger(Math.log10(x)) ? `10^${Math.log10(x)}` : x.toLocaleString('en-US');
  const r = (x: number) => Math.round(x).toLocaleString('en-US');
  const cpu = (s: ScaleStep) => Object.values(s.cpuPerSingle).reduce((a, b) => a + b, 0);
  const head = [
    '| stored | batch ingest ev/s | COPY rows/s | ratio | single ev/s (32 clients) | p99 ms | bare HTTP req/s | ratio | × first step | CPU µs per event (api, pg:api, worker, pg:worker, bench) | CPU × first step | worker peak RSS MB |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const lines = steps.map((s) => {
    const c = s.cpuPerSingle;
    const parts = ['api', 'postgres:api', 'worker', 'postgres:worker', 'bench']
      .map((k) => Math.round(c[k] ?? 0))
      .join(' / ');
    return `| ${n(s.stored)} | ${r(s.ingest.eventsPerSecond)} | ${r(s.copy.rowsPerSecond)} | ${(s.ingest.eventsPerSecond / s.copy.rowsPerSecond).toFixed(2)} | ${r(s.single.eventsPerSecond)} | ${r(s.single.p99Ms)} | ${r(s.bare.requestsPerSecond)} | ${(s.single.eventsPerSecond / s.bare.requestsPerSecond).toFixed(3)} | ${(s.single.eventsPerSecond / first.single.eventsPerSecond).toFixed(2)} | ${parts} | ${(cpu(s) / cpu(first)).toFixed(2)} | ${Math.round(s.catchUp.workerHwmMb)} |`;
  });
  return [...head, ...lines].join('\n');
}

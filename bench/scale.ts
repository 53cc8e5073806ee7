import { Client } from 'pg';
import { ADMIN } from './bench-service';
import { startBareHttp } from './bare-http';
import { copyRows, historyRows, VersionTracker } from './history';
import { caughtUp, rebuild, reportReads, steadyLag } from './read-phases';
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
  /** Single events sent, untimed, before each step's timed phases. */
  warmSeconds: number;
  /** How the history up to each step is written: COPY (through the API's hash), or HTTP batches. */
  fill: 'copy' | 'http';
  /** The steady lag phase: events per second offered (in batches of 10), for this long. */
  lagRate: number;
  lagSeconds: number;
  /** Report reads at each step: town reports, then county rollups (8 clients). */
  townReads: number;
  rollupReads: number;
};

export type ScaleStep = {
  stored: number;
  fill: { how: 'copy' | 'http'; events: number; elapsedMs: number };
  ingest: { eventsPerSecond: number; p99Ms: number };
  copy: { rowsPerSecond: number };
  catchUp: { events: number; eventsPerSecond: number; workerHwmMb: number };
  bare: { requestsPerSecond: number };
  single: { eventsPerSecond: number; p50Ms: number; p99Ms: number; accepted: number };
  /** Steady load at `lagRate`, latencies from the send (and of the 202 alone). */
  lag: { offered: number; achieved: number; fromSendP99Ms: number; postP99Ms: number; stale: number };
  town: { p50Ms: number; p99Ms: number };
  rollup: { p50Ms: number; p99Ms: number };
  /** µs of CPU per single event, by process group. */
  cpuPerSingle: Record<string, number>;
  statements: { ingest: StatementFigure[]; single: StatementFigure[] };
  /** EXPLAIN (ANALYZE, BUFFERS) of each statement of the append and projection paths at this size. */
  explained: Explained[];
};

/** Reports read at each step are of the workload's first year, which every step has filled. */
const READ_YEAR = 2025;

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
    // Every step's processes are warm when timed: the first step's API and worker have just
    // started, and V8 would still be compiling the single-event path during its measurement.
    // The warm-up's events are stored (and projected) like any others, before the checkpoint.
    await singleEvents(fleet, run.svc.base, opts.warmSeconds);
    await caughtUp(run.svc.base, ADMIN);
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
    const lag = await run.phase(`lag@${stored}`, () =>
      steadyLag(fleet, run.svc.base, opts.lagRate, opts.lagSeconds),
    );
    await caughtUp(run.svc.base, ADMIN);
    const town = await run.phase(`town@${stored}`, () =>
      reportReads(fleet, run.svc.base, READ_YEAR, 'self', opts.townReads),
    );
    const rollup = await run.phase(`rollup@${stored}`, () =>
      reportReads(fleet, run.svc.base, READ_YEAR, 'rollup', opts.rollupReads),
    );
    run.say(
      `scale ${stored}: lag p99 ${Math.round(lag.fromSendP99Ms)} ms from the send at ${Math.round(lag.achievedEventsPerSecond)} ev/s; town report p99 ${town.p99Ms.toFixed(1)} ms, rollup p99 ${rollup.p99Ms.toFixed(1)} ms`,
    );
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
      lag: {
        offered: lag.offeredEventsPerSecond,
        achieved: lag.achievedEventsPerSecond,
        fromSendP99Ms: lag.fromSendP99Ms,
        postP99Ms: lag.postP99Ms,
        stale: lag.stale,
      },
      town: { p50Ms: town.p50Ms, p99Ms: town.p99Ms },
      rollup: { p50Ms: rollup.p50Ms, p99Ms: rollup.p99Ms },
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

/** A count as the tables print it: 10^6 for a power of ten, 30,000 otherwise. */
export const sizeOf = (x: number) =>
  Number.isInteger(Math.log10(x)) ? `10^${Math.log10(x)}` : x.toLocaleString('en-US');
const r = (x: number) => Math.round(x).toLocaleString('en-US');

/** The scale table: each step's figures beside its own baselines and beside the first step. */
export function scaleTable(steps: ScaleStep[]): string {
  const first = steps[0];
  const cpu = (s: ScaleStep) => Object.values(s.cpuPerSingle).reduce((a, b) => a + b, 0);
  const head = [
    '| stored | batch ingest ev/s | COPY rows/s | ratio | single ev/s (32 clients) | p99 ms | bare HTTP req/s | ratio | × first step | CPU µs per event (api, pg:api, worker, pg:worker, bench) | CPU × first step | lag p99 ms from the send (ev/s achieved) | town report p99 ms | rollup p99 ms | worker peak RSS MB |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const lines = steps.map((s) => {
    const c = s.cpuPerSingle;
    const parts = ['api', 'postgres:api', 'worker', 'postgres:worker', 'bench']
      .map((k) => Math.round(c[k] ?? 0))
      .join(' / ');
    return `| ${sizeOf(s.stored)} | ${r(s.ingest.eventsPerSecond)} | ${r(s.copy.rowsPerSecond)} | ${(s.ingest.eventsPerSecond / s.copy.rowsPerSecond).toFixed(2)} | ${r(s.single.eventsPerSecond)} | ${r(s.single.p99Ms)} | ${r(s.bare.requestsPerSecond)} | ${(s.single.eventsPerSecond / s.bare.requestsPerSecond).toFixed(3)} | ${(s.single.eventsPerSecond / first.single.eventsPerSecond).toFixed(2)} | ${parts} | ${(cpu(s) / cpu(first)).toFixed(2)} | ${r(s.lag.fromSendP99Ms)} (${r(s.lag.achieved)}) | ${s.town.p99Ms.toFixed(1)} | ${s.rollup.p99Ms.toFixed(1)} | ${Math.round(s.catchUp.workerHwmMb)} |`;
  });
  return [...head, ...lines].join('\n');
}

/** CPU per single event across the service's processes (the load generator left out). */
const serviceCpu = (s: ScaleStep) =>
  Object.entries(s.cpuPerSingle)
    .filter(([k]) => k !== 'bench')
    .reduce((a, [, v]) => a + v, 0);

/** The targets, each a ratio in this run: the last step against the first and its baselines. */
export function scaleTargets(steps: ScaleStep[]): string {
  const first = steps[0];
  const last = steps[steps.length - 1];
  const at = sizeOf(last.stored);
  const from = sizeOf(first.stored);
  const rows: [string, string, boolean][] = [
    [
      `single events at ${at} ≥ 0.9 × at ${from}`,
      `${(last.single.eventsPerSecond / first.single.eventsPerSecond).toFixed(2)} (${r(last.single.eventsPerSecond)} beside ${r(first.single.eventsPerSecond)} ev/s)`,
      last.single.eventsPerSecond >= 0.9 * first.single.eventsPerSecond,
    ],
    [
      `single events at ${at} ≥ 0.15 × bare HTTP`,
      `${(last.single.eventsPerSecond / last.bare.requestsPerSecond).toFixed(3)} (${r(last.single.eventsPerSecond)} beside ${r(last.bare.requestsPerSecond)} req/s)`,
      last.single.eventsPerSecond >= 0.15 * last.bare.requestsPerSecond,
    ],
    [
      `service CPU per single event at ${at} ≤ 1.2 × at ${from}`,
      `${(serviceCpu(last) / serviceCpu(first)).toFixed(2)} (${r(serviceCpu(last))} beside ${r(serviceCpu(first))} µs)`,
      serviceCpu(last) <= 1.2 * serviceCpu(first),
    ],
    [
      `batch ingest at ${at} ≥ 0.6 × COPY`,
      `${(last.ingest.eventsPerSecond / last.copy.rowsPerSecond).toFixed(2)}`,
      last.ingest.eventsPerSecond >= 0.6 * last.copy.rowsPerSecond,
    ],
    [
      `lag p99 from the send < 500 ms at ${r(last.lag.offered)} ev/s offered, at ${at}`,
      `${r(last.lag.fromSendP99Ms)} ms (${r(last.lag.achieved)} ev/s achieved)`,
      last.lag.fromSendP99Ms < 500,
    ],
    [`town report p99 < 20 ms at ${at}`, `${last.town.p99Ms.toFixed(1)} ms`, last.town.p99Ms < 20],
    [
      `worker peak RSS flat (≤ 1.25×) from ${from} to ${at}`,
      `${(last.catchUp.workerHwmMb / first.catchUp.workerHwmMb).toFixed(2)} (${r(first.catchUp.workerHwmMb)} → ${r(last.catchUp.workerHwmMb)} MB)`,
      last.catchUp.workerHwmMb <= 1.25 * first.catchUp.workerHwmMb,
    ],
  ];
  return [
    '| target | reached | met |',
    '|---|---|---|',
    ...rows.map(([t, v, ok]) => `| ${t} | ${v} | ${ok ? 'yes' : 'no'} |`),
  ].join('\n');
}

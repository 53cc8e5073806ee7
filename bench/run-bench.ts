import { parseArgs } from 'node:util';
import { ADMIN, PG_URL } from './bench-service';
import { copyBaseline, readBaseline } from './baselines';
import { Row, describeMachine, machineLoad, printTable, writeResults } from './results-table';
import { caughtUp, rebuild, reportReads, steadyLag } from './read-phases';
import { startBareHttp } from './bare-http';
import { Fleet, batchIngest, singleEvents } from './write-phases';
import { Tally, benchOrgs, orgStreams } from './workload';
import { ledgerVersusJson } from './ledger-phase';
import { Run, openRun, say } from './run';
import { scaleRun, scaleTable, scaleTargets, sizeOf as n } from './scale';
import { statementLines } from './statements';

// `npm run bench` (10^6 events), `npm run bench -- --smoke` (10^4, under a minute, for CI), or
// `npm run bench -- --scale` (the write path at 10^5, 10^6 and 10^7 stored events). Each figure
// is printed beside a baseline measured in the same run where there is one.

const HELP = `npm run bench -- [options]

  --smoke             small sizes, well under a minute (CI runs this)
  --events=N          events sent in the full run (default 10^6, --smoke 10^4; N >= 1000)
  --lag-rate=N        events/s offered in the lag phase (default 2000; N >= 10)
  --scale             the write path as the store grows: batch ingest beside COPY and single
                      events beside bare HTTP, with CPU per event, at each of --steps
  --steps=A,B,...     stored events of the scale steps (default 100000,1000000,10000000;
                      with --smoke 10000,30000)
  --fill=copy|http    how the scale run writes the history between steps (default copy: the
                      API's validation and content hash, written by COPY; http: batches of 500)
  --help              this text

Environment: BENCH_PG_URL / TEST_PG_URL, BENCH_REDIS_URL / TEST_REDIS_URL, BENCH_PROFILE=DIR,
BENCH_WORKER_NODE_FLAGS, BENCH_KEEP_DATABASE=1; the service's own settings (WORKER_CONCURRENCY, ...) pass through.
See bench/README.md.
`;

type Sizes = {
  events: number;
  singleSeconds: number;
  lagSeconds: number;
  townReads: number;
  rollupReads: number;
  /** Events per second offered in the lag phase (the design's figure is at 2,000). */
  lagRate: number;
  /** Rows of the applications ledger uploaded against the same events as JSON. */
  ledgerRows: number;
};
const FULL: Sizes = {
  events: 1_000_000,
  singleSeconds: 20,
  lagSeconds: 30,
  townReads: 4000,
  rollupReads: 2000,
  lagRate: 2000,
  ledgerRows: 10_000,
};
const SMOKE: Sizes = {
  events: 10_000,
  singleSeconds: 3,
  lagSeconds: 3,
  townReads: 200,
  rollupReads: 100,
  lagRate: 2000,
  ledgerRows: 1000,
};

type Options = Sizes & {
  smoke: boolean;
  scale: null | { steps: number[]; fill: 'copy' | 'http'; batchEvents: number };
};

const whole = (v: string | undefined, name: string, min: number, fallback: number): number => {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name}=N needs a whole N >= ${min}, not ${v}`);
  return n;
};

/** The command line, or null when --help was asked for. */
function options(argv: string[]): Options | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      smoke: { type: 'boolean', default: false },
      events: { type: 'string' },
      'lag-rate': { type: 'string' },
      scale: { type: 'boolean', default: false },
      steps: { type: 'string' },
      fill: { type: 'string', default: 'copy' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return null;
  const smoke = values.smoke;
  const s = smoke ? SMOKE : FULL;
  const out: Options = {
    ...s,
    smoke,
    events: whole(values.events, 'events', 1000, s.events),
    lagRate: whole(values['lag-rate'], 'lag-rate', 10, s.lagRate),
    scale: null,
  };
  if (values.fill !== 'copy' && values.fill !== 'http')
    throw new Error(`--fill is copy or http, not ${values.fill}`);
  if (values.scale) {
    const steps = (values.steps ?? (smoke ? '10000,30000' : '100000,1000000,10000000'))
      .split(',')
      .map((x) => whole(x.trim(), 'steps', 1000, 0));
    if (steps.some((x, i) => i > 0 && x <= steps[i - 1])) throw new Error('--steps must increase');
    const batchEvents = smoke ? 2000 : 50_000;
    if (steps[0] <= batchEvents)
      throw new Error(`--steps must start above ${batchEvents} (the batch ingest measured at each)`);
    out.scale = { steps, fill: values.fill, batchEvents };
  }
  return out;
}

type Measured = {
  ingest: Awaited<ReturnType<typeof batchIngest>>;
  copy: { rows: number; elapsedMs: number };
  read: { rows: number; elapsedMs: number };
  catchUp: Awaited<ReturnType<typeof rebuild>>;
  single: Awaited<ReturnType<typeof singleEvents>>;
  bare: Awaited<ReturnType<typeof singleEvents>>;
  lag: Awaited<ReturnType<typeof steadyLag>>;
  town: Awaited<ReturnType<typeof reportReads>>;
  rollup: Awaited<ReturnType<typeof reportReads>>;
  ledger: Awaited<ReturnType<typeof ledgerVersusJson>>;
};

/** Backfill with the worker stopped (the append path alone, as COPY is), the baselines, the rebuild. */
async function writeAndRebuild(run: Run, fleet: Fleet, size: Sizes) {
  const ingest = await run.phase('ingest', () => batchIngest(fleet, run.svc.base, run.db.url, size.events));
  say(`ingest: ${Math.round(ingest.eventsPerSecond)} events/s`);
  const copy = await run.phase('copy', () => copyBaseline(run.db.url));
  say(`COPY: ${Math.round((copy.rows * 1000) / copy.elapsedMs)} rows/s`);
  const read = await run.phase('read', () => readBaseline(run.db.url));
  say(`plain read: ${Math.round((read.rows * 1000) / read.elapsedMs)} rows/s`);
  const catchUp = await run.phase('rebuild', () => rebuild(run.svc, run.db.url));
  say(`rebuild: ${Math.round(catchUp.eventsPerSecond)} events/s`);
  return { ingest, copy, read, catchUp };
}

/**
 * Single events beside the same requests sent to a server that does nothing with them (from
 * streams of their own: the events the service is sent must stay a consistent history), then the
 * steady lag, with API and worker running as in production.
 */
async function liveWrites(run: Run, fleet: Fleet, size: Sizes) {
  const bare = await run.phase('bare', async () => {
    const server = await startBareHttp();
    try {
      const copy = { ...fleet, streams: orgStreams(fleet.orgs, size.events, new Tally()) };
      return await singleEvents(copy, server.base, size.singleSeconds);
    } finally {
      await server.stop();
    }
  });
  say(`bare HTTP: ${Math.round(bare.eventsPerSecond)} requests/s`);
  const { out: single, statements } = await run.statements(() =>
    run.phase('single', () => singleEvents(fleet, run.svc.base, size.singleSeconds)),
  );
  say(`single events: ${Math.round(single.eventsPerSecond)} events/s`);
  if (statements.length) say(`statements during single events:\n${statementLines(statements)}`);
  await caughtUp(run.svc.base, ADMIN);
  const lag = await run.phase('lag', () => steadyLag(fleet, run.svc.base, size.lagRate, size.lagSeconds));
  say(`lag p99: ${Math.round(lag.fromSendP99Ms)} ms from the send, ${Math.round(lag.p99Ms)} ms from the 202`);
  await caughtUp(run.svc.base, ADMIN);
  return { bare, single, singleStatements: statements, lag };
}

/** Town reports and county rollups (checked against the workload's tally), then the ledger upload. */
async function readsAndLedger(run: Run, fleet: Fleet, tally: Tally, size: Sizes) {
  const town = await run.phase('town', () => reportReads(fleet, run.svc.base, 2025, 'self', size.townReads));
  const rollup = await run.phase('rollup', () =>
    reportReads(fleet, run.svc.base, 2025, 'rollup', size.rollupReads),
  );
  const licensing = (rollup.last as { proactive: { licensing: number } }).proactive.licensing;
  if (licensing !== tally.decisionsIn(2025, 'licensing'))
    throw new Error(
      `rollup shows ${licensing} licensing decisions for 2025; ${tally.decisionsIn(2025, 'licensing')} were sent`,
    );
  const ledger = await run.phase('ledger', () => ledgerVersusJson(run.svc.base, ADMIN, size.ledgerRows));
  say(
    `ledger: ${size.ledgerRows} rows in ${Math.round(ledger.ledgerMs)} ms, as JSON ${Math.round(ledger.jsonMs)} ms (${ledger.ratio.toFixed(2)}×)`,
  );
  return { town, rollup, ledger };
}

/** The table, CPU per event, and the JSON in bench/results/; fails if a figure is missing. */
function report(
  run: Run,
  size: Options,
  m: Measured,
  extra: Record<string, unknown>,
  context: Record<string, unknown>,
) {
  const rows = figures(size.events, size.lagRate, m);
  const table = printTable(rows);
  const events = {
    ingest: m.ingest.accepted,
    rebuild: m.catchUp.events,
    single: m.single.accepted,
    lag: m.lag.events,
  };
  const cpuPer1k = Object.fromEntries(
    Object.entries(events).map(([label, n]) => [label, perThousand(run.cpuMs[label], n)]),
  );
  const cpuLines = Object.entries(cpuPer1k).map(
    ([label, g]) =>
      `  ${label.padEnd(8)} ${Object.entries(g)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
  );
  process.stdout.write(`\n${table}\n\nCPU ms per 1,000 events:\n${cpuLines.join('\n')}\n\n`);
  const result = {
    ...context,
    sizes: size,
    horizonHeldElsewhere: run.held,
    cpuMs: run.cpuMs,
    cpuPer1k,
    serviceLog: run.logFile,
    service: pick(run.svc.env, [
      'PROJECTION_PARTITIONS',
      'WORKER_CONCURRENCY',
      'PROJECTION_BATCH_SIZE',
      'SWEEP_EVERY_MS',
      'WORKER_HEAP_MB',
    ]),
    rows,
    details: { ...m, town: { ...m.town, last: undefined }, rollup: { ...m.rollup, last: undefined } },
    ...extra,
  };
  say(`written to ${writeResults(`${run.name}.json`, result)}`);
  const missing = rows.filter((r) => r.value === null || !Number.isFinite(r.value));
  if (missing.length) throw new Error(`figures not produced: ${missing.map((r) => r.id).join(', ')}`);
}

async function fullRun(run: Run, size: Options, context: Record<string, unknown>) {
  const orgs = benchOrgs(300);
  const tally = new Tally();
  const fleet = await run.register(orgs, orgStreams(orgs, size.events, tally));
  say(`service up at ${run.svc.base}; ${orgs.length} orgs registered; ${size.events} events to send`);
  const written = await writeAndRebuild(run, fleet, size);
  const live = await liveWrites(run, fleet, size);
  const reads = await readsAndLedger(run, fleet, tally, size);
  report(run, size, { ...written, ...live, ...reads }, { singleStatements: live.singleStatements }, context);
}

async function scaleOnly(run: Run, size: Options, context: Record<string, unknown>) {
  const scale = size.scale!;
  if (scale.fill === 'copy')
    say(
      'history between steps is written by COPY (same validation and content hash as the API): sending it over HTTP takes longer than the run',
    );
  const steps = await scaleRun(run, {
    ...scale,
    singleSeconds: size.singleSeconds,
    warmSeconds: size.smoke ? 1 : 5,
    lagRate: size.lagRate,
    lagSeconds: size.lagSeconds,
    townReads: size.townReads,
    rollupReads: size.rollupReads,
  });
  const table = scaleTable(steps);
  const targets = scaleTargets(steps);
  process.stdout.write(`\n${table}\n\n${targets}\n\n`);
  say(
    `written to ${writeResults(`${run.name}.json`, { ...context, sizes: size, horizonHeldElsewhere: run.held, cpuMs: run.cpuMs, serviceLog: run.logFile, service: pick(run.svc.env, ['PROJECTION_PARTITIONS', 'WORKER_CONCURRENCY', 'PROJECTION_BATCH_SIZE', 'WORKER_HEAP_MB']), scale: steps, table, targets })}`,
  );
}

async function main() {
  let size: Options | null;
  try {
    size = options(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${HELP}`);
    process.exit(2);
  }
  if (!size) return void process.stdout.write(HELP);
  const loadBefore = machineLoad();
  const machine = await describeMachine(PG_URL);
  const run = await openRun(
    size.scale ? `scale${size.smoke ? '-smoke' : ''}` : size.smoke ? 'smoke' : String(size.events),
  );
  const context = () => ({
    at: new Date().toISOString(),
    machine,
    load: { before: loadBefore, after: machineLoad() },
  });
  try {
    if (size.scale) await scaleOnly(run, size, context());
    else await fullRun(run, size, context());
  } finally {
    await run.cleanup();
  }
}

const pick = (env: NodeJS.ProcessEnv, keys: string[]) =>
  Object.fromEntries(keys.map((k) => [k, env[k] ?? 'default']));
const perThousand = (ms: Record<string, number>, n: number) =>
  Object.fromEntries(Object.entries(ms).map(([g, v]) => [g, Math.round((v * 1000) / n)]));
const perSecond = (x: { rows: number; elapsedMs: number }) => (x.rows * 1000) / x.elapsedMs;

/** A figure shown for what it is, with no target of its own. */
const shown = (id: string, figure: string, value: Row['value'], unit: string): Row => ({
  id,
  figure,
  value,
  unit,
  target: '—',
  met: null,
});

function figures(events: number, lagRate: number, m: Measured): Row[] {
  const rate = lagRate.toLocaleString('en-US');
  const copy = perSecond(m.copy);
  const read = perSecond(m.read);
  const tenth = m.catchUp.memory.atTenth?.hwmMb ?? null;
  const end = m.catchUp.memory.atEnd.hwmMb;
  const growth = tenth ? end / tenth : null;
  return [
    {
      id: '1',
      figure: 'batch ingest over HTTP (500/batch, 4 clients)',
      value: m.ingest.eventsPerSecond,
      unit: 'ev/s',
      baseline: { name: 'COPY', value: copy, unit: 'rows/s' },
      ratio: m.ingest.eventsPerSecond / copy,
      target: '≥ 0.5 × COPY',
      met: m.ingest.eventsPerSecond >= 0.5 * copy,
    },
    {
      id: '2',
      figure: 'single-event requests, 32 clients',
      value: m.single.eventsPerSecond,
      unit: 'ev/s',
      baseline: { name: 'bare HTTP', value: m.bare.eventsPerSecond, unit: 'req/s' },
      ratio: m.single.eventsPerSecond / m.bare.eventsPerSecond,
      target: '≥ 3,500 ev/s',
      met: m.single.eventsPerSecond >= 3500,
    },
    shown('2', 'single-event latency p50', m.single.p50Ms, 'ms'),
    shown('2', 'single-event latency p99', m.single.p99Ms, 'ms'),
    {
      id: '3',
      figure: `projection rebuild from 0 (${n(m.catchUp.events)} events)`,
      value: m.catchUp.eventsPerSecond,
      unit: 'ev/s',
      baseline: { name: 'plain read', value: read, unit: 'rows/s' },
      ratio: m.catchUp.eventsPerSecond / read,
      target: '≥ 0.5 × read',
      met: m.catchUp.eventsPerSecond >= 0.5 * read,
    },
    shown(
      '4',
      `steady load achieved (${rate} ev/s offered, batches of 10)`,
      m.lag.achievedEventsPerSecond,
      'ev/s',
    ),
    shown('4', 'steady load: 202 latency p99', m.lag.postP99Ms, 'ms'),
    shown('4', `ingest-to-report lag at ${rate} ev/s from the 202, p50`, m.lag.p50Ms, 'ms'),
    shown('4', `ingest-to-report lag at ${rate} ev/s from the 202, p99`, m.lag.p99Ms, 'ms'),
    shown('4', `ingest-to-report lag at ${rate} ev/s from the send, p50`, m.lag.fromSendP50Ms, 'ms'),
    {
      id: '4',
      figure: `ingest-to-report lag at ${rate} ev/s from the send, p99`,
      value: m.lag.fromSendP99Ms,
      unit: 'ms',
      target: '< 500 ms',
      met: m.lag.fromSendP99Ms < 500,
    },
    { id: '5', figure: 'town report JSON p50', value: m.town.p50Ms, unit: 'ms', target: '—', met: null },
    {
      id: '5',
      figure: 'town report JSON p99',
      value: m.town.p99Ms,
      unit: 'ms',
      target: '< 20 ms',
      met: m.town.p99Ms < 20,
    },
    shown('5', 'county rollup of 300 orgs p50', m.rollup.p50Ms, 'ms'),
    {
      id: '5',
      figure: 'county rollup of 300 orgs p99',
      value: m.rollup.p99Ms,
      unit: 'ms',
      target: '< 100 ms',
      met: m.rollup.p99Ms < 100,
    },
    shown('6', `worker peak RSS at ${n(events / 10)} events`, tenth, 'MB'),
    {
      id: '6',
      figure: `worker peak RSS at ${n(events)} events`,
      value: end,
      unit: 'MB',
      baseline: { name: `at ${n(events / 10)}`, value: tenth, unit: 'MB' },
      ratio: growth,
      target: 'flat (≤ 1.25×)',
      met: growth === null ? null : growth <= 1.25,
    },
    {
      id: '7',
      figure: `applications ledger of ${m.ledger.rows.toLocaleString('en-US')} rows (.xlsx upload)`,
      value: m.ledger.ledgerMs,
      unit: 'ms',
      baseline: { name: 'same events as JSON batches', value: m.ledger.jsonMs, unit: 'ms' },
      ratio: m.ledger.ratio,
      target: '≤ 3 × JSON',
      met: m.ledger.ratio <= 3,
    },
  ];
}

main().catch((e) => {
  say(`failed: ${e?.stack ?? e}`);
  process.exit(1);
});

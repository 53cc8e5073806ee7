import {
  ADMIN,
  OWN_DATABASES,
  PG_URL,
  benchQueuePrefix,
  dropQueueKeys,
  freshDatabase,
  startService,
} from './bench-service';
import { copyBaseline, readBaseline } from './baselines';
import { CpuMeter, HorizonWatch } from './monitors';
import { Row, describeMachine, machineLoad, printTable, resultPath, writeResults } from './results-table';
import { caughtUp, rebuild, reportReads, steadyLag } from './read-phases';
import { startBareHttp } from './bare-http';
import { batchIngest, registerFleet, singleEvents } from './write-phases';
import { Tally, benchOrgs, orgStreams } from './workload';
import { ledgerVersusJson } from './ledger-phase';

// `npm run bench` (10^6 events) or `npm run bench -- --smoke` (10^4, under a minute, for CI).
// Each figure is printed beside a baseline measured in the same run where DESIGN.md has one.

type Sizes = {
  events: number;
  singleSeconds: number;
  lagSeconds: number;
  townReads: number;
  rollupReads: number;
  /** Events per second offered in the lag phase (DESIGN.md's figure is at 2,000). */
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
const SMOKE: Sizes = { events: 10_000, singleSeconds: 3, lagSeconds: 3, townReads: 200, rollupReads: 100, lagRate: 2000, ledgerRows: 1000 }; // prettier-ignore

function sizes(argv: string[]): Sizes & { smoke: boolean } {
  const smoke = argv.includes('--smoke');
  const s = { ...(smoke ? SMOKE : FULL), smoke };
  const n = argv.find((a) => a.startsWith('--events='));
  if (n) s.events = Number(n.slice('--events='.length));
  if (!Number.isInteger(s.events) || s.events < 1000) throw new Error('--events=N needs a whole N ≥ 1000');
  const rate = argv.find((a) => a.startsWith('--lag-rate='));
  if (rate) s.lagRate = Number(rate.slice('--lag-rate='.length));
  if (!Number.isInteger(s.lagRate) || s.lagRate < 10) throw new Error('--lag-rate=N needs a whole N ≥ 10');
  return s;
}

const say = (msg: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

async function main() {
  const size = sizes(process.argv.slice(2));
  const loadBefore = machineLoad();
  const machine = await describeMachine(PG_URL);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const name = `${stamp}-${size.smoke ? 'smoke' : size.events}`;
  const db = await freshDatabase('run');
  const prefix = benchQueuePrefix();
  const logFile = resultPath(`${name}-service.log`);
  const svc = await startService(db.url, prefix, logFile);
  const horizon = new HorizonWatch(PG_URL, OWN_DATABASES);
  await horizon.start();
  const cpu = new CpuMeter(PG_URL, db.name, () => ({
    api: svc.api.pid,
    worker: svc.worker?.pid,
    bench: process.pid,
  }));
  const cleanup = async () => {
    cpu.stop();
    await horizon.stop();
    await svc.stop();
    await db.drop().catch(() => undefined);
    await dropQueueKeys(prefix).catch(() => undefined);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void cleanup().finally(() => process.exit(130)));
  const held: Record<string, number> = {};
  const cpuMs: Record<string, Record<string, number>> = {};
  const phase = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
    horizon.take();
    cpu.take();
    const out = await run();
    cpuMs[label] = cpu.take();
    held[label] = horizon.take();
    if (held[label] > 1) say(`note: a transaction elsewhere on this PostgreSQL held the xmin horizon for ${held[label]} s during ${label}`); // prettier-ignore
    return out;
  };
  try {
    const orgs = benchOrgs(300);
    const tally = new Tally();
    const fleet = await registerFleet(svc.base, ADMIN, orgs, orgStreams(orgs, size.events, tally));
    say(`service up at ${svc.base}; ${orgs.length} orgs registered; ${size.events} events to send`);

    // The worker is not running yet: ingest is the append path alone, as COPY is.
    const ingest = await phase('ingest', () => batchIngest(fleet, svc.base, db.url, size.events));
    say(`ingest: ${Math.round(ingest.eventsPerSecond)} events/s`);
    const copy = await phase('copy', () => copyBaseline(db.url));
    say(`COPY: ${Math.round((copy.rows * 1000) / copy.elapsedMs)} rows/s`);
    const read = await phase('read', () => readBaseline(db.url));
    say(`plain read: ${Math.round((read.rows * 1000) / read.elapsedMs)} rows/s`);
    const catchUp = await phase('rebuild', () => rebuild(svc, db.url));
    say(`rebuild: ${Math.round(catchUp.eventsPerSecond)} events/s`);

    // The same single-event requests against a server that does nothing with them (from streams
    // of their own: the events the service is sent must stay a consistent history).
    const bare = await phase('bare', async () => {
      const server = await startBareHttp();
      try {
        const copy = { ...fleet, streams: orgStreams(orgs, size.events, new Tally()) };
        return await singleEvents(copy, server.base, size.singleSeconds);
      } finally {
        await server.stop();
      }
    });
    say(`bare HTTP: ${Math.round(bare.eventsPerSecond)} requests/s`);
    // From here on the service runs as in production: API and worker together.
    const single = await phase('single', () => singleEvents(fleet, svc.base, size.singleSeconds));
    say(`single events: ${Math.round(single.eventsPerSecond)} events/s`);
    await caughtUp(svc.base, ADMIN);
    const lag = await phase('lag', () => steadyLag(fleet, svc.base, size.lagRate, size.lagSeconds));
    say(`lag: p99 ${Math.round(lag.p99Ms)} ms`);
    await caughtUp(svc.base, ADMIN);
    const town = await phase('town', () => reportReads(fleet, svc.base, 2025, 'self', size.townReads));
    const rollup = await phase('rollup', () =>
      reportReads(fleet, svc.base, 2025, 'rollup', size.rollupReads),
    );
    const licensing = (rollup.last as { proactive: { licensing: number } }).proactive.licensing;
    if (licensing !== tally.decisionsIn(2025, 'licensing'))
      throw new Error(`rollup shows ${licensing} licensing decisions for 2025; ${tally.decisionsIn(2025, 'licensing')} were sent`); // prettier-ignore

    const ledger = await phase('ledger', () => ledgerVersusJson(svc.base, ADMIN, size.ledgerRows));
    say(`ledger: ${size.ledgerRows} rows in ${Math.round(ledger.ledgerMs)} ms, as JSON ${Math.round(ledger.jsonMs)} ms (${ledger.ratio.toFixed(2)}×)`); // prettier-ignore

    const rows = figures(size.events, size.lagRate, {
      ingest,
      copy,
      read,
      catchUp,
      bare,
      single,
      lag,
      town,
      rollup,
      ledger,
    });
    const table = printTable(rows);
    const events = {
      ingest: ingest.accepted,
      rebuild: catchUp.events,
      single: single.accepted,
      lag: lag.events,
    };
    const cpuPer1k = Object.fromEntries(
      Object.entries(events).map(([label, n]) => [label, perThousand(cpuMs[label], n)]),
    );
    const cpuLines = Object.entries(cpuPer1k).map(([label, g]) => `  ${label.padEnd(8)} ${Object.entries(g).map(([k, v]) => `${k} ${v}`).join(', ')}`); // prettier-ignore
    process.stdout.write(`\n${table}\n\nCPU ms per 1,000 events:\n${cpuLines.join('\n')}\n\n`);
    const result = {
      at: new Date().toISOString(),
      sizes: size,
      machine,
      load: { before: loadBefore, after: machineLoad() },
      /** Seconds the oldest writing transaction of another database was open, per phase. */
      horizonHeldElsewhere: held,
      /** CPU ms of each process group per phase: compare these across runs on a busy machine. */
      cpuMs,
      cpuPer1k,
      serviceLog: logFile,
      service: pick(svc.env, ['PROJECTION_PARTITIONS', 'WORKER_CONCURRENCY', 'PROJECTION_BATCH_SIZE', 'SWEEP_EVERY_MS']), // prettier-ignore
      rows,
      details: { ingest, copy, read, rebuild: catchUp, bare, single, lag, town: { ...town, last: undefined }, rollup: { ...rollup, last: undefined }, ledger }, // prettier-ignore
    };
    say(`written to ${writeResults(`${name}.json`, result)}`);
    const missing = rows.filter((r) => r.value === null || !Number.isFinite(r.value));
    if (missing.length) throw new Error(`figures not produced: ${missing.map((r) => r.id).join(', ')}`);
  } finally {
    await cleanup();
  }
}

const pick = (env: NodeJS.ProcessEnv, keys: string[]) =>
  Object.fromEntries(keys.map((k) => [k, env[k] ?? 'default']));
const perThousand = (ms: Record<string, number>, n: number) =>
  Object.fromEntries(Object.entries(ms).map(([g, v]) => [g, Math.round((v * 1000) / n)]));
const perSecond = (x: { rows: number; elapsedMs: number }) => (x.rows * 1000) / x.elapsedMs;

type Measured = {
  ingest: { eventsPerSecond: number };
  copy: { rows: number; elapsedMs: number };
  read: { rows: number; elapsedMs: number };
  catchUp: Awaited<ReturnType<typeof rebuild>>;
  single: { eventsPerSecond: number; p50Ms: number; p99Ms: number };
  bare: { eventsPerSecond: number };
  lag: { p50Ms: number; p99Ms: number; achievedEventsPerSecond: number; postP99Ms: number };
  town: { p50Ms: number; p99Ms: number };
  rollup: { p50Ms: number; p99Ms: number };
  ledger: { rows: number; ledgerMs: number; jsonMs: number; ratio: number };
};

function figures(events: number, lagRate: number, m: Measured): Row[] {
  const rate = lagRate.toLocaleString('en-US');
  const copy = perSecond(m.copy);
  const read = perSecond(m.read);
  const tenth = m.catchUp.memory.atTenth?.hwmMb ?? null;
  const end = m.catchUp.memory.atEnd.hwmMb;
  const growth = tenth ? end / tenth : null;
  const n = (x: number) =>
    Number.isInteger(Math.log10(x)) ? `10^${Math.log10(x)}` : x.toLocaleString('en-US');
  return [
    { id: '1', figure: 'batch ingest over HTTP (500/batch, 4 clients)', value: m.ingest.eventsPerSecond, unit: 'ev/s', baseline: { name: 'COPY', value: copy, unit: 'rows/s' }, ratio: m.ingest.eventsPerSecond / copy, target: '≥ 0.5 × COPY', met: m.ingest.eventsPerSecond >= 0.5 * copy }, // prettier-ignore
    { id: '2', figure: 'single-event requests, 32 clients', value: m.single.eventsPerSecond, unit: 'ev/s', baseline: { name: 'bare HTTP', value: m.bare.eventsPerSecond, unit: 'req/s' }, ratio: m.single.eventsPerSecond / m.bare.eventsPerSecond, target: '≥ 3,500 ev/s', met: m.single.eventsPerSecond >= 3500 }, // prettier-ignore
    {
      id: '2',
      figure: 'single-event latency p50',
      value: m.single.p50Ms,
      unit: 'ms',
      target: '—',
      met: null,
    },
    {
      id: '2',
      figure: 'single-event latency p99',
      value: m.single.p99Ms,
      unit: 'ms',
      target: '—',
      met: null,
    },
    { id: '3', figure: `projection rebuild from 0 (${n(m.catchUp.events)} events)`, value: m.catchUp.eventsPerSecond, unit: 'ev/s', baseline: { name: 'plain read', value: read, unit: 'rows/s' }, ratio: m.catchUp.eventsPerSecond / read, target: '≥ 0.5 × read', met: m.catchUp.eventsPerSecond >= 0.5 * read }, // prettier-ignore
    { id: '4', figure: `steady load achieved (${rate} ev/s offered, batches of 10)`, value: m.lag.achievedEventsPerSecond, unit: 'ev/s', target: '—', met: null }, // prettier-ignore
    { id: '4', figure: 'steady load: 202 latency p99', value: m.lag.postP99Ms, unit: 'ms', target: '—', met: null }, // prettier-ignore
    { id: '4', figure: `ingest-to-report lag at ${rate} ev/s, p50`, value: m.lag.p50Ms, unit: 'ms', target: '—', met: null }, // prettier-ignore
    { id: '4', figure: `ingest-to-report lag at ${rate} ev/s, p99`, value: m.lag.p99Ms, unit: 'ms', target: '< 500 ms', met: m.lag.p99Ms < 500 }, // prettier-ignore
    { id: '5', figure: 'town report JSON p50', value: m.town.p50Ms, unit: 'ms', target: '—', met: null },
    { id: '5', figure: 'town report JSON p99', value: m.town.p99Ms, unit: 'ms', target: '< 20 ms', met: m.town.p99Ms < 20 }, // prettier-ignore
    { id: '5', figure: 'county rollup of 300 orgs p50', value: m.rollup.p50Ms, unit: 'ms', target: '—', met: null }, // prettier-ignore
    { id: '5', figure: 'county rollup of 300 orgs p99', value: m.rollup.p99Ms, unit: 'ms', target: '< 100 ms', met: m.rollup.p99Ms < 100 }, // prettier-ignore
    { id: '6', figure: `worker peak RSS at ${n(events / 10)} events`, value: tenth, unit: 'MB', target: '—', met: null }, // prettier-ignore
    { id: '6', figure: `worker peak RSS at ${n(events)} events`, value: end, unit: 'MB', baseline: { name: `at ${n(events / 10)}`, value: tenth, unit: 'MB' }, ratio: growth, target: 'flat (≤ 1.25×)', met: growth === null ? null : growth <= 1.25 }, // prettier-ignore
    { id: '7', figure: `applications ledger of ${m.ledger.rows.toLocaleString('en-US')} rows (.xlsx upload)`, value: m.ledger.ledgerMs, unit: 'ms', baseline: { name: 'same events as JSON batches', value: m.ledger.jsonMs, unit: 'ms' }, ratio: m.ledger.ratio, target: '≤ 3 × JSON', met: m.ledger.ratio <= 3 }, // prettier-ignore
  ];
}

main().catch((e) => {
  say(`failed: ${e?.stack ?? e}`);
  process.exit(1);
});

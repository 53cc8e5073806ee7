import { ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createPool } from '@app/event-store';
import { PATHS, createDatabase, freePort, waitForCatchUp } from '@app/harness';
import { HaproxyProcess } from '@app/harness';
import { PrivatePostgres } from '@app/harness';
import { RedisClusterProcess } from '@app/harness';
import { FAULTS, Fault, FaultInjector, FaultTargets, SCALED_FAULTS } from './drill/faults';
import { SIZES, makePlan } from './drill/plan';
import { Deployment, PrivateRedis } from './drill/processes';
import { Readers } from './drill/reader';
import { verify } from './drill/verify';
import type { Outcome, WriterMessage, WriterReport, WriterStart } from './drill/writer';

// `npm run drill [-- --small] [--seed N] [--topology single|scaled] [--keep]` (`-- --help`): a year
// of a county's records sent by four writer processes while workers are SIGKILLed, Redis restarts
// empty, PostgreSQL drops connections and the API is SIGKILLed mid-request (scaled: a Redis Cluster
// master restarts empty and the standby restarts too); then every stored event and every report
// cell is checked. Exit code 0 only when nothing was lost, doubled, let in or miscounted.

const USAGE = `npm run drill -- [options]

  --small              the CI size (about a minute single, two scaled)
  --seed N             another event set (default 20240101)
  --topology T         single (default): one API, three workers, one Redis, the shared PostgreSQL
                       scaled: two APIs behind HAProxy, three workers, a three-master Redis
                       Cluster, a private PostgreSQL primary with a hot standby (pg_basebackup -R)
  --keep               keep the database, the logs and the private servers' data
  -h, --help           this text
`;

function readArgs() {
  try {
    const { values } = parseArgs({
      options: {
        small: { type: 'boolean', default: false },
        seed: { type: 'string', default: '20240101' },
        topology: { type: 'string', default: 'single' },
        keep: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    const seed = Number(values.seed);
    if (!Number.isSafeInteger(seed) || seed <= 0)
      throw new Error(`--seed must be a positive whole number, got "${values.seed}"`);
    if (values.topology !== 'single' && values.topology !== 'scaled')
      throw new Error(`--topology must be single or scaled, got "${values.topology}"`);
    return { ...values, seed, topology: values.topology as 'single' | 'scaled' };
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
}

const args = readArgs();
if (args.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const { small, seed } = args;
const scaled = args.topology === 'scaled';
const size: keyof typeof SIZES = small ? 'small' : 'full';
const WRITERS = 4;
const WORKERS = 3;
const API_PROCESSES = scaled ? 2 : 1;
/** Report readers beside the writers, reading their own writes through the faults. */
const READERS = 2;
// The scaled topology has five faults in its rotation, some of them slower (a cluster settling).
const DURATION_MS = scaled ? (small ? 30_000 : 90_000) : small ? 25_000 : 70_000;
const MIN_PER_FAULT = small ? 2 : 5;
const FAULT_EVERY_MS = scaled ? (small ? 800 : 1_000) : small ? 1_500 : 2_500;
const ADMIN = 'drill-admin-token';
const PG_URL =
  process.env.TEST_PG_URL || process.env.DRILL_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

const say = (msg: string) =>
  process.stdout.write(`[drill ${new Date().toISOString().slice(11, 23)}] ${msg}\n`);

/** The servers the deployment runs on, and how to stop them. */
type Servers = {
  description: string;
  pgAdminUrl: string;
  redisUrl: string;
  targets: FaultTargets;
  faults: readonly Fault[];
  /** DATABASE_READ_URLS for the API processes, given the drill database's name. */
  readUrls?: (database: string) => string;
  stop(keep: boolean): Promise<void>;
};

async function startServers(logDir: string, queuePrefix: string): Promise<Servers> {
  if (!scaled) {
    const redis = await PrivateRedis.start(join(logDir, 'redis'));
    return {
      description: `one API, ${WORKERS} workers, one Redis, PostgreSQL at ${new URL(PG_URL).host}`,
      pgAdminUrl: PG_URL,
      redisUrl: redis.url,
      targets: { redis },
      faults: FAULTS,
      stop: () => redis.stop(),
    };
  }
  const cluster = await RedisClusterProcess.start(join(logDir, 'redis-cluster'));
  const pgRoot = PrivatePostgres.makeRoot('drill');
  let primary: PrivatePostgres | null = null;
  let standby: PrivatePostgres;
  try {
    primary = await PrivatePostgres.primary(pgRoot, await freePort());
    standby = await PrivatePostgres.standbyOf(primary, pgRoot, await freePort());
  } catch (e) {
    await primary?.stop();
    await cluster.stop();
    throw e;
  }
  say(
    `redis cluster on ${cluster.ports.join(', ')}; primary on ${primary.port}, standby on ${standby.port} (${pgRoot})`,
  );
  return {
    description: `${API_PROCESSES} APIs behind HAProxy, ${WORKERS} workers, Redis Cluster (${cluster.ports.length} masters), primary + hot standby`,
    pgAdminUrl: primary.url(),
    redisUrl: cluster.url,
    targets: { cluster: { redis: cluster, queueKey: queuePrefix }, standby },
    faults: SCALED_FAULTS,
    readUrls: (database) => standby.url(database),
    stop: async (keep) => {
      await cluster.stop();
      await standby.stop();
      await primary?.stop();
      if (!keep) rmSync(pgRoot, { recursive: true, force: true });
    },
  };
}

async function main(): Promise<number> {
  const logDir = mkdtempSync(join(tmpdir(), 'gk-drill-'));
  const plan = makePlan(seed, SIZES[size]);
  const requests = plan.lanes.reduce((n, l) => n + l.requests.length, 0);
  say(
    `${size} drill, seed ${seed}: ${plan.orgs.length} orgs, ${plan.events.size} events in ${requests} requests on ${plan.lanes.length} lanes; logs in ${logDir}`,
  );

  const queuePrefix = `{gk-drill-${process.pid}}`;
  const servers = await startServers(logDir, queuePrefix);
  const database = await createDatabase(servers.pgAdminUrl, 'drill').catch(async (e) => {
    await servers.stop(false);
    throw e;
  });
  const db = createPool(database.url, 3, 'gongkai-drill');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    ...(servers.readUrls ? { DATABASE_READ_URLS: servers.readUrls(database.name) } : {}),
    REDIS_URL: servers.redisUrl,
    ADMIN_TOKEN: ADMIN,
    QUEUE_PREFIX: queuePrefix,
    SWEEP_EVERY_MS: '500',
    WORKER_CONCURRENCY: '2',
    PROJECTION_BATCH_SIZE: '200',
  };
  const apiPorts = await Promise.all(Array.from({ length: API_PROCESSES }, () => freePort()));
  const proxyPort = scaled ? await freePort() : null;
  const deployment = new Deployment(env, logDir, {
    apiPorts,
    base: proxyPort ? `http://127.0.0.1:${proxyPort}` : undefined,
  });
  let proxy: HaproxyProcess | null = null;
  const writers: ChildProcess[] = [];
  let ok = false;
  try {
    await Promise.all(apiPorts.map((_, i) => deployment.startApi(i)));
    if (proxyPort)
      proxy = await HaproxyProcess.start(join(logDir, 'haproxy'), proxyPort, deployment.apiAddresses);
    for (let i = 0; i < WORKERS; i++) deployment.startWorker(i);
    say(`topology: ${servers.description}`);
    const tokens = await register(deployment.base, plan.orgs);

    let inflight = 0;
    const reports: Promise<WriterReport>[] = [];
    for (let w = 0; w < WRITERS; w++) {
      const child = fork(resolve(__dirname, 'drill/writer.js'), [], {
        execArgv: ['-r', PATHS],
        stdio: 'inherit',
      });
      writers.push(child);
      reports.push(
        new Promise((ok, fail) => {
          child.on('message', (m: WriterMessage) =>
            'inflight' in m ? (inflight += m.inflight) : ok(m.report),
          );
          child.once('exit', (code) => fail(new Error(`writer ${w} exited (${code}) without a report`)));
        }),
      );
      child.send({
        base: deployment.base,
        seed,
        size,
        writer: w,
        writers: WRITERS,
        tokens,
        durationMs: DURATION_MS,
      } satisfies WriterStart);
    }

    const faults = new FaultInjector(
      deployment,
      servers.targets,
      db,
      database.name,
      () => inflight,
      (m) => say(m),
      servers.faults,
    );
    const readProblems: string[] = [];
    const readers = new Readers(
      deployment.base,
      ADMIN,
      plan.orgs.map((o) => o.orgId),
      [2023, 2024, 2025],
      db,
      () => faults.standbyDown,
      (m) => readProblems.length < 20 && readProblems.push(m),
    );
    readers.start(READERS);
    let writing = true;
    const all = Promise.all(reports).finally(() => (writing = false));
    const started = Date.now();
    while (writing) {
      await Promise.race([sleep(FAULT_EVERY_MS), all.catch(() => undefined)]);
      if (writing) await faults.injectNext();
    }
    const results = await all;
    await faults.settled();
    const reads = await readers.stop();
    const sendMs = Date.now() - started;
    say(`writers done in ${(sendMs / 1000).toFixed(1)} s; waiting for the projections`);
    const catchUpMs = await waitForCatchUp(deployment.base, ADMIN, { ms: small ? 60_000 : 180_000 });
    const verdict = await verify(plan, db, deployment.base, ADMIN);

    const outcomes = results.flatMap((r) => r.outcomes);
    const failures = results.flatMap((r) => r.failures);
    const sum = (f: (o: Outcome) => number, label?: Outcome['label']) =>
      outcomes.filter((o) => !label || o.label === label).reduce((a, o) => a + f(o), 0);
    const accepted = sum((o) => o.accepted);
    const lostAcks = verdict.stored - accepted;
    const transient: Record<string, number> = {};
    for (const r of results)
      for (const [k, v] of Object.entries(r.transientErrors)) transient[k] = (transient[k] ?? 0) + v;
    const problems = [...failures, ...readProblems, ...verdict.mismatches];
    if (lostAcks < 0)
      problems.push(`writers were told ${accepted} events were accepted; the store holds ${verdict.stored}`);
    if (faults.fewest() < MIN_PER_FAULT)
      problems.push(
        `some fault was injected fewer than ${MIN_PER_FAULT} times: ${JSON.stringify(faults.stats)}`,
      );

    const line = (k: string, v: unknown) => process.stdout.write(`  ${k.padEnd(34)} ${v}\n`);
    say('summary');
    line('topology', servers.description);
    line('events planned (unique)', plan.events.size);
    line(
      'events sent (incl. resends)',
      sum((o) => o.n),
    );
    line('requests answered', `${outcomes.length} (${sum((o) => o.attempts - 1)} retries after faults)`);
    line('accepted', accepted);
    line(
      'duplicates reported',
      sum((o) => o.duplicates),
    );
    line(
      '  of them deliberate resends',
      sum((o) => o.duplicates, 'retry') +
        sum((o) => o.duplicates, 'monthAgain') +
        sum((o) => o.duplicates, 'overlap'),
    );
    line('committed, answer lost, resent', lostAcks);
    line('refused as conflicts (409)', outcomes.filter((o) => o.status === 409).length);
    line('stored events', verdict.stored);
    line('transient errors seen', JSON.stringify(transient));
    for (const f of faults.kinds) line(`fault ${f}`, faults.stats[f]);
    line('  worker kills mid-batch', faults.stats.workerKillsMidBatch);
    line(
      '  api kills mid-request',
      `${faults.stats.apiKillsMidRequest} (${faults.stats.requestsCut} requests cut)`,
    );
    line('  db connections terminated', faults.stats.backendsTerminated);
    line(
      'reads while sending',
      `${reads.reads} (${reads.stale} stale; not answered ${JSON.stringify(reads.errors)})`,
    );
    if (scaled)
      line(
        '  while the standby was down',
        `${reads.whileStandbyDown} (${reads.whileStandbyDownFresh} fresh)`,
      );
    line('send phase', `${(sendMs / 1000).toFixed(1)} s`);
    line('projection catch-up after', `${catchUpMs} ms`);
    line('reports compared', verdict.reportsCompared);
    line('mismatches', problems.length);
    for (const p of problems.slice(0, 30)) process.stdout.write(`  ✗ ${p}\n`);
    ok = problems.length === 0;
    return ok ? 0 : 1;
  } finally {
    writers.forEach((w) => w.connected && w.kill('SIGKILL'));
    await proxy?.stop();
    await deployment.stop();
    await db.end().catch(() => undefined);
    if (!args.keep) await database.drop().catch(() => undefined);
    await servers.stop(args.keep);
    if (ok && !args.keep) rmSync(logDir, { recursive: true, force: true });
    else say(`logs kept in ${logDir}`);
  }
}

/** The orgs and one submitter token each, through the API as an operator would. */
async function register(base: string, orgs: { orgId: string }[]): Promise<Record<string, string>> {
  const call = async (path: string, body: unknown) => {
    const r = await fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
      body: JSON.stringify(body),
    });
    if (r.status >= 300) throw new Error(`POST ${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as { token: string };
  };
  const tokens: Record<string, string> = { admin: ADMIN };
  for (const o of orgs) {
    await call('/v1/orgs', o);
    tokens[o.orgId] = (await call(`/v1/orgs/${o.orgId}/tokens`, { role: 'submitter' })).token;
  }
  return tokens;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    say(`drill failed: ${e?.stack ?? e}`);
    process.exit(2);
  },
);

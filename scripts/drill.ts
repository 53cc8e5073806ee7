import { ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createPool } from '@app/event-store';
import { PATHS, createDatabase, freePort, waitForCatchUp } from '@app/harness';
import { FAULTS, FaultInjector } from './drill/faults';
import { SIZES, makePlan } from './drill/plan';
import { Deployment, PrivateRedis } from './drill/processes';
import { verify } from './drill/verify';
import type { Outcome, WriterMessage, WriterReport, WriterStart } from './drill/writer';

// `npm run drill [-- --small] [--seed N] [--keep]`: a year of a county's records sent by four writer
// processes while workers are SIGKILLed, Redis restarts empty, PostgreSQL drops connections and
// the API is SIGKILLed mid-request; then every stored event and every report cell is checked.
// Exit code 0 only when nothing was lost, doubled, let in or miscounted.

const args = process.argv.slice(2);
const small = args.includes('--small');
const seed = Number(args[args.indexOf('--seed') + 1]) || 20240101;
const size: keyof typeof SIZES = small ? 'small' : 'full';
const WRITERS = 4;
const WORKERS = 3;
const DURATION_MS = small ? 25_000 : 70_000;
const MIN_PER_FAULT = small ? 2 : 5;
const FAULT_EVERY_MS = small ? 1_500 : 2_500;
const ADMIN = 'drill-admin-token';
const PG_URL =
  process.env.TEST_PG_URL || process.env.DRILL_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

const say = (msg: string) =>
  process.stdout.write(`[drill ${new Date().toISOString().slice(11, 23)}] ${msg}\n`);

async function main(): Promise<number> {
  const logDir = mkdtempSync(join(tmpdir(), 'gk-drill-'));
  const plan = makePlan(seed, SIZES[size]);
  const requests = plan.lanes.reduce((n, l) => n + l.requests.length, 0);
  say(`${size} drill, seed ${seed}: ${plan.orgs.length} orgs, ${plan.events.size} events in ${requests} requests on ${plan.lanes.length} lanes; logs in ${logDir}`); // prettier-ignore

  const database = await createDatabase(PG_URL, 'drill', 'gongkai-drill');
  const redis = await PrivateRedis.start(join(logDir, 'redis'));
  const db = createPool(database.url, 3, 'gongkai-drill');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(await freePort()),
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    ADMIN_TOKEN: ADMIN,
    QUEUE_PREFIX: `{gk-drill-${process.pid}}`,
    SWEEP_EVERY_MS: '500',
    WORKER_CONCURRENCY: '2',
    PROJECTION_BATCH_SIZE: '200',
  };
  const deployment = new Deployment(env, logDir);
  const writers: ChildProcess[] = [];
  let ok = false;
  try {
    await deployment.startApi();
    for (let i = 0; i < WORKERS; i++) deployment.startWorker(i);
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
      child.send({ base: deployment.base, seed, size, writer: w, writers: WRITERS, tokens, durationMs: DURATION_MS } satisfies WriterStart); // prettier-ignore
    }

    const faults = new FaultInjector(
      deployment,
      redis,
      db,
      database.name,
      () => inflight,
      (m) => say(m),
    );
    let writing = true;
    const all = Promise.all(reports).finally(() => (writing = false));
    const started = Date.now();
    while (writing) {
      await Promise.race([sleep(FAULT_EVERY_MS), all.catch(() => undefined)]);
      if (writing) await faults.injectNext();
    }
    const results = await all;
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
    for (const r of results) for (const [k, v] of Object.entries(r.transientErrors)) transient[k] = (transient[k] ?? 0) + v; // prettier-ignore
    const problems = [...failures, ...verdict.mismatches];
    if (lostAcks < 0)
      problems.push(`writers were told ${accepted} events were accepted; the store holds ${verdict.stored}`);
    if (faults.fewest() < MIN_PER_FAULT)
      problems.push(
        `some fault was injected fewer than ${MIN_PER_FAULT} times: ${JSON.stringify(faults.stats)}`,
      );

    const line = (k: string, v: unknown) => process.stdout.write(`  ${k.padEnd(34)} ${v}\n`);
    say('summary');
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
    line('  of them deliberate resends', sum((o) => o.duplicates, 'retry') + sum((o) => o.duplicates, 'monthAgain') + sum((o) => o.duplicates, 'overlap')); // prettier-ignore
    line('committed, answer lost, resent', lostAcks);
    line('refused as conflicts (409)', outcomes.filter((o) => o.status === 409).length);
    line('stored events', verdict.stored);
    line('transient errors seen', JSON.stringify(transient));
    for (const f of FAULTS) line(`fault ${f}`, faults.stats[f]);
    line('  worker kills mid-batch', faults.stats.workerKillsMidBatch);
    line(
      '  api kills mid-request',
      `${faults.stats.apiKillsMidRequest} (${faults.stats.requestsCut} requests cut)`,
    );
    line('  db connections terminated', faults.stats.backendsTerminated);
    line('send phase', `${(sendMs / 1000).toFixed(1)} s`);
    line('projection catch-up after', `${catchUpMs} ms`);
    line('reports compared', verdict.reportsCompared);
    line('mismatches', problems.length);
    for (const p of problems.slice(0, 30)) process.stdout.write(`  ✗ ${p}\n`);
    ok = problems.length === 0;
    return ok ? 0 : 1;
  } finally {
    writers.forEach((w) => w.connected && w.kill('SIGKILL'));
    await deployment.stop();
    await redis.stop();
    await db.end().catch(() => undefined);
    if (!args.includes('--keep')) await database.drop().catch(() => undefined);
    if (ok) rmSync(logDir, { recursive: true, force: true });
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

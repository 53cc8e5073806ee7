import {
  ADMIN,
  BenchDb,
  OWN_DATABASES,
  PG_URL,
  Service,
  benchQueuePrefix,
  dropQueueKeys,
  freshDatabase,
  startService,
} from './bench-service';
import { CpuMeter, HorizonWatch } from './monitors';
import { resultPath } from './results-table';
import { StatementFigure, Statements } from './statements';
import { Fleet, registerFleet } from './write-phases';
import { OrgSpec, OrgStream } from './workload';

// What every bench run has: a fresh database, the service on it, the monitors, and a way to time
// a phase so that its CPU, held horizon and statements are kept under its label.

export const say = (msg: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);

export type Run = {
  name: string;
  db: BenchDb;
  svc: Service;
  logFile: string;
  /** Seconds the oldest writing transaction of another database was open, per phase. */
  held: Record<string, number>;
  /** CPU ms of each process group per phase. */
  cpuMs: Record<string, Record<string, number>>;
  say: (msg: string) => void;
  phase<T>(label: string, run: () => Promise<T>): Promise<T>;
  /** Runs `fn` with pg_stat_statements reset before it and read after it (nothing when not loaded). */
  statements<T>(fn: () => Promise<T>): Promise<{ out: T; statements: StatementFigure[] }>;
  register(orgs: OrgSpec[], streams: Map<string, OrgStream>): Promise<Fleet>;
  cleanup(): Promise<void>;
};

export async function openRun(label: string): Promise<Run> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const name = `${stamp}-${label}`;
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
  const stats = new Statements(PG_URL, db.name);
  if (!(await stats.ready()))
    say('pg_stat_statements is not loaded on this PostgreSQL: no per-statement figures');
  const held: Record<string, number> = {};
  const cpuMs: Record<string, Record<string, number>> = {};
  const cleanup = async () => {
    cpu.stop();
    await horizon.stop();
    await svc.stop();
    // BENCH_KEEP_DATABASE=1 leaves the run's database for EXPLAIN and the like afterwards.
    if (process.env.BENCH_KEEP_DATABASE === '1') say(`database kept: ${db.url}`);
    else await db.drop().catch(() => undefined);
    await dropQueueKeys(prefix).catch(() => undefined);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void cleanup().finally(() => process.exit(130)));
  return {
    name,
    db,
    svc,
    logFile,
    held,
    cpuMs,
    say,
    cleanup,
    async phase(label, run) {
      horizon.take();
      cpu.take();
      const out = await run();
      cpuMs[label] = cpu.take();
      held[label] = horizon.take();
      if (held[label] > 1)
        say(
          `note: a transaction elsewhere on this PostgreSQL held the xmin horizon for ${held[label]} s during ${label}`,
        );
      return out;
    },
    async statements(fn) {
      await stats.reset();
      const out = await fn();
      return { out, statements: await stats.take() };
    },
    register: (orgs, streams) => registerFleet(svc.base, ADMIN, orgs, streams),
  };
}

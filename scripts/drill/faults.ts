import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'pg';
import type { PrivatePostgres } from '@app/harness';
import type { RedisClusterProcess } from '@app/harness';
import { exited } from '@app/harness';
import { Deployment, PrivateRedis } from './processes';

// The faults a county's deployment meets in a year, injected in rotation while the writers send.

export const FAULTS = ['workerKill', 'redisRestart', 'pgTerminate', 'apiKill'] as const;
/** The scaled topology's: a Redis Cluster master instead of the one Redis, and the standby. */
export const SCALED_FAULTS = [
  'workerKill',
  'redisMasterRestart',
  'pgTerminate',
  'apiKill',
  'standbyRestart',
] as const;
export type Fault = (typeof FAULTS)[number] | (typeof SCALED_FAULTS)[number];

/** What the faults act on beside the deployment: a Redis, or a Redis Cluster and a standby. */
export type FaultTargets = {
  redis?: PrivateRedis;
  cluster?: { redis: RedisClusterProcess; queueKey: string };
  standby?: PrivatePostgres;
};

export type FaultStats = Record<Fault, number> & {
  workerKillsMidBatch: number;
  apiKillsMidRequest: number;
  requestsCut: number;
  backendsTerminated: number;
};

export class FaultInjector {
  readonly stats: FaultStats = {
    workerKill: 0,
    redisRestart: 0,
    pgTerminate: 0,
    apiKill: 0,
    redisMasterRestart: 0,
    standbyRestart: 0,
    workerKillsMidBatch: 0,
    apiKillsMidRequest: 0,
    requestsCut: 0,
    backendsTerminated: 0,
  };
  private turn = 0;
  /** True from the standby's stop until it answers again. */
  standbyDown = false;
  /** An API process being started again behind the proxy while the other ones serve. */
  private restarting: Promise<void> | null = null;

  constructor(
    private readonly deployment: Deployment,
    private readonly targets: FaultTargets,
    private readonly db: Pool,
    private readonly dbName: string,
    private readonly inflight: () => number,
    private readonly log: (msg: string) => void,
    readonly kinds: readonly Fault[] = FAULTS,
  ) {}

  /** The next fault of the rotation; each kind in turn, so every kind gets its share. */
  async injectNext(): Promise<void> {
    const fault = this.kinds[this.turn++ % this.kinds.length];
    await this[fault]();
    this.stats[fault]++;
  }

  fewest(): number {
    return Math.min(...this.kinds.map((f) => this.stats[f]));
  }

  /** SIGKILL a worker, preferably while a projection transaction of this database is open. */
  private async workerKill() {
    const i = this.stats.workerKill % this.deployment.workers.length;
    const w = this.deployment.workers[i];
    if (!w) return;
    const until = Date.now() + 1500;
    let busy = await this.projecting();
    while (!busy && Date.now() < until) {
      await sleep(20);
      busy = await this.projecting();
    }
    w.kill('SIGKILL');
    await exited(w);
    if (busy) this.stats.workerKillsMidBatch++;
    this.log(`worker ${i} SIGKILLed${busy ? ' mid-batch' : ''}`);
    await sleep(300);
    this.deployment.startWorker(i);
  }

  private async projecting(): Promise<boolean> {
    const r = await this.db.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = $1 AND application_name = 'gongkai-worker' AND xact_start IS NOT NULL`,
      [this.dbName],
    );
    return r.rows[0].n > 0;
  }

  private async justCommitted(): Promise<boolean> {
    const r = await this.db.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = $1 AND application_name = 'gongkai-api' AND state = 'idle' AND query = 'COMMIT'
          AND state_change > clock_timestamp() - interval '2 milliseconds'`,
      [this.dbName],
    );
    return r.rows[0].n > 0;
  }

  private async redisRestart() {
    await this.targets.redis!.restartEmpty(300);
    this.log('redis restarted empty');
  }

  /**
   * A cluster master shut down without saving and restarted empty with its slots: every other
   * time the one serving the queue's slot (its keys are lost), otherwise another one (the cluster
   * is down meanwhile all the same: every slot must be served).
   */
  private async redisMasterRestart() {
    const { redis, queueKey } = this.targets.cluster!;
    const queueMaster = await redis.masterOf(queueKey);
    const i = this.stats.redisMasterRestart % 2 === 0 ? queueMaster : (queueMaster + 1) % redis.ports.length;
    const started = Date.now();
    await redis.restartMaster(i, 300);
    this.log(
      `redis cluster master ${i}${i === queueMaster ? ' (the queue’s)' : ''} restarted empty; cluster ok after ${Date.now() - started} ms`,
    );
  }

  /** The standby stopped (fast shutdown: its readers' connections drop) and started again. */
  private async standbyRestart() {
    const started = Date.now();
    this.standbyDown = true;
    try {
      await this.targets.standby!.restart(300);
    } finally {
      this.standbyDown = false;
    }
    this.log(`standby restarted in ${Date.now() - started} ms`);
  }

  /**
   * Drops every connection the API and the workers hold to the database (a failover, a restart),
   * preferably while a request or a projection batch is using one.
   */
  private async pgTerminate() {
    const until = Date.now() + 1500;
    while (this.inflight() === 0 && !(await this.projecting()) && Date.now() < until) await sleep(10);
    const r = await this.db.query(
      `SELECT count(*)::int AS n FROM (
         SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE datname = $1 AND application_name IN ('gongkai-api', 'gongkai-worker')) t`,
      [this.dbName],
    );
    this.stats.backendsTerminated += r.rows[0].n;
    this.log(`terminated ${r.rows[0].n} database connections`);
  }

  /**
   * SIGKILL an API process (each in turn) while writers wait for answers, then start it again on
   * the same port.
   */
  private async apiKill() {
    await this.settled();
    const which = this.stats.apiKill % this.deployment.apis.length;
    const api = this.deployment.apis[which];
    if (!api) return;
    const until = Date.now() + 2000;
    while (this.inflight() === 0 && Date.now() < until) await sleep(5);
    // Every other time, right after an append's COMMIT, before its 202 is written: the client
    // must resend a batch that is already stored. Otherwise at a random moment of the request.
    if (this.stats.apiKill % 2 === 0) while (!(await this.justCommitted()) && Date.now() < until + 2000);
    else await sleep(Math.random() * 40);
    const cut = this.inflight();
    api.kill('SIGKILL');
    await exited(api);
    if (cut > 0) this.stats.apiKillsMidRequest++;
    this.stats.requestsCut += cut;
    this.log(`api ${which} SIGKILLed with ${cut} request(s) in flight`);
    // Behind a proxy the other processes serve while this one starts (as a supervisor restarts it).
    const restart = this.deployment.startApi(which);
    if (this.deployment.apis.length === 1) return restart;
    restart.catch(() => undefined); // its failure is thrown by settled()
    this.restarting = restart;
  }

  /** Resolves once no API process is being started again (it fails if a restart failed). */
  async settled(): Promise<void> {
    const r = this.restarting;
    this.restarting = null;
    await r;
  }
}

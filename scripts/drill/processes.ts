import { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import IORedis from 'ioredis';
import { API, WORKER, freePort, kill, spawnNode, startRedisServer, waitForHealth } from '@app/harness';

// The real processes of a deployment, started the way production starts them, so that SIGKILL,
// an empty Redis and dropped connections behave exactly as they would there.

/**
 * A private redis-server from PATH on a free port, without persistence: the drill may shut it
 * down (SHUTDOWN NOSAVE) and start it again empty without touching anyone else's Redis.
 */
export class PrivateRedis {
  private child: ChildProcess | null = null;
  private constructor(
    readonly port: number,
    private readonly dir: string,
  ) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(dir: string): Promise<PrivateRedis> {
    const r = new PrivateRedis(await freePort(), dir);
    await r.up();
    return r;
  }

  async up(): Promise<void> {
    this.child = await startRedisServer(this.port, this.dir, () => this.ping());
  }

  private async ping(): Promise<boolean> {
    const r = new IORedis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    r.on('error', () => undefined);
    try {
      await r.connect();
      return (await r.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      r.disconnect();
    }
  }

  /** Every key gone, as after a crash of a Redis without persistence. */
  async restartEmpty(downMs: number): Promise<void> {
    await this.stop();
    await sleep(downMs);
    await this.up();
  }

  async stop(): Promise<void> {
    const c = this.child;
    if (!c) return;
    const r = new IORedis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    r.on('error', () => undefined);
    await r
      .connect()
      .then(() => r.call('SHUTDOWN', 'NOSAVE'))
      .catch(() => undefined);
    r.disconnect();
    await kill(c, 'SIGKILL', 3000);
    this.child = null;
  }
}

/**
 * The API process(es) and the workers as separate processes, each restartable after a SIGKILL.
 * With several APIs (`apiPorts`), clients go to `base`: the reverse proxy in front of them.
 */
export class Deployment {
  readonly apis: (ChildProcess | null)[] = [];
  readonly workers: (ChildProcess | null)[] = [];
  readonly base: string;
  private readonly apiPorts: number[];

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly logDir: string,
    opts: { apiPorts?: number[]; base?: string } = {},
  ) {
    this.apiPorts = opts.apiPorts ?? [Number(env.PORT)];
    this.base = opts.base ?? `http://127.0.0.1:${this.apiPorts[0]}`;
  }

  get api(): ChildProcess | null {
    return this.apis[0] ?? null;
  }

  get apiAddresses(): string[] {
    return this.apiPorts.map((p) => `127.0.0.1:${p}`);
  }

  async startApi(i = 0): Promise<void> {
    const log = join(this.logDir, this.apiPorts.length > 1 ? `api-${i}.log` : 'api.log');
    this.apis[i] = spawnNode(API, { ...this.env, PORT: String(this.apiPorts[i]) }, { appendTo: log });
    await this.listening(i);
  }

  startWorker(i: number): void {
    this.workers[i] = spawnNode(WORKER, this.env, { appendTo: join(this.logDir, `worker-${i}.log`) });
  }

  /** Any HTTP answer counts: /health says 503 while Redis is away, and that is not our concern here. */
  async listening(i = 0, ms = 60_000): Promise<void> {
    const base = `http://127.0.0.1:${this.apiPorts[i]}`;
    await waitForHealth(base, ms, [], { anyStatus: true, process: this.apis[i] });
  }

  async stop(): Promise<void> {
    await Promise.all([...this.apis, ...this.workers].map((c) => (c ? kill(c, 'SIGTERM') : undefined)));
  }
}

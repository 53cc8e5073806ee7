import { ChildProcess, execFile } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { freePort } from './processes';
import { startRedisServer } from './redis-server';

// A real Redis Cluster of private redis-server processes (Debian's, from PATH) on local ports,
// for the integration specs and the scaled fault drill. No persistence: a master restarted here
// comes back empty with its slots (nodes.conf keeps them), as a master without AOF would.

const run = promisify(execFile);

type Node = { port: number; busPort: number; dir: string; child: ChildProcess | null };

export class RedisClusterProcess {
  private constructor(
    private readonly nodes: Node[],
    private readonly nodeTimeoutMs: number,
  ) {}

  /** REDIS_URL naming every master, the syntax the API and the worker read as a cluster. */
  get url(): string {
    return `redis://${this.nodes.map((n) => `127.0.0.1:${n.port}`).join(',')}`;
  }

  get ports(): number[] {
    return this.nodes.map((n) => n.port);
  }

  /**
   * `masters` redis-servers with cluster mode on, joined by `redis-cli --cluster create`; resolves
   * once every node says cluster_state:ok. Ports are free ones unless given (the cluster bus port
   * is set explicitly, so no port + 10000 arithmetic can overflow).
   */
  static async start(dir: string, opts: { masters?: number; ports?: number[]; nodeTimeoutMs?: number } = {}) {
    const count = opts.ports?.length ?? opts.masters ?? 3;
    const nodes: Node[] = [];
    for (let i = 0; i < count; i++) {
      const port = opts.ports?.[i] ?? (await freePort());
      nodes.push({ port, busPort: await freePort(), dir: join(dir, `node-${port}`), child: null });
    }
    const cluster = new RedisClusterProcess(nodes, opts.nodeTimeoutMs ?? 1000);
    try {
      await Promise.all(nodes.map((n) => cluster.up(n)));
      await run('redis-cli', [
        '--cluster',
        'create',
        ...nodes.map((n) => `127.0.0.1:${n.port}`),
        '--cluster-replicas',
        '0',
        '--cluster-yes',
      ]);
      await cluster.settled();
    } catch (e) {
      await cluster.stop();
      throw e;
    }
    return cluster;
  }

  private async up(n: Node): Promise<void> {
    const ping = async () => (await this.cli(n.port, 'PING').catch(() => '')) === 'PONG';
    n.child = await startRedisServer(n.port, n.dir, ping, [
      ...['--cluster-enabled', 'yes', '--cluster-port', String(n.busPort)],
      ...['--cluster-config-file', join(n.dir, 'nodes.conf')],
      ...['--cluster-node-timeout', String(this.nodeTimeoutMs)],
    ]);
  }

  private async cli(port: number, ...args: string[]): Promise<string> {
    const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], {
      timeout: 3000,
    });
    return stdout.trim();
  }

  /** Every node up and saying cluster_state:ok with all 16384 slots served. */
  async settled(ms = 30_000): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      const infos = await Promise.all(
        this.nodes.map((n) => this.cli(n.port, 'CLUSTER', 'INFO').catch(() => '')),
      );
      if (infos.every((i) => /cluster_state:ok/.test(i) && /cluster_slots_ok:16384/.test(i))) return;
      await sleep(100);
    }
    throw new Error(`the Redis Cluster on ${this.ports.join(', ')} did not settle in ${ms} ms`);
  }

  /** The master that serves a key (for a BullMQ prefix `{tag}`, the slot of `tag`). */
  async masterOf(key: string): Promise<number> {
    const slot = Number(await this.cli(this.nodes[0].port, 'CLUSTER', 'KEYSLOT', key));
    const shards = (await this.cli(this.nodes[0].port, 'CLUSTER', 'SLOTS')).split('\n');
    // redis-cli prints the nested reply flat: from, to, host, port, id per master.
    for (let i = 0; i + 3 < shards.length; i++) {
      const [from, to, , port] = shards.slice(i, i + 4).map((s) => s.trim());
      if (
        /^\d+$/.test(from) &&
        /^\d+$/.test(to) &&
        Number(from) <= slot &&
        slot <= Number(to) &&
        /^\d+$/.test(port)
      )
        return this.nodes.findIndex((n) => n.port === Number(port));
    }
    throw new Error(`no master serves slot ${slot}`);
  }

  /**
   * Master `i` shut down without saving and started again after `downMs`, empty, with its slots:
   * resolves once the whole cluster is ok again.
   */
  async restartMaster(i: number, downMs: number): Promise<void> {
    const n = this.nodes[i];
    await this.down(n);
    await sleep(downMs);
    await this.up(n);
    await this.settled();
  }

  private async down(n: Node): Promise<void> {
    const c = n.child;
    if (!c) return;
    await this.cli(n.port, 'SHUTDOWN', 'NOSAVE').catch(() => undefined);
    if (c.exitCode === null && c.signalCode === null) {
      const t = setTimeout(() => c.kill('SIGKILL'), 3000);
      await new Promise((r) => c.once('exit', r));
      clearTimeout(t);
    }
    n.child = null;
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n) => this.down(n)));
  }
}

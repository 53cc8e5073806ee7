import { ChildProcess, SpawnOptions, spawn, spawnSync } from 'node:child_process';
import { chownSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';

// A private PostgreSQL primary and a streaming-replication hot standby made from it with
// `pg_basebackup -R`, on local ports, from Debian's binaries (PG_BIN, default
// /usr/lib/postgresql/15/bin). As root, the servers run as the user "postgres" (PostgreSQL refuses
// root), in a directory of their own under the system's temporary directory.

const PG_BIN = process.env.PG_BIN || '/usr/lib/postgresql/15/bin';

function owner(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const [u, g] = [id('-u'), id('-g')];
  if (u.status !== 0 || g.status !== 0) throw new Error('running as root, and there is no user "postgres" to run PostgreSQL as'); // prettier-ignore
  return { uid: Number(u.stdout), gid: Number(g.stdout) };
}

function runTool(tool: string, args: string[], as: SpawnOptions): Promise<void> {
  return new Promise((ok, fail) => {
    const c = spawn(join(PG_BIN, tool), args, { ...as, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    c.stderr?.on('data', (b) => (err += b));
    c.once('error', fail);
    c.once('exit', (code) => (code === 0 ? ok() : fail(new Error(`${tool} exited ${code}: ${err.trim()}`))));
  });
}

export class PrivatePostgres {
  private child: ChildProcess | null = null;
  private constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly as: SpawnOptions,
  ) {}

  /** postgres://postgres@127.0.0.1:port/`database` (trust authentication, local only). */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** A fresh primary: initdb, then the server, ready for connections and for replication. */
  static async primary(root: string, port: number): Promise<PrivatePostgres> {
    const as = PrivatePostgres.prepare(root);
    const dataDir = join(root, `primary-${port}`);
    await runTool('initdb', ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'], as); // prettier-ignore
    const pg = new PrivatePostgres(port, dataDir, as);
    await pg.start();
    return pg;
  }

  /** A hot standby of `primary`: `pg_basebackup -R` (streaming WAL), then the server in recovery. */
  static async standbyOf(primary: PrivatePostgres, root: string, port: number): Promise<PrivatePostgres> {
    const as = PrivatePostgres.prepare(root);
    const dataDir = join(root, `standby-${port}`);
    await runTool('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primary.port), '-U', 'postgres', '-D', dataDir, '-R', '-X', 'stream', '-c', 'fast', '--no-sync'], as); // prettier-ignore
    const pg = new PrivatePostgres(port, dataDir, as);
    await pg.start();
    return pg;
  }

  /** A directory PostgreSQL's user owns; under a root-only one (mkdtemp's 0700) it could not enter. */
  static makeRoot(label: string): string {
    return mkdtempSync(join(tmpdir(), `gk-pg-${label}-`));
  }

  private static prepare(root: string): SpawnOptions {
    mkdirSync(root, { recursive: true });
    const o = owner();
    if (!o) return {};
    chownSync(root, o.uid, o.gid);
    return { uid: o.uid, gid: o.gid };
  }

  async start(): Promise<void> {
    const fd = openSync(join(this.dataDir, '..', `${this.port}.log`), 'a');
    // The server in the foreground, as this process's child; fast shutdown on SIGINT.
    this.child = spawn(
      join(PG_BIN, 'postgres'),
      ['-D', this.dataDir, '-p', String(this.port), '-c', 'listen_addresses=127.0.0.1',
       '-c', `unix_socket_directories=${join(this.dataDir, '..')}`, '-c', 'max_connections=200',
       '-c', 'hot_standby=on', '-c', 'wal_level=replica', '-c', 'max_wal_senders=10'], // prettier-ignore
      { ...this.as, stdio: ['ignore', fd, fd] },
    );
    closeSync(fd);
    this.child.once('error', () => undefined);
    const until = Date.now() + 60_000;
    while (Date.now() < until) {
      if (this.child.exitCode !== null) throw new Error(`postgres on port ${this.port} exited (${this.child.exitCode}); see ${this.dataDir}/../${this.port}.log`); // prettier-ignore
      if (await this.answers()) return;
      await sleep(100);
    }
    throw new Error(`postgres did not accept connections on port ${this.port}`);
  }

  private async answers(): Promise<boolean> {
    const c = new Client({ connectionString: this.url(), connectionTimeoutMillis: 1000 });
    c.on('error', () => undefined);
    try {
      await c.connect();
      await c.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await c.end().catch(() => undefined);
    }
  }

  /** Fast shutdown (SIGINT: open transactions roll back), then SIGKILL if it takes over 10 s. */
  async stop(): Promise<void> {
    const c = this.child;
    if (!c) return;
    this.child = null;
    if (c.exitCode !== null || c.signalCode !== null) return;
    const t = setTimeout(() => c.kill('SIGKILL'), 10_000);
    c.kill('SIGINT');
    await new Promise((r) => c.once('exit', r));
    clearTimeout(t);
  }

  async restart(downMs: number): Promise<void> {
    await this.stop();
    await sleep(downMs);
    await this.start();
  }

  /** Stopped, and its data directory removed. */
  async destroy(): Promise<void> {
    await this.stop();
    if (existsSync(this.dataDir)) rmSync(this.dataDir, { recursive: true, force: true });
  }
}

import { ChildProcess, SpawnOptions, spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chownSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';

// A private PostgreSQL primary and a streaming-replication hot standby made from it with
// `pg_basebackup -R`, on local ports, from Debian's binaries (PG_BIN, default
// /usr/lib/postgresql/15/bin), as the query side runs in production (DATABASE_READ_URLS). As root,
// the servers run as the user "postgres" (PostgreSQL refuses root), in a directory of their own
// under the system's temporary directory. Used by the scaled drill and the standby specs.

const PG_BIN = process.env.PG_BIN || '/usr/lib/postgresql/15/bin';

/** How a server is stopped: `fast` ends sessions and shuts down cleanly, `immediate` is a crash. */
export type StopMode = 'smart' | 'fast' | 'immediate';
const STOP_SIGNAL: Record<StopMode, NodeJS.Signals> = {
  smart: 'SIGTERM',
  fast: 'SIGINT',
  immediate: 'SIGQUIT',
};

/** Settings every private primary has (a standby copies them with the data directory). */
const PRIMARY_SETTINGS: Record<string, string | number> = {
  wal_level: 'replica',
  max_wal_senders: 10,
  // A standby stopped for a while finds the WAL it needs still on the primary.
  wal_keep_size: `'256MB'`,
  hot_standby: 'on',
  // A standby's long report query is not cancelled by the primary's vacuum meanwhile.
  hot_standby_feedback: 'on',
  max_connections: 200,
};

function owner(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const [u, g] = [id('-u'), id('-g')];
  if (u.status !== 0 || g.status !== 0)
    throw new Error('running as root, and there is no user "postgres" to run PostgreSQL as');
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

async function sql<T = Record<string, unknown>>(url: string, text: string): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows as T[];
  } finally {
    await c.end();
  }
}

export class PrivatePostgres {
  private child: ChildProcess | null = null;
  private constructor(
    readonly port: number,
    readonly dataDir: string,
    private readonly as: SpawnOptions,
    /** The primary this server is a standby of; null for a primary. */
    private readonly upstream: PrivatePostgres | null = null,
  ) {}

  /** postgres://postgres@127.0.0.1:port/`database` (trust authentication, local only). */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /**
   * A fresh primary: initdb, then the server, ready for connections and for replication.
   * `settings` are added to its postgresql.conf (a standby made from it copies them).
   */
  static async primary(
    root: string,
    port: number,
    settings: Record<string, string | number> = {},
  ): Promise<PrivatePostgres> {
    const as = PrivatePostgres.prepare(root);
    const dataDir = join(root, `primary-${port}`);
    await runTool(
      'initdb',
      ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync'],
      as,
    );
    const conf = { ...PRIMARY_SETTINGS, ...settings };
    appendFileSync(
      join(dataDir, 'postgresql.conf'),
      '\n' +
        Object.entries(conf)
          .map(([k, v]) => `${k} = ${v}`)
          .join('\n') +
        '\n',
    );
    const pg = new PrivatePostgres(port, dataDir, as);
    await pg.start();
    return pg;
  }

  /** A hot standby of `primary`: `pg_basebackup -R` (streaming WAL), then the server in recovery. */
  static async standbyOf(primary: PrivatePostgres, root: string, port: number): Promise<PrivatePostgres> {
    const as = PrivatePostgres.prepare(root);
    const dataDir = join(root, `standby-${port}`);
    await runTool(
      'pg_basebackup',
      [
        '-h',
        '127.0.0.1',
        '-p',
        String(primary.port),
        '-U',
        'postgres',
        '-D',
        dataDir,
        '-R',
        '-X',
        'stream',
        '-c',
        'fast',
        '--no-sync',
      ],
      as,
    );
    const pg = new PrivatePostgres(port, dataDir, as, primary);
    await pg.start();
    const [r] = await sql<{ recovery: boolean }>(pg.url(), 'SELECT pg_is_in_recovery() AS recovery');
    if (!r.recovery) {
      await pg.destroy();
      throw new Error(`the standby on port ${port} is not in recovery`);
    }
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
    // The server in the foreground, as this process's child (stop() signals it).
    this.child = spawn(
      join(PG_BIN, 'postgres'),
      [
        '-D',
        this.dataDir,
        '-p',
        String(this.port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `unix_socket_directories=${join(this.dataDir, '..')}`,
      ],
      { ...this.as, stdio: ['ignore', fd, fd] },
    );
    closeSync(fd);
    this.child.once('error', () => undefined);
    const until = Date.now() + 60_000;
    while (Date.now() < until) {
      if (this.child.exitCode !== null)
        throw new Error(
          `postgres on port ${this.port} exited (${this.child.exitCode}); see ${this.dataDir}/../${this.port}.log`,
        );
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

  /** Stopped in `mode` (default fast: open transactions roll back), then SIGKILL if it takes over 10 s. */
  async stop(mode: StopMode = 'fast'): Promise<void> {
    const c = this.child;
    if (!c) return;
    this.child = null;
    if (c.exitCode !== null || c.signalCode !== null) return;
    const t = setTimeout(() => c.kill('SIGKILL'), 10_000);
    const gone = new Promise((r) => c.once('exit', r));
    c.kill(STOP_SIGNAL[mode]);
    await gone;
    clearTimeout(t);
  }

  async restart(downMs: number, mode: StopMode = 'fast'): Promise<void> {
    await this.stop(mode);
    await sleep(downMs);
    await this.start();
  }

  /** Stopped, and its data directory removed. */
  async destroy(): Promise<void> {
    await this.stop();
    if (existsSync(this.dataDir)) rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** A standby's: pg_wal_replay_pause(); it keeps receiving WAL but applies none. */
  async pauseReplay(): Promise<void> {
    this.primaryOf();
    await sql(this.url(), 'SELECT pg_wal_replay_pause()');
  }

  /** A standby's: pg_wal_replay_resume(). */
  async resumeReplay(): Promise<void> {
    this.primaryOf();
    await sql(this.url(), 'SELECT pg_wal_replay_resume()');
  }

  /** A standby's: until it has replayed everything its primary had written when this was called. */
  async waitForReplay(ms = 30_000): Promise<void> {
    const primary = this.primaryOf();
    // The insert position, not the write position (pg_current_wal_lsn): the projector commits
    // asynchronously, and its last commit may still be in the WAL buffers, past what has been
    // written; a wait on the write position then returned before that commit was replayed.
    const [{ lsn }] = await sql<{ lsn: string }>(
      primary.url(),
      'SELECT pg_current_wal_insert_lsn()::text AS lsn',
    );
    const until = Date.now() + ms;
    for (;;) {
      const [{ done }] = await sql<{ done: boolean }>(
        this.url(),
        `SELECT pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn AS done`,
      );
      if (done) return;
      if (Date.now() > until)
        throw new Error(`the standby on port ${this.port} did not replay up to ${lsn} in ${ms} ms`);
      await sleep(20);
    }
  }

  private primaryOf(): PrivatePostgres {
    if (!this.upstream) throw new Error(`postgres on port ${this.port} is a primary, not a standby`);
    return this.upstream;
  }
}

export type PrimaryWithStandby = {
  primary: PrivatePostgres;
  standby: PrivatePostgres;
  /** The directory both live in. */
  root: string;
  /** Stops both servers and removes their files (unless `keep`). */
  stop(keep?: boolean): Promise<void>;
};

/**
 * A primary on `primaryPort` and a hot standby of it on `standbyPort`, resolved once the standby
 * answers queries in recovery. A database created on the primary appears on the standby by
 * replication.
 */
export async function startPrimaryWithStandby(opts: {
  primaryPort: number;
  standbyPort: number;
  label?: string;
  settings?: Record<string, string | number>;
}): Promise<PrimaryWithStandby> {
  const root = PrivatePostgres.makeRoot(opts.label ?? 'standby');
  let primary: PrivatePostgres | null = null;
  try {
    primary = await PrivatePostgres.primary(root, opts.primaryPort, opts.settings);
    const standby = await PrivatePostgres.standbyOf(primary, root, opts.standbyPort);
    const p = primary;
    return {
      primary: p,
      standby,
      root,
      stop: async (keep = false) => {
        await standby.stop();
        await p.stop();
        if (!keep) rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await primary?.stop('immediate');
    rmSync(root, { recursive: true, force: true });
    throw e;
  }
}

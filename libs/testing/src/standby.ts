import { execFile } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

// A private PostgreSQL primary with a streaming-replication hot standby made by
// `pg_basebackup -R`, as the query side runs on in production (DATABASE_READ_URLS). Debian's
// PostgreSQL 15 binaries; every file under one directory in /tmp, removed by stop().

const BIN = process.env.PG_BIN || '/usr/lib/postgresql/15/bin';
const run = promisify(execFile);

export type PgServer = {
  port: number;
  dataDir: string;
  /** postgres://postgres@127.0.0.1:port/<database> (trust authentication, local only). */
  url(database?: string): string;
  start(): Promise<void>;
  /** `fast` (the default) ends sessions and shuts down cleanly; `immediate` is a crash. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
};

export type PrimaryWithStandby = {
  primary: PgServer;
  standby: PgServer;
  /** pg_wal_replay_pause() / pg_wal_replay_resume() on the standby: it keeps receiving WAL but applies none. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Until the standby has replayed everything the primary has written so far. */
  waitForReplay(ms?: number): Promise<void>;
  /** Stops both servers and removes their files. */
  stop(): Promise<void>;
};

/** initdb refuses to run as root: as root, every server command runs as the postgres user. */
async function pg(cmd: string, args: string[]): Promise<string> {
  const [file, argv] =
    process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', join(BIN, cmd), ...args]] : [join(BIN, cmd), args]; // prettier-ignore
  const { stdout } = await run(file, argv, { maxBuffer: 16 * 1024 * 1024 });
  return stdout;
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

function server(dir: string, name: string, port: number): PgServer {
  const dataDir = join(dir, name);
  return {
    port,
    dataDir,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: async () =>
      void (await pg('pg_ctl', ['-D', dataDir, '-l', join(dir, `${name}.log`), '-w', '-t', '60', 'start'])),
    stop: async (mode = 'fast') => {
      await pg('pg_ctl', ['-D', dataDir, '-m', mode, '-w', '-t', '60', 'stop']).catch(() => undefined);
    },
  };
}

/**
 * Starts a primary on `primaryPort` (wal_level=replica, WAL senders, hot_standby) and a hot
 * standby of it on `standbyPort`, made by `pg_basebackup -R -X stream`; resolves once the standby
 * answers queries in recovery. `settings` are added to the primary's postgresql.conf (the standby
 * copies them). A database created on the primary appears on the standby by replication.
 */
export async function startPrimaryWithStandby(opts: {
  primaryPort: number;
  standbyPort: number;
  settings?: Record<string, string | number>;
}): Promise<PrimaryWithStandby> {
  const dir = mkdtempSync('/tmp/gk-pg-');
  if (process.getuid?.() === 0) await run('chown', ['postgres:postgres', dir]);
  const primary = server(dir, 'primary', opts.primaryPort);
  const standby = server(dir, 'standby', opts.standbyPort);
  try {
    await pg('initdb', ['-D', primary.dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']); // prettier-ignore
    const conf: Record<string, string | number> = {
      port: opts.primaryPort,
      listen_addresses: `'127.0.0.1'`,
      unix_socket_directories: `'${dir}'`,
      wal_level: 'replica',
      max_wal_senders: 10,
      wal_keep_size: `'256MB'`,
      hot_standby: 'on',
      // A standby's long report query is not cancelled by the primary's vacuum meanwhile.
      hot_standby_feedback: 'on',
      ...opts.settings,
    };
    appendFileSync(
      join(primary.dataDir, 'postgresql.conf'),
      '\n' + Object.entries(conf).map(([k, v]) => `${k} = ${v}`).join('\n') + '\n', // prettier-ignore
    );
    await primary.start();
    await pg('pg_basebackup', ['-h', '127.0.0.1', '-p', String(opts.primaryPort), '-U', 'postgres', '-D', standby.dataDir, '-R', '-X', 'stream', '-c', 'fast']); // prettier-ignore
    appendFileSync(join(standby.dataDir, 'postgresql.conf'), `\nport = ${opts.standbyPort}\n`);
    await standby.start();
    const [r] = await sql<{ recovery: boolean }>(standby.url(), 'SELECT pg_is_in_recovery() AS recovery');
    if (!r.recovery) throw new Error('the standby is not in recovery');
  } catch (e) {
    await standby.stop('immediate');
    await primary.stop('immediate');
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    primary,
    standby,
    pauseReplay: async () => void (await sql(standby.url(), 'SELECT pg_wal_replay_pause()')),
    resumeReplay: async () => void (await sql(standby.url(), 'SELECT pg_wal_replay_resume()')),
    waitForReplay: async (ms = 30_000) => {
      const [{ lsn }] = await sql<{ lsn: string }>(primary.url(), 'SELECT pg_current_wal_lsn()::text AS lsn');
      const until = Date.now() + ms;
      for (;;) {
        const [{ done }] = await sql<{ done: boolean }>(
          standby.url(),
          `SELECT pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn AS done`,
        );
        if (done) return;
        if (Date.now() > until) throw new Error(`the standby did not replay up to ${lsn} in ${ms} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    stop: async () => {
      await standby.stop();
      await primary.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

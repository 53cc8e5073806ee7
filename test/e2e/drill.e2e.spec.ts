import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Pool } from 'pg';
import { EventStore, OrgsRepository, createPool } from '@app/event-store';
import { Projector } from '@app/projections';
import { TestDb, createTestDb } from '@app/testing/test-db';

// The fault drill (scripts/drill.ts) at its CI size: four writer processes, three workers, the API
// and a private Redis, with every kind of fault injected while the writers send. Its own checks
// decide: exit 0 means no event lost, doubled or let in, and every report cell equals the pure fold.

const ROOT = resolve(__dirname, '../..');

function runDrill(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, ['-r', './scripts/paths.js', 'dist/scripts/drill.js', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    child.on('exit', (code) => ok({ code, out }));
  });
}

/** The promise's value, or a failure once `ms` have passed without one. */
async function within<T>(ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error('the projector waited for itself')), ms);
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The drill's figure on the line `label`; a missing line fails rather than reading as NaN (and NaN is NaN). */
function figure(out: string, label: string): number {
  const m = new RegExp(`${label}\\s+(\\d+)`).exec(out);
  if (!m) throw new Error(`the drill printed no "${label}" line:\n${out}`);
  return Number(m[1]);
}

describe('fault drill', () => {
  it('loses, doubles and lets in nothing while workers, Redis, PostgreSQL connections and the API fail', async () => {
    const { code, out } = await runDrill(['--small', '--seed', '7']);
    if (code !== 0) console.log(out);
    expect(code).toBe(0);
    expect(figure(out, 'mismatches')).toBe(0);
    expect(figure(out, 'stored events')).toBe(figure(out, 'events planned \\(unique\\)'));
    for (const fault of ['workerKill', 'redisRestart', 'pgTerminate', 'apiKill'])
      expect(figure(out, `fault ${fault}`)).toBeGreaterThanOrEqual(2);
    expect(figure(out, 'reports compared')).toBeGreaterThan(100);
  }, 240_000);

  // The same on the scaled shape: two APIs behind HAProxy, three workers, a three-master Redis
  // Cluster, a private primary with a hot standby; a cluster master and the standby restart too.
  it('loses, doubles and lets in nothing on the scaled topology either', async () => {
    const { code, out } = await runDrill(['--small', '--topology', 'scaled', '--seed', '11']);
    if (code !== 0) console.log(out);
    expect(code).toBe(0);
    expect(out).toMatch(/topology\s+2 APIs behind HAProxy, 3 workers, Redis Cluster \(3 masters\), primary \+ hot standby/); // prettier-ignore
    expect(figure(out, 'mismatches')).toBe(0);
    expect(figure(out, 'stored events')).toBe(figure(out, 'events planned \\(unique\\)'));
    for (const fault of ['workerKill', 'redisMasterRestart', 'pgTerminate', 'apiKill', 'standbyRestart'])
      expect(figure(out, `fault ${fault}`)).toBeGreaterThanOrEqual(2);
    expect(figure(out, 'reports compared')).toBeGreaterThan(100);
    // Readers read their own writes through the faults: while the standby restarted, through the
    // fallback to the primary (a fresh answer below its minPosition would be a mismatch above).
    expect(figure(out, 'reads while sending')).toBeGreaterThan(50);
    expect(figure(out, 'while the standby was down')).toBeGreaterThan(0);
  }, 240_000);

  it('answers --help, and refuses an unknown option or topology with the usage', async () => {
    const help = await runDrill(['--help']);
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/--topology T/);
    for (const bad of [['--topology', 'huge'], ['--smal'], ['--seed', 'x']]) {
      const r = await runDrill(bad);
      expect({ code: r.code, usage: /--topology T/.test(r.out) }).toEqual({ code: 2, usage: true });
    }
  });
});

describe('projector on a small pool', () => {
  let db: TestDb;
  let tiny: Pool;
  beforeAll(async () => {
    db = await createTestDb('drill_pool');
    tiny = createPool(db.url, 1, 'gongkai-test');
  });
  afterAll(async () => {
    await tiny.end();
    await db.drop();
  });

  // A batch once asked the pool for a second connection to look its orgs up: with every
  // connection held by a batch, the worker waited for itself forever.
  it('projects a batch of a not-yet-seen org with a single connection', async () => {
    await new OrgsRepository(db.pool).insert(
      { orgId: 'solo', name: 'solo', kind: 'town', parentId: null, timeZone: 'Asia/Shanghai' },
      [],
    );
    const at = '2024-03-01T10:00:00+08:00';
    await new EventStore(db.pool, 1).append(
      [{ eventId: '00000000-0000-4000-8000-00000000d001', type: 'PublicationPosted', orgId: 'solo', occurredAt: at, occurredAtMs: Date.parse(at), data: { publicationId: 'p1', channel: 'wechat', category: 'news' } }], // prettier-ignore
      new Map([['solo', 'Asia/Shanghai']]),
    );
    const projector = new Projector(tiny, new OrgsRepository(tiny), 100);
    await projector.ensureCheckpoints(1);
    // The xmin horizon is the whole cluster's: another database's open transaction may hold the
    // event back for a moment, so drain until it is applied, each drain bounded.
    const until = Date.now() + 15_000;
    let applied = 0;
    while (applied === 0 && Date.now() < until) applied = await within(10_000, projector.drain(0));
    expect(applied).toBe(1);
  });
});

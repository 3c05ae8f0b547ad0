// Flat config. The import rules make the architecture mechanical: each folder of src/ may import
// only what its row in the README's architecture table allows.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = [
  'assert',
  'async_hooks',
  'buffer',
  'child_process',
  'crypto',
  'events',
  'fs',
  'fs/promises',
  'module',
  'os',
  'path',
  'perf_hooks',
  'process',
  'readline',
  'stream',
  'timers',
  'url',
  'util',
  'v8',
  'worker_threads',
];

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

const coreBase = [
  { group: ['vscode'], message: 'core and the CLI never import vscode.' },
  { group: ['**/host/**', '**/webview/**', '**/runtime/**'], message: 'core may import only core.' },
];

/** Each folder of src/core with the other feature folders it may import (syntax and trace are shared; syntax imports none). */
const CORE_FEATURES = {
  callbackHell: [],
  explain: [],
  hover: [],
  locate: [],
  predict: [],
  timeline: [],
  run: ['locate', 'explain'],
  syntax: [],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '.vscode-test/**',
      'examples/**',
      'test/fixtures/**',
      'test/golden/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { project: ['src/*/tsconfig.json', 'test/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/cli.ts', 'src/cli/**/*.ts'],
    rules: restrict(coreBase),
  },
  // Core's feature folders do not import each other: what two of them share lives in core/syntax (parsing)
  // or core/trace (the model and its formats). core/run, which runs a program and then locates and
  // explains its trace, is the one place that composes them.
  ...Object.entries(CORE_FEATURES).map(([folder, allowed]) => ({
    files: [`src/core/${folder}/**/*.ts`],
    rules: restrict([
      ...coreBase,
      {
        group: Object.keys(CORE_FEATURES)
          .filter((other) => other !== folder && other !== 'syntax' && !allowed.includes(other))
          .map((other) => `**/${other}/**`),
        message: `core/${folder} may import core/syntax, core/trace and core/protocol${allowed.length ? ` and core/${allowed.join(', core/')}` : ''}, not another feature folder.`,
      },
    ]),
  })),
  {
    files: ['src/runtime/**/*.ts'],
    rules: restrict([
      { group: ['vscode', 'typescript'], message: 'the runtime loads into traced programs: Node built-ins only.' },
      {
        group: ['../*', '!./*', '!../wire'],
        message: 'the runtime is self-contained: no imports from other parts of src/ but the wire constants.',
      },
    ]),
  },
  {
    // The one contract between processes: constants the runner, the runtime, the loader and the reader share.
    files: ['src/wire/**/*.ts'],
    rules: restrict([{ group: ['*', '**'], message: 'src/wire holds constants only: it imports nothing.' }]),
  },
  {
    // A traced program may patch these prototype methods: the runtime calls the originals that
    // src/runtime/primordials.ts keeps (see there).
    files: ['src/runtime/**/*.ts'],
    ignores: ['src/runtime/primordials.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...[
          'push',
          'pop',
          'shift',
          'unshift',
          'splice',
          'slice',
          'map',
          'filter',
          'some',
          'every',
          'join',
          'indexOf',
          'lastIndexOf',
          'includes',
          'startsWith',
          'endsWith',
          'trim',
          'split',
          'replace',
          'test',
          'exec',
          'concat',
        ].map((property) => ({
          property,
          message: 'use the original from ./primordials: a traced program may patch it.',
        })),
      ],
    },
  },
  {
    files: ['src/loader/**/*.ts'],
    rules: restrict([
      {
        group: ['vscode', '**/host/**', '**/webview/**', '**/runtime/**', '**/cli/**'],
        message: 'the loader runs in traced programs: Node built-ins, TypeScript and core constants only.',
      },
    ]),
  },
  {
    files: ['src/host/**/*.ts'],
    rules: restrict([
      { group: ['**/webview/**', '**/runtime/**', '**/cli/**'], message: 'host may import vscode and core only.' },
    ]),
  },
  {
    files: ['src/webview/**/*.ts'],
    languageOptions: { globals: globals.browser },
    rules: restrict([
      { group: ['vscode', 'typescript', ...nodeBuiltins, 'node:*'], message: 'the webview is browser code.' },
      {
        group: [
          '**/host/**',
          '**/runtime/**',
          '**/cli/**',
          '**/wire/**',
          '**/core/run/**',
          '**/core/locate/**',
          '**/core/syntax/**',
          '**/core/callbackHell/**',
          '**/core/hover/**',
          '**/core/explain/**',
        ],
        message: "the webview may import core's browser-safe parts only: the protocol, timeline/, trace/ and predict/.",
      },
    ]),
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/ui/**/*.ui.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.mocha } },
  },
);

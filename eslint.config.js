// @ts-check
const tseslint = require('typescript-eslint');
const pluginVue = require('eslint-plugin-vue');

/** Node built-ins and server-side libraries that must never reach the workflow sandbox. */
const forbiddenInWorkflows = [
  { group: ['node:*', 'fs', 'path', 'crypto', 'child_process', 'os', 'http', 'https', 'net'], message: 'Workflow code must be deterministic: no Node modules (do I/O in an activity).' },
  { group: ['@nestjs/*', 'class-transformer', 'class-validator', 'typeorm', 'pg', 'nodemailer', 'pino', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'], message: 'Workflow code runs in the Temporal sandbox: no server libraries.' },
  { group: ['**/activities', '**/activities/*', '**/db/*', '**/api/*', '**/common/*'], message: 'Workflows import activities only as types (import type), and never the API, db or common runtime code.', allowTypeImports: true },
];

/** The plan's rules are pure: domain/ imports nothing of ours outside itself, and no I/O at all. */
const forbiddenInDomain = [
  forbiddenInWorkflows[0],
  { group: [...forbiddenInWorkflows[1].group, '@temporalio/workflow'], message: 'domain/ is pure rules: no server libraries and no workflow APIs (workflows call domain, not the reverse).' },
  { group: ['../*', '!../domain', '../domain/*'], message: 'domain/ is the bottom layer: it imports only itself.' },
];

/**
 * Configuration is read once, by common/config.ts. Test tooling reads its own variables (test/**, and
 * the benchmark's BENCH_* in bench/); everything that ships in `npm start` or the
 * production processes asks common/config.ts.
 */
const configReadOnce = {
  files: ['**/*.ts'],
  // Developer tools (benchmarks, screenshots) read their own variables; the product reads only common/config.ts.
  ignores: ['common/config.ts', 'test/**', 'bench/**', 'scripts/screenshots.ts', 'scripts/schemathesis-runner.ts', 'scripts/drill/**'],
  rules: {
    'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through common/config.ts (loadConfig), the one place that reads and validates the environment.' }],
  },
};

module.exports = tseslint.config(
  { ignores: ['scratch/**', 'dist/**', 'web/dist/**', '.test-build/**', '.test-build-drill/**', 'node_modules/**', 'data/**', 'coverage/**', 'eslint.config.js', 'jest.config.js'] },
  ...tseslint.configs.recommended,
  // The console's single-file components: Vue's error-prevention rules, <script lang="ts"> parsed as TypeScript.
  ...pluginVue.configs['flat/essential'],
  {
    files: ['web/**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' } },
  },
  // Pages follow the RuoYi habit of one folder per page with an index.vue; the folder names the page.
  { files: ['web/src/views/**/*.vue'], rules: { 'vue/multi-word-component-names': 'off' } },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  configReadOnce,
  {
    files: ['domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: forbiddenInDomain }],
      'no-restricted-globals': ['error', { name: 'process', message: 'domain/ is pure: no environment reads.' }],
    },
  },
  {
    files: ['workflows/**/*.ts', 'temporal.config.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: forbiddenInWorkflows }],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'No environment reads in workflow code: configuration comes in the workflow input.' },
        { name: 'setTimeout', message: 'Use sleep() or condition() with a timeout from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use a loop with sleep() from @temporalio/workflow.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Math.random is not for workflows: draw randomness in an activity (or use uuid4() from @temporalio/workflow).' },
      ],
    },
  },
);

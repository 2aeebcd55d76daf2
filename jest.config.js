/**
 * Two tiers (`npm run test:fast`, `npm run test:e2e`; `npm test` runs both, fast first). Each tier's
 * global set-up installs or starts what it needs (test/support/setup-*.ts).
 * @type {import('jest').Config}
 */
const common = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  setupFiles: ['reflect-metadata'],
};

module.exports = {
  // End-to-end files start real Temporal servers; two cores run two files at a time.
  maxWorkers: 2,
  // A global option: Jest ignores it inside a project.
  testTimeout: 60_000,
  projects: [
    {
      ...common,
      displayName: 'fast',
      // Pure rules, workflows on the time-skipping server with stubbed activities, history replay.
      roots: ['<rootDir>/test/fast'],
      globalSetup: '<rootDir>/test/support/setup-fast.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      // The real stack: Temporal dev server or test server, PostgreSQL, the worker, the HTTP API, Chromium.
      roots: ['<rootDir>/test/e2e'],
      globalSetup: '<rootDir>/test/support/setup-e2e.ts',
      globalTeardown: '<rootDir>/test/support/teardown-e2e.ts',
    },
  ],
};

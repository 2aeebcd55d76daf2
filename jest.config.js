/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  setupFiles: ['reflect-metadata'],
  // Workflow and API tests start real Temporal servers; two cores run two files at a time.
  maxWorkers: 2,
  testTimeout: 60_000,
};

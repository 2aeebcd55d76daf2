/**
 * Jest global set-up of the end-to-end tier: the Temporal wheels, a Chromium and the built console
 * (web/dist) for browser tests, schemathesis for the OpenAPI test and a
 * PostgreSQL server (test/support/postgres.ts), whose admin URL the test files find in DATABASE_URL.
 * Each step is quick when what it provides is already there.
 */
import { ensureChromium } from './browser';
import { ensureConsoleBuilt } from './console';
import { provideTestPostgres, type TestPostgres } from './postgres';
import { ensureSchemathesis } from '../../scripts/schemathesis-runner';
import setUpFastTier, { say } from './setup-fast';

/** Handed to the teardown (test/support/teardown-e2e.ts), which runs in this same process. */
export const running: { postgres?: TestPostgres } = {};

export default async function setUpEndToEndTier(): Promise<void> {
  setUpFastTier();
  ensureChromium(say);
  ensureConsoleBuilt(say);
  ensureSchemathesis(say);
  running.postgres = await provideTestPostgres(process.env, say);
  process.env.DATABASE_URL = running.postgres.adminUrl;
  say(`PostgreSQL: ${running.postgres.description}`);
}

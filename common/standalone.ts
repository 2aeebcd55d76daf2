/**
 * What the API and the worker share when each runs as its own process (production, docker/):
 * both need PostgreSQL and a Temporal cluster, checked once at start-up with a one-line error.
 */
import { ConfigError, loadConfig, type Config } from './config';
import { logger } from './logger';
import { Database } from '../db/database';

export async function openStandalone(what: string): Promise<{ config: Config; db: Database; temporalAddress: string }> {
  const config = loadConfig();
  logger.level = config.logLevel;
  if (!config.databaseUrl) throw new ConfigError(`DATABASE_URL is required when the ${what} runs on its own (npm start embeds a database instead)`);
  if (!config.temporalAddress) throw new ConfigError(`TEMPORAL_ADDRESS is required when the ${what} runs on its own, e.g. temporal:7233`);
  const db = await Database.open({ url: config.databaseUrl }).catch((e) => {
    throw new ConfigError(`cannot connect to DATABASE_URL: ${e.message}`);
  });
  await db.migrate();
  return { config, db, temporalAddress: config.temporalAddress };
}

/** Runs a process's main; a configuration problem is one line on stderr, anything else its stack. */
export function runStandalone(name: string, main: () => Promise<void>): void {
  main().catch((err) => {
    process.stderr.write(`${name}: ${err instanceof ConfigError ? err.message : err.stack}\n`);
    process.exit(1);
  });
}

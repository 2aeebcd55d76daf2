/**
 * The API as its own process (production shape, docker/): needs PostgreSQL and a Temporal cluster.
 * For a laptop, `npm start` runs everything in one process instead.
 */
import 'reflect-metadata';
import { Client, Connection } from '@temporalio/client';
import { adminToken } from '../common/admin-token';
import { ConfigError, loadConfig } from '../common/config';
import { logger } from '../common/logger';
import { Database } from '../db/database';
import { createApp } from './app';

async function main() {
  const config = loadConfig();
  if (!config.databaseUrl) throw new ConfigError('DATABASE_URL is required when the API runs on its own (npm start embeds a database instead)');
  if (!config.temporalAddress) throw new ConfigError('TEMPORAL_ADDRESS is required when the API runs on its own, e.g. temporal:7233');
  const db = await Database.open({ url: config.databaseUrl }).catch((e) => {
    throw new ConfigError(`cannot connect to DATABASE_URL: ${e.message}`);
  });
  await db.migrate();
  const connection = await Connection.connect({ address: config.temporalAddress, connectTimeout: 10_000 }).catch((e) => {
    throw new ConfigError(`cannot reach Temporal at ${config.temporalAddress}: ${e.message}`);
  });
  const app = await createApp({
    config,
    db,
    temporal: new Client({ connection, namespace: config.temporalNamespace }),
    adminToken: adminToken(config.adminToken, config.dataDir),
  });
  app.getHttpServer().requestTimeout = 15 * 60_000;
  await app.listen(config.port);
  logger.info({ port: config.port }, 'clueflow API listening');
}

main().catch((err) => {
  process.stderr.write(`clueflow api: ${err instanceof ConfigError ? err.message : err.stack}\n`);
  process.exit(1);
});

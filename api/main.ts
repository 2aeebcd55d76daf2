/**
 * The API as its own process (production shape, docker/): needs PostgreSQL and a Temporal cluster.
 * For a laptop, `npm start` runs everything in one process instead.
 */
import 'reflect-metadata';
import { Client } from '@temporalio/client';
import { adminToken } from '../common/admin-token';
import { ConfigError } from '../common/config';
import { logger } from '../common/logger';
import { openStandalone, runStandalone } from '../common/standalone';
import { connectApiClient } from '../common/temporal-client';
import { createApp } from './app';

runStandalone('clueflow api', async () => {
  const { config, db, temporalAddress } = await openStandalone('API');
  const connection = await connectApiClient(temporalAddress).catch((e) => {
    throw new ConfigError(`cannot reach Temporal at ${temporalAddress}: ${e.message}`);
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
});

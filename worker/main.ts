/** The worker as its own process (production shape): hosts every workflow and activity; SIGTERM drains it. */
import 'reflect-metadata';
import { ConfigError, loadConfig, mailConfig } from '../common/config';
import { logger } from '../common/logger';
import { Database } from '../db/database';
import { createClueflowWorker } from './worker';

async function main() {
  const config = loadConfig();
  if (!config.databaseUrl) throw new ConfigError('DATABASE_URL is required for a standalone worker');
  if (!config.temporalAddress) throw new ConfigError('TEMPORAL_ADDRESS is required for a standalone worker, e.g. temporal:7233');
  const db = await Database.open({ url: config.databaseUrl }).catch((e) => {
    throw new ConfigError(`cannot connect to DATABASE_URL: ${e.message}`);
  });
  await db.migrate();
  const { worker, close } = await createClueflowWorker({ db, address: config.temporalAddress, namespace: config.temporalNamespace, mail: mailConfig(config) });
  // The SDK shuts the worker down on SIGINT/SIGTERM by default, letting running activities finish.
  logger.info({ taskQueue: worker.options.taskQueue }, 'clueflow worker running');
  await worker.run();
  await close();
  await db.close();
  logger.info('clueflow worker stopped');
}

main().catch((err) => {
  process.stderr.write(`clueflow worker: ${err instanceof ConfigError ? err.message : err.stack}\n`);
  process.exit(1);
});

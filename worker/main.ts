/** The worker as its own process (production shape): hosts every workflow and activity; SIGTERM drains it. */
import 'reflect-metadata';
import { mailConfig } from '../common/config';
import { logger } from '../common/logger';
import { openStandalone, runStandalone } from '../common/standalone';
import { createClueflowWorker } from './worker';

runStandalone('clueflow worker', async () => {
  const { config, db, temporalAddress } = await openStandalone('worker');
  const { worker, close } = await createClueflowWorker({ db, address: temporalAddress, namespace: config.temporalNamespace, mail: mailConfig(config), tuning: config.worker });
  // The SDK shuts the worker down on SIGINT/SIGTERM by default, letting running activities finish.
  logger.info({ taskQueue: worker.options.taskQueue }, 'clueflow worker running');
  await worker.run();
  await close();
  await db.close();
  logger.info('clueflow worker stopped');
});

/**
 * The time-skipping Temporal test server, a fresh PostgreSQL database with a campaign in it, and the
 * real clueflow worker: what workflow tests with timers run on. The worker can be stopped and started.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { MailConfig } from '../../activities/mail';
import { createClueflowWorker } from '../../worker/worker';
import { createTestDatabase, type TestDatabase } from './databases';
import { seedCampaign } from './seed';
import { quietRuntime } from './stack';
import { startTimeSkippingServer, workflowBundle } from './temporal';

export interface Engine {
  env: TestWorkflowEnvironment;
  t: TestDatabase;
  startWorker(): Promise<void>;
  stopWorker(): Promise<void>;
  close(): Promise<void>;
}

export async function startEngine(campaign: Record<string, any>, opts: { mail?: MailConfig } = {}): Promise<Engine> {
  quietRuntime();
  const [env, t] = await Promise.all([startTimeSkippingServer(), createTestDatabase('postgres')]);
  await seedCampaign(t.db, env.client, campaign);
  let worker: Worker | undefined;
  let running: Promise<void> = Promise.resolve();
  let closeWorker: () => Promise<void> = async () => undefined;
  const engine: Engine = {
    env,
    t,
    async startWorker() {
      const w = await createClueflowWorker({
        db: t.db,
        address: env.connection.options.address as string,
        namespace: env.namespace ?? 'default',
        workflowBundle: await workflowBundle(),
        ...(opts.mail ? { mail: opts.mail } : {}),
      });
      worker = w.worker;
      closeWorker = w.close;
      running = worker.run();
    },
    async stopWorker() {
      if (worker?.getState() !== 'RUNNING') return;
      worker.shutdown();
      await running;
      await closeWorker();
    },
    async close() {
      await engine.stopWorker();
      await env.teardown();
      await t.drop();
    },
  };
  await engine.startWorker();
  return engine;
}

/**
 * The whole of clueflow for an end-to-end test: a real Temporal dev server, a real database,
 * the real worker and the real HTTP API on a loopback port.
 */
import type { INestApplication } from '@nestjs/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Runtime, DefaultLogger, type Worker } from '@temporalio/worker';
import request from 'supertest';
import { createApp } from '../../api/app';
import { loadConfig } from '../../common/config';
import { createClueflowWorker } from '../../worker/worker';
import { DEFAULT_NAMESPACE } from '../../temporal.config';
import { createTestDatabase, type DbKind, type TestDatabase } from './databases';
import { startDevServer, workflowBundle } from './temporal';

export const ADMIN = 'test-admin-token-0123456789';

let runtimeInstalled = false;
export function quietRuntime(): void {
  if (runtimeInstalled) return;
  runtimeInstalled = true;
  Runtime.install({ logger: new DefaultLogger('WARN') });
}

export interface Stack {
  env: TestWorkflowEnvironment;
  database: TestDatabase;
  app: INestApplication;
  http: ReturnType<typeof request>;
  worker: Worker;
  stopWorker(): Promise<void>;
  startWorker(): Promise<void>;
  close(): Promise<void>;
}

/** `settings` overrides configuration as environment variables would (e.g. CLUEFLOW_RATE_LIMIT). */
export async function startStack(kind: DbKind = 'postgres', settings: Record<string, string> = {}): Promise<Stack> {
  quietRuntime();
  const [env, database] = await Promise.all([startDevServer(), createTestDatabase(kind)]);
  const address = env.connection.options.address as string;
  let w = await createClueflowWorker({ db: database.db, address, namespace: DEFAULT_NAMESPACE, workflowBundle: await workflowBundle() });
  let running = w.worker.run();
  const app = await createApp({
    config: loadConfig({ DATA_DIR: '/tmp/clueflow-test', ...settings }),
    db: database.db,
    temporal: env.client,
    adminToken: ADMIN,
  });
  await app.init();
  const stack: Stack = {
    env,
    database,
    app,
    http: request(app.getHttpServer()),
    worker: w.worker,
    async stopWorker() {
      w.worker.shutdown();
      await running;
      await w.close();
    },
    async startWorker() {
      w = await createClueflowWorker({ db: database.db, address, namespace: DEFAULT_NAMESPACE, workflowBundle: await workflowBundle() });
      stack.worker = w.worker;
      running = w.worker.run();
    },
    async close() {
      await app.close();
      if (w.worker.getState() === 'RUNNING') await stack.stopWorker();
      await env.teardown();
      await database.drop();
    },
  };
  return stack;
}

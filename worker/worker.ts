import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createActivities } from '../activities';
import type { MailConfig } from '../activities/mail';
import type { WorkerTuning } from '../common/config';
import type { Database } from '../db/database';
import { TASK_QUEUE } from '../temporal.config';

export interface ClueflowWorkerOptions {
  db: Database;
  address: string;
  namespace: string;
  taskQueue?: string;
  /** Where mail goes; default: the outbox only. */
  mail?: MailConfig;
  /** A prebuilt bundle (tests build it once); otherwise the workflows are bundled at start. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Cache and concurrency (common/config.ts CLUEFLOW_*); unset → the SDK's defaults. */
  tuning?: WorkerTuning;
}

/** A worker hosting every clueflow workflow and activity; `run()` it, `shutdown()` to stop. */
export async function createClueflowWorker(opts: ClueflowWorkerOptions): Promise<{ worker: Worker; close(): Promise<void> }> {
  const connection = await NativeConnection.connect({ address: opts.address });
  // Activities that signal or start workflows use an ordinary client of their own.
  const clientConnection = await Connection.connect({ address: opts.address });
  const temporal = new Client({ connection: clientConnection, namespace: opts.namespace });
  const worker = await Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue ?? TASK_QUEUE,
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
    activities: createActivities({ db: opts.db, temporal, mail: opts.mail ?? { from: 'clueflow <clueflow@localhost>', publicUrl: 'http://localhost:3000' } }),
    shutdownGraceTime: '10 seconds',
    ...opts.tuning,
  });
  return {
    worker,
    async close() {
      await clientConnection.close();
      await connection.close();
    },
  };
}

/**
 * The bare engine's worker as a process of its own (so its memory is measured apart from the
 * benchmark's): `node dist/bench/bare-worker.js <address> [namespace]`; SIGTERM drains it.
 */
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { DEFAULT_NAMESPACE } from '../temporal.config';
import { BARE_TASK_QUEUE } from './bare-queue';

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const [address, namespace = DEFAULT_NAMESPACE] = process.argv.slice(2);
  const connection = await NativeConnection.connect({ address });
  const cached = Number(process.env.CLUEFLOW_MAX_CACHED_WORKFLOWS || 0);
  const worker = await Worker.create({
    connection,
    namespace,
    taskQueue: BARE_TASK_QUEUE,
    workflowsPath: require.resolve('./bare-workflows'),
    ...(cached ? { maxCachedWorkflows: cached } : {}),
  });
  await worker.run();
  await connection.close();
}

main().catch((err) => {
  process.stderr.write(`bare worker: ${err.stack ?? err}\n`);
  process.exit(1);
});

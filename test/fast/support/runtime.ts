import { DefaultLogger, Runtime } from '@temporalio/worker';

/**
 * The SDK's runtime, speaking only of errors: the test server's missing capabilities and a
 * deliberately failed replay are expected here, not news.
 */
export function quietRuntime(): void {
  Runtime.install({
    logger: new DefaultLogger('ERROR'),
    telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, console: {} } },
  });
}

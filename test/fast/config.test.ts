/** The environment is read once (common/config.ts): defaults, and one line naming the variable for a bad value. */
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig } from '../../common/config';

describe('configuration from the environment', () => {
  it('has a default for everything npm start needs', () => {
    const config = loadConfig({ PATH: '/usr/local/bin:/usr/bin' });
    expect(config).toMatchObject({ port: 3000, temporalPort: 7233, temporalUiPort: 8233, logLevel: 'info', embeddedDatabase: 'postgres' });
    expect(config.binaries).toEqual({
      cacheDir: path.join(os.homedir(), '.cache', 'clueflow'),
      temporalCliPath: undefined,
      temporalTestServerPath: undefined,
      searchPath: ['/usr/local/bin', '/usr/bin'],
    });
  });

  it('takes what is set, paths made absolute', () => {
    const config = loadConfig({ TEMPORAL_PORT: '17233', TEMPORAL_UI_PORT: '18233', LOG_LEVEL: 'warn', CLUEFLOW_CACHE_DIR: 'cache', TEMPORAL_CLI_PATH: '/opt/temporal', CLUEFLOW_EMBEDDED_DB: 'pglite' });
    expect(config).toMatchObject({ temporalPort: 17233, temporalUiPort: 18233, logLevel: 'warn', embeddedDatabase: 'pglite' });
    expect(config.binaries).toMatchObject({ cacheDir: path.resolve('cache'), temporalCliPath: '/opt/temporal' });
  });

  it.each([
    [{ PORT: '3000x' }, 'PORT=3000x is not a TCP port (1-65535)'],
    [{ TEMPORAL_PORT: '70000' }, 'TEMPORAL_PORT=70000 is not a TCP port (1-65535)'],
    [{ TEMPORAL_UI_PORT: '-1' }, 'TEMPORAL_UI_PORT=-1 is not a TCP port (1-65535)'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL=verbose is not a log level; use one of fatal, error, warn, info, debug, trace, silent'],
    [{ CLUEFLOW_CACHE_DIR: '~/cache' }, "CLUEFLOW_CACHE_DIR=~/cache: the shell did not expand '~'; write the full path"],
    [{ CLUEFLOW_EMBEDDED_DB: 'sqlite' }, 'CLUEFLOW_EMBEDDED_DB=sqlite is not an embedded database; use postgres or pglite'],
  ])('refuses %j in one line', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });
});

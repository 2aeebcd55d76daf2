/**
 * `npm start` checks the ports it is about to listen on before it starts anything. Without the
 * check, a Temporal server already on TEMPORAL_PORT (another dev server: common for Temporal
 * users) answers in place of the one `npm start` launches, and clueflow runs its workflows there.
 */
import * as net from 'node:net';
import { ConfigError, type Config } from '../common/config';

/**
 * Whether something already listens on `port`, probed by binding it as the server will: on `host`,
 * or on every interface when `host` is undefined. Other failures (EACCES) are thrown.
 */
export function portInUse(port: number, host?: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => (err.code === 'EADDRINUSE' ? resolve(true) : reject(err)));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(false)));
  });
}

interface Claim {
  variable: string;
  port: number;
  /** The dev server binds 127.0.0.1; the API binds every interface. */
  host?: string;
  inUse: string;
}

/** The ports `npm start` will listen on, each free; else a ConfigError saying which variable to set. */
export async function checkStartPorts(config: Config): Promise<void> {
  const claims: Claim[] = [{ variable: 'PORT', port: config.port, inUse: 'set PORT to a free port' }];
  if (!config.temporalAddress) {
    const port = config.temporalPort;
    claims.push(
      {
        variable: 'TEMPORAL_PORT',
        port,
        host: '127.0.0.1',
        inUse: `another Temporal server? Set TEMPORAL_PORT to a free port, or set TEMPORAL_ADDRESS=127.0.0.1:${port} to use the Temporal server running there`,
      },
      {
        variable: 'TEMPORAL_UI_PORT',
        port: config.temporalUiPort,
        host: '127.0.0.1',
        inUse: 'set TEMPORAL_UI_PORT to a free port, or set TEMPORAL_ADDRESS to use a Temporal server that is already running',
      },
    );
  }
  for (const [i, claim] of claims.entries()) {
    const other = claims.slice(0, i).find((c) => c.port === claim.port);
    if (other) throw new ConfigError(`${other.variable} and ${claim.variable} are both ${claim.port}: give each its own port`);
    const taken = await portInUse(claim.port, claim.host).catch((err: NodeJS.ErrnoException) => {
      throw new ConfigError(`${claim.variable}=${claim.port}: cannot listen there (${err.code ?? err.message}); set ${claim.variable} to another port`);
    });
    if (taken) throw new ConfigError(`port ${claim.port} (${claim.variable}) is already in use: ${claim.inUse}`);
  }
}

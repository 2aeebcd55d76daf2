/**
 * Real databases for tests: a fresh PostgreSQL database per test file on the machine's server
 * (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test, used only to create and drop it),
 * or an in-memory PGlite. Both run the real migrations.
 */
import { Database } from '../../db/database';
import { createScratchDatabase } from '../../db/scratch-database';

export type DbKind = 'postgres' | 'pglite';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  db: Database;
  url?: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(kind: DbKind = 'postgres'): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const db = await Database.open({});
    await db.migrate();
    return { db, drop: () => db.close() };
  }
  return createScratchDatabase(ADMIN_URL, 'clueflow_test');
}

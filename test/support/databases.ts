/**
 * Real databases for tests: a fresh PostgreSQL database per test file on the server the end-to-end
 * set-up chose (test/support/postgres.ts; its admin URL in DATABASE_URL, used only to create and drop
 * the database), or an in-memory PGlite. Both run the real migrations.
 */
import { Database } from '../../db/database';
import { createScratchDatabase } from '../../db/scratch-database';

export type DbKind = 'postgres' | 'pglite';

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
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) throw new Error('DATABASE_URL is unset: run end-to-end tests through `npm run test:e2e` (its set-up provides PostgreSQL)');
  return createScratchDatabase(adminUrl, 'clueflow_test');
}

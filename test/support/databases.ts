/**
 * Real databases for tests: a fresh PostgreSQL database per test file on the machine's server
 * (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test, used only to create and drop it),
 * or an in-memory PGlite. Both run the real migrations.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Database } from '../../db/database';

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
  const name = `clueflow_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const db = await Database.open({ url: url.toString() });
  await db.migrate();
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      const a = new Client({ connectionString: ADMIN_URL });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

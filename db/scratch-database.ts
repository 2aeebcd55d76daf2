/**
 * A fresh, migrated PostgreSQL database created beside the one `adminUrl` points at, and dropped
 * afterwards: what each test file and the benchmarks run against.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { Database } from './database';

export interface ScratchDatabase {
  db: Database;
  url: string;
  drop(): Promise<void>;
}

async function asAdmin(adminUrl: string, sql: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

export async function createScratchDatabase(adminUrl: string, prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${Date.now()}_${randomBytes(4).toString('hex')}`;
  await asAdmin(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = await Database.open({ url: url.toString() });
  await db.migrate();
  return {
    db,
    url: url.toString(),
    async drop() {
      await db.close();
      await asAdmin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

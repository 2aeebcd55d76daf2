/**
 * The database handle every part of clueflow uses: PostgreSQL when DATABASE_URL is set,
 * otherwise embedded PGlite, both with the same migrations.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import 'reflect-metadata';
import { DataSource, type EntityManager } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DatabaseOptions {
  /** postgres://… ; unset → PGlite. */
  url?: string;
  /** PGlite data directory; unset with no url → in memory (tests). */
  pgliteDir?: string;
}

/**
 * PGlite is one connection: two transactions at once would interleave their statements on it.
 * With PGlite every unit of work therefore runs one at a time; PostgreSQL uses its pool.
 */
class Serializer {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

export class Database {
  private readonly serializer?: Serializer;

  private constructor(
    readonly dataSource: DataSource,
    readonly kind: 'postgres' | 'pglite',
  ) {
    if (kind === 'pglite') this.serializer = new Serializer();
  }

  static async open(options: DatabaseOptions): Promise<Database> {
    const common = {
      type: 'postgres' as const,
      entities: ENTITIES,
      migrations: MIGRATIONS,
      synchronize: false,
      migrationsRun: false,
      logging: false,
      // gen_random_uuid() is built into PostgreSQL ≥ 13 and PGlite; no extension to install.
      installExtensions: false,
      uuidExtension: 'pgcrypto' as const,
    };
    let dataSource: DataSource;
    if (options.url) {
      dataSource = new DataSource({ ...common, url: options.url, extra: { max: 10, connectionTimeoutMillis: 5_000 } });
    } else {
      // Loaded lazily: a PostgreSQL deployment never loads the WASM engine.
      const { PGliteDriver } = await import('typeorm-pglite');
      if (options.pgliteDir) fs.mkdirSync(path.dirname(options.pgliteDir), { recursive: true });
      dataSource = new DataSource({
        ...common,
        driver: new PGliteDriver(options.pgliteDir ? { dataDir: options.pgliteDir } : {}).driver,
      });
    }
    await dataSource.initialize();
    return new Database(dataSource, options.url ? 'postgres' : 'pglite');
  }

  /** Applies pending migrations; returns the names applied. */
  async migrate(): Promise<string[]> {
    if (this.kind === 'pglite') {
      const applied = await this.exclusive(() => this.dataSource.runMigrations({ transaction: 'each' }));
      return applied.map((m) => m.name);
    }
    // API and workers may start together: a session lock lets exactly one of them migrate at a time.
    const lock = this.dataSource.createQueryRunner();
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock(hashtext($1))', ['clueflow:migrations']);
      const applied = await this.dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await lock.query('SELECT pg_advisory_unlock(hashtext($1))', ['clueflow:migrations']).catch(() => undefined);
      await lock.release();
    }
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    return this.serializer ? this.serializer.run(fn) : fn();
  }

  /** One unit of work in a transaction. Do not nest: with PGlite that would wait on itself. */
  tx<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.exclusive(() => this.dataSource.transaction(fn));
  }

  /** Reads and single statements, outside a transaction. */
  run<T>(fn: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.exclusive(() => fn(this.dataSource.manager));
  }

  query<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.exclusive(() => this.dataSource.query(sql, params));
  }

  async ping(): Promise<boolean> {
    try {
      await this.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

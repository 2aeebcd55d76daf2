/**
 * Data source for the TypeORM CLI against PostgreSQL, e.g.
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/clueflow npx typeorm -d dist/db/data-source.js migration:show
 * (clueflow itself migrates at start-up; see db/database.ts, which also serves PGlite.)
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../common/config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export default new DataSource({
  type: 'postgres',
  url: loadConfig().databaseUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  entities: ENTITIES,
  migrations: MIGRATIONS,
  synchronize: false,
  installExtensions: false,
  uuidExtension: 'pgcrypto',
});

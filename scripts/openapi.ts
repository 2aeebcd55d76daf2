/**
 * openapi — writes the API's OpenAPI document to web/src/api/openapi.json, from which
 * `npm run openapi` generates the console's types (web/src/api/schema.d.ts, openapi-typescript).
 *
 *   node dist/scripts/openapi.js [out.json]
 *
 * The NestJS app is built from placeholder dependencies: nothing connects while the app is created
 * or while the document is served, so this needs neither PostgreSQL nor Temporal. The document is
 * read from the app's own /api/docs-json route (on a loopback port for the moment), so it is exactly
 * what the running API serves, title and all.
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Client } from '@temporalio/client';
import { createApp } from '../api/app';
import { loadConfig } from '../common/config';
import type { Database } from '../db/database';

async function main(): Promise<void> {
  const out = path.resolve(process.argv[2] ?? path.join(__dirname, '../../web/src/api/openapi.json'));
  const app = await createApp({
    config: loadConfig({}),
    db: {} as Database,
    temporal: {} as Client,
    adminToken: 'openapi-placeholder-token',
  });
  try {
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/api/docs-json`);
    if (!res.ok) throw new Error(`GET /api/docs-json answered ${res.status}`);
    const doc = (await res.json()) as { paths?: Record<string, unknown> };
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
    console.log(`openapi: ${Object.keys(doc.paths ?? {}).length} paths → ${path.relative(process.cwd(), out)}`);
  } finally {
    await app.close();
  }
}

main().catch((err) => {
  console.error(`openapi: ${err.stack ?? err}`);
  process.exit(1);
});

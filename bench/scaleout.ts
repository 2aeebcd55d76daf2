/**
 * `npm run bench:scaleout`: the production shape on one machine — two API processes
 * (`node dist/api/main.js`, as `npm run start:api`) and two worker processes (`npm run start:worker`)
 * against one Temporal dev server and one PostgreSQL — driven by a load: an import of N clues
 * (BENCH_CLUES, default 5,000) through the first API, then verifications and sign-offs for
 * BENCH_ACTIONS of them spread over both APIs. Beside it, the bare engine on the same server with
 * two bare worker processes: N starts and as many updates at the same concurrency.
 * Correctness: every clue started once, every action recorded once in the timeline and the audit
 * log, no mail key twice; both workers did work (their CPU time).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { demoClues, shiftedPlan } from '../db/seed/demo';
import { localDate } from '../domain/time';
import { bareUpdate } from './bare-workflows';
import { BARE_TASK_QUEUE, BENCH_ADMIN, benchVerification, cpuSeconds, freePort, loadNote, percentile, report, sleep, startBareWorker, startBenchStack, stopChild, timedPool } from './harness';

const CLUES = Number(process.env.BENCH_CLUES ?? 5_000);
const ACTIONS = Math.min(CLUES, Number(process.env.BENCH_ACTIONS ?? 500));
const CONCURRENCY = Number(process.env.BENCH_ACTION_CONCURRENCY ?? 8);
const say = (line: string) => process.stdout.write(`[bench:scaleout] ${new Date().toISOString().slice(11, 19)} ${line}\n`);

const verification = benchVerification('substantiated');

async function main(): Promise<void> {
  const s = await startBenchStack({ db: 'postgres', workerProcesses: 2, log: say });
  const bares = [await startBareWorker(s.server.address, say), await startBareWorker(s.server.address, say)];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clueflow-scaleout-'));
  const apis = await Promise.all(
    [0, 1].map(async (i) => {
      const port = await freePort();
      const child = spawn(process.execPath, [path.join(__dirname, '..', 'api', 'main.js')], {
        env: {
          ...process.env,
          PORT: String(port),
          DATABASE_URL: s.database.url!,
          TEMPORAL_ADDRESS: s.server.address,
          CLUEFLOW_ADMIN_TOKEN: BENCH_ADMIN,
          CLUEFLOW_RATE_LIMIT: '0',
          DATA_DIR: dataDir,
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.once('exit', (code, signal) => say(`API ${i} (pid ${child.pid}) exited ${code ?? signal}`));
      return { child, url: `http://127.0.0.1:${port}/api/v1` };
    }),
  );
  const call = async (api: string, method: string, url: string, body?: unknown, token = BENCH_ADMIN) => {
    const res = await fetch(`${api}${url}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok && res.status !== 202) throw new Error(`${method} ${url} → ${res.status} ${text.slice(0, 300)}`);
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  try {
    for (const api of apis) {
      for (let i = 0; ; i++) {
        const ok = await fetch(`${api.url}/health`).then((r) => r.ok, () => false);
        if (ok) break;
        if (i > 120) throw new Error(`API at ${api.url} did not come up`);
        await sleep(500);
      }
    }
    const [a, b] = apis.map((x) => x.url);
    say(`2 APIs (${apis.map((x) => x.child.pid).join(', ')}), 2 workers (${s.workerPids.join(', ')}), 2 bare workers; ${CLUES} clues, ${ACTIONS} clues acted on`);
    const plan: Record<string, any> = { ...shiftedPlan(localDate(Date.now(), 'Asia/Shanghai')), id: 'scale' };
    await call(a, 'POST', '/campaigns', plan);
    for (let i = 0; i < 200 && (await call(b, 'GET', '/campaigns/scale')).body.status !== 'active'; i++) await sleep(100);
    const clues = demoClues(plan.units.map((u: { code: string }) => u.code), CLUES);

    // —— bare: N starts, then 2×ACTIONS updates, same concurrency ——
    let t = performance.now();
    await timedPool(clues.map((_, i) => i), 32, (i) => s.temporal.workflow.start('bareWorkflow', { workflowId: `bare-scale-${i}`, taskQueue: BARE_TASK_QUEUE, args: [{}] }));
    const bareStartS = (performance.now() - t) / 1000;
    await sleep(5_000);

    // —— clueflow: import through API a until every workflow is started ——
    const cpu0 = s.workerPids.map(cpuSeconds);
    t = performance.now();
    await call(a, 'POST', '/campaigns/scale/clues', { clues });
    for (;;) {
      const [{ n }] = await s.database.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM clues WHERE campaign_id = 'scale' AND workflow_started_at IS NOT NULL`);
      if (n >= CLUES) break;
      await sleep(500);
    }
    const flowStartS = (performance.now() - t) / 1000;
    say(`started: bare ${bareStartS.toFixed(1)} s, clueflow ${flowStartS.toFixed(1)} s`);
    await sleep(5_000);

    // —— actions over both APIs ——
    const targets = clues.filter((c) => c.unitCode).slice(0, ACTIONS) as Array<{ clueNo: string; unitCode: string }>;
    const tokens = new Map<string, { officer: string; leader: string }>();
    for (const unit of new Set(targets.map((x) => x.unitCode))) {
      tokens.set(unit, {
        officer: (await call(a, 'POST', '/tokens', { role: 'unit_officer', unitCode: unit, name: `核查员-${unit}` })).body.token,
        leader: (await call(b, 'POST', '/tokens', { role: 'unit_leader', unitCode: unit, name: `领导-${unit}` })).body.token,
      });
    }
    let pending = 0;
    // Each clue's two actions go to different API instances.
    const act = async (i: number, api: number, action: string, body: unknown, token: string) => {
      const r = await call(apis[api % 2].url, 'POST', `/clues/${targets[i].clueNo}/${action}?campaignId=scale`, body, token);
      if (r.status === 202) pending++;
    };
    t = performance.now();
    const lat = [
      ...(await timedPool(targets, CONCURRENCY, (x, i) => act(i, i, 'verification', verification, tokens.get(x.unitCode)!.officer))),
      ...(await timedPool(targets, CONCURRENCY, (x, i) => act(i, i + 1, 'signoff', { approve: true }, tokens.get(x.unitCode)!.leader))),
    ];
    const actS = (performance.now() - t) / 1000;
    const workerCpu = s.workerPids.map((pid, i) => cpuSeconds(pid) - cpu0[i]);
    t = performance.now();
    const bareLat = await timedPool(Array.from({ length: targets.length * 2 }, (_, i) => i), CONCURRENCY, (i) =>
      s.temporal.workflow.getHandle(`bare-scale-${i % CLUES}`).executeUpdate(bareUpdate, { args: [verification] }),
    );
    const bareActS = (performance.now() - t) / 1000;

    // —— correctness ——
    const [c] = await s.database.db.query<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM clues WHERE campaign_id = 'scale' AND workflow_started_at IS NOT NULL) AS started,
              (SELECT count(*)::int FROM clue_events WHERE campaign_id = 'scale' AND action IN ('verification_submitted', 'signoff_approved')) AS "actionEvents",
              (SELECT count(*)::int FROM (SELECT 1 FROM clue_events WHERE campaign_id = 'scale' GROUP BY clue_no, action HAVING count(*) > 1) d) AS "doubledEvents",
              (SELECT count(*)::int FROM audit_log WHERE campaign_id = 'scale' AND action IN ('clue.verification_submitted', 'clue.signoff_approved')) AS "auditEntries",
              (SELECT count(*)::int FROM (SELECT 1 FROM mail_outbox WHERE campaign_id = 'scale' GROUP BY idempotency_key HAVING count(*) > 1) d) AS "doubledMail"`,
    );
    const { count: running } = await s.temporal.workflow.count(`CampaignId = 'scale' AND ExecutionStatus = 'Running'`);
    const ok = c.started === CLUES && c.actionEvents === targets.length * 2 && c.doubledEvents === 0 && c.auditEntries === targets.length * 2 && c.doubledMail === 0 && workerCpu.every((x) => x > 0.5);
    const file = report(
      'scaleout',
      { clues: CLUES, actions: targets.length * 2, concurrency: CONCURRENCY, shape: '2 API processes, 2 worker processes, 1 dev server, 1 PostgreSQL', database: s.database.label },
      [
        { figure: 'starts/s (import → all started)', clueflow: Number((CLUES / flowStartS).toFixed(1)), bare: Number((CLUES / bareStartS).toFixed(1)), ratio: Number((bareStartS / flowStartS).toFixed(2)) },
        { figure: 'actions/s over 2 APIs', clueflow: Number((lat.length / actS).toFixed(1)), bare: Number((bareLat.length / bareActS).toFixed(1)), ratio: Number((bareActS / actS).toFixed(2)) },
        { figure: 'action p50 ms', clueflow: Math.round(percentile(lat, 50)), bare: Math.round(percentile(bareLat, 50)), ratio: Number((percentile(lat, 50) / percentile(bareLat, 50)).toFixed(2)) },
        { figure: 'action p95 ms', clueflow: Math.round(percentile(lat, 95)), bare: Math.round(percentile(bareLat, 95)), ratio: Number((percentile(lat, 95) / percentile(bareLat, 95)).toFixed(2)) },
        { figure: 'worker CPU s (each)', clueflow: workerCpu.map((x) => x.toFixed(1)).join(' / '), bare: '', ratio: '' },
        { figure: 'correct', clueflow: ok ? 'yes' : 'NO', bare: '', ratio: '' },
      ],
      [
        `${c.started} started (${running} running in visibility), ${c.actionEvents} action events, ${c.doubledEvents} doubled, ${c.auditEntries} audit entries, ${c.doubledMail} doubled mail keys, ${pending} answers 202`,
        loadNote(),
      ],
    );
    say(`wrote ${file}`);
    if (!ok) throw new Error(`scale-out outcome wrong: ${JSON.stringify(c)}`);
  } finally {
    await Promise.all(apis.map((x) => stopChild(x.child)));
    await Promise.all(bares.map((x) => x.stop()));
    await s.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`[bench:scaleout] failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});

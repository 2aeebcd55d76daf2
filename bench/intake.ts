/**
 * `npm run bench:intake`: N clues (BENCH_CLUES, default 50,000) from the API's import call to a
 * running workflow with its ledger row marked started — beside N bare `workflow.start` calls of a
 * workflow that waits on a timer, on the same dev server, at the same concurrency (32, the start
 * path's). Also the memory of each worker process with N open workflows (RSS); BENCH_MAX_CACHED
 * limits both workers' workflow caches (CLUEFLOW_MAX_CACHED_WORKFLOWS).
 *
 * The clueflow worker and the bare worker are processes of their own, so their RSS is theirs.
 * BENCH_LIFECYCLE=1 then measures bench:lifecycle's actions on the workflows it started.
 * Asserts the outcome: every clue accepted, every workflow running, nothing started twice.
 */
import { localDate } from '../domain/time';
import { measureLifecycle } from './lifecycle';
import { demoClues, shiftedPlan } from '../db/seed/demo';
import { BARE_TASK_QUEUE, cpuSeconds, loadNote, mb, peakOf, processRss, report, sleep, startBareWorker, startBenchStack, timedPool } from './harness';

const CLUES = Number(process.env.BENCH_CLUES ?? 50_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const CACHED = process.env.BENCH_MAX_CACHED ?? '';
const say = (line: string) => process.stdout.write(`[bench:intake] ${new Date().toISOString().slice(11, 19)} ${line}\n`);

async function main(): Promise<void> {
  const cacheEnv: Record<string, string> = CACHED ? { CLUEFLOW_MAX_CACHED_WORKFLOWS: CACHED } : {};
  const s = await startBenchStack({ db: 'postgres', workerProcesses: 1, workerEnv: cacheEnv, log: say });
  const bare = await startBareWorker(s.server.address, say, cacheEnv);
  try {
    say(`${CLUES} clues · concurrency ${CONCURRENCY} · cache ${CACHED || 'SDK default'} · ${s.database.label}`);
    const plan: Record<string, any> = { ...shiftedPlan(localDate(Date.now(), 'Asia/Shanghai')), id: 'bench' };
    await s.createCampaign(plan);
    const units = plan.units.map((u: { code: string }) => u.code);
    const clues = demoClues(units, CLUES);
    const idle = { clueflow: mb(processRss(s.workerPids[0])), bare: mb(processRss(bare.pid)) };

    // —— the bare engine: N starts of a workflow that waits on a timer ——
    const bareMem = peakOf(() => processRss(bare.pid));
    // CPU seconds of every process of ours in each phase: a figure the machine's noise moves less than rates.
    const cpu = () => ({ server: cpuSeconds(s.server.pid), clueflow: cpuSeconds(s.workerPids[0]), bare: cpuSeconds(bare.pid), bench: process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6 });
    const cpuDelta = (a: ReturnType<typeof cpu>, b: ReturnType<typeof cpu>) => ({ server: b.server - a.server, clueflow: b.clueflow - a.clueflow, bare: b.bare - a.bare, bench: b.bench - a.bench });
    const cpuBare0 = cpu();
    const tb = performance.now();
    await timedPool(
      clues.map((_, i) => i),
      CONCURRENCY,
      (i) => s.temporal.workflow.start('bareWorkflow', { workflowId: `bare-intake-${i}`, taskQueue: BARE_TASK_QUEUE, args: [{}] }),
    );
    const bareMs = performance.now() - tb;
    say(`bare: ${CLUES} started in ${(bareMs / 1000).toFixed(1)} s`);
    // Let the bare worker take its first tasks before clueflow's phase begins.
    await sleep(Math.min(30_000, 2_000 + CLUES / 10));
    bareMem.stop();
    const bareCpu = cpuDelta(cpuBare0, cpu());

    // —— clueflow: the API import to every workflow started and marked in the ledger ——
    const flowMem = peakOf(() => processRss(s.workerPids[0]));
    const startedCount = async () =>
      (await s.database.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM clues WHERE campaign_id = 'bench' AND workflow_started_at IS NOT NULL`))[0].n;
    const cpuFlow0 = cpu();
    const t0 = performance.now();
    const first = await s.call('POST', '/campaigns/bench/clues', { clues });
    const importMs = performance.now() - t0;
    say(`import answered in ${(importMs / 1000).toFixed(1)} s, ${first.workflowsPending} still starting`);
    let lastLog = 0;
    for (;;) {
      const n = await startedCount();
      if (n >= CLUES) break;
      if (performance.now() - lastLog > 15_000) {
        say(`${n} / ${CLUES} started`);
        lastLog = performance.now();
      }
      await sleep(250);
    }
    const flowMs = performance.now() - t0;
    say(`clueflow: ${CLUES} started in ${(flowMs / 1000).toFixed(1)} s`);
    if (first.accepted !== CLUES || first.rejected.length) throw new Error(`expected ${CLUES} accepted, got ${first.accepted}`);
    await sleep(Math.min(30_000, 2_000 + CLUES / 10));
    flowMem.stop();
    const flowCpu = cpuDelta(cpuFlow0, cpu());
    const perStart = (seconds: number) => Number(((seconds * 1000) / CLUES).toFixed(2));
    const heldWithOpen = { clueflow: mb(processRss(s.workerPids[0])), bare: mb(processRss(bare.pid)) };

    // Visibility is eventually consistent: give it time to catch up with the starts.
    let count = 0;
    for (let i = 0; i < 120 && count < CLUES; i++) {
      if (i) await sleep(1000);
      count = (await s.temporal.workflow.count(`CampaignId = 'bench' AND ExecutionStatus = 'Running'`)).count;
    }
    if (count !== CLUES) throw new Error(`only ${count} of ${CLUES} clue workflows running`);
    const [{ events }] = await s.database.db.query<{ events: number }>(`SELECT count(*)::int AS events FROM clue_events WHERE campaign_id = 'bench'`);

    const bareRate = CLUES / (bareMs / 1000);
    const flowRate = CLUES / (flowMs / 1000);
    const file = report(
      'intake',
      { clues: CLUES, concurrency: CONCURRENCY, maxCachedWorkflows: CACHED || 'default', database: s.database.label },
      [
        { figure: 'starts/s (all started)', clueflow: Number(flowRate.toFixed(1)), bare: Number(bareRate.toFixed(1)), ratio: Number((flowRate / bareRate).toFixed(2)), note: `clueflow ${(flowMs / 1000).toFixed(1)} s from the import call to every workflow_started_at; bare ${(bareMs / 1000).toFixed(1)} s of start calls` },
        { figure: 'CPU ms per start: dev server', clueflow: perStart(flowCpu.server), bare: perStart(bareCpu.server), ratio: Number((flowCpu.server / bareCpu.server).toFixed(2)), note: 'each phase through its settling pause' },
        { figure: 'CPU ms per start: worker', clueflow: perStart(flowCpu.clueflow), bare: perStart(bareCpu.bare), ratio: Number((flowCpu.clueflow / bareCpu.bare).toFixed(2)), note: 'clueflow: workflow tasks and the start activity; bare: workflow tasks' },
        { figure: 'CPU ms per start: starter/API', clueflow: perStart(flowCpu.bench), bare: perStart(bareCpu.bench), ratio: Number((flowCpu.bench / Math.max(0.001, bareCpu.bench)).toFixed(2)), note: 'this process: clueflow the API import (ledger write), bare the start calls' },
        { figure: 'import reply (s)', clueflow: Number((importMs / 1000).toFixed(1)), bare: '', ratio: '', note: `${first.workflowsPending} workflows still starting at the reply` },
        { figure: 'worker RSS peak (MB)', clueflow: mb(flowMem.peak.value), bare: mb(bareMem.peak.value), ratio: Number((flowMem.peak.value / Math.max(1, bareMem.peak.value)).toFixed(2)), note: `idle before: clueflow ${idle.clueflow} MB, bare ${idle.bare} MB` },
        { figure: `worker RSS with ${CLUES} open (MB)`, clueflow: heldWithOpen.clueflow, bare: heldWithOpen.bare, ratio: Number((heldWithOpen.clueflow / Math.max(1, heldWithOpen.bare)).toFixed(2)), note: `both workers hold their open workflows; cache ${CACHED || 'SDK default'}` },
        { figure: 'outcome', clueflow: count, bare: '', ratio: '', note: `${count} running in visibility, ${events} ledger events (1 'imported' each expected)` },
      ],
      [loadNote()],
    );
    if (events !== CLUES) throw new Error(`${events} ledger events for ${CLUES} clues`);
    say(`wrote ${file}`);

    if (process.env.BENCH_LIFECYCLE) {
      // The lifecycle measurement on the N clue workflows (and N bare ones) this run started.
      const concurrency = Number(process.env.BENCH_ACTION_CONCURRENCY ?? 8);
      const targets = clues.filter((c) => c.unitCode).slice(0, Number(process.env.BENCH_ACTIONS ?? 1_000)) as Array<{ clueNo: string; unitCode: string }>;
      const bareIds = clues.map((_, i) => `bare-intake-${i}`);
      const { rows: lifeRows, notes } = await measureLifecycle({ s, campaignId: 'bench', clues: targets, bareIds, live: CLUES, concurrency, log: say });
      say(`wrote ${report('lifecycle', { liveWorkflows: CLUES, actions: targets.length * 2, concurrency, database: s.database.label, after: 'bench:intake' }, lifeRows, [...notes, loadNote()])}`);
    }
  } finally {
    await bare.stop();
    await s.close();
  }
}

main().catch((err) => {
  process.stderr.write(`[bench:intake] failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});

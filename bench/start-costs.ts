/**
 * `npm run bench:start-costs`: where a clue start spends engine work that a bare start does not.
 * On one dev server, the same number of starts (BENCH_CLUES, default 2,000) at the same
 * concurrency, in rounds of: a bare start; a bare start carrying a clue's input; a bare start with
 * a clue's seven search attributes; a bare start with the start path's id-conflict policies; and a
 * real clue workflow started straight from here (no campaign activity). Each variant is run twice,
 * interleaved, and the rounds are reported side by side (rate and ratio to the plain bare start).
 */
import { calendarOf, deadlineStatus } from '../domain/calendar';
import { policyOf, verifyingBodyCodes } from '../domain/campaign';
import { localDate } from '../domain/time';
import { shiftedPlan } from '../db/seed/demo';
import { TASK_QUEUE, searchAttributes as sa } from '../temporal.config';
import { clueWorkflowId, type ClueStart } from '../workflows/clue/definitions';
import { BARE_TASK_QUEUE, cpuSeconds, loadNote, report, sleep, startBareWorker, startBenchStack, timedPool, type Row } from './harness';

const N = Number(process.env.BENCH_CLUES ?? 2_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const say = (line: string) => process.stdout.write(`[bench:start-costs] ${new Date().toISOString().slice(11, 19)} ${line}\n`);

async function main(): Promise<void> {
  const s = await startBenchStack({ db: 'postgres', workerProcesses: 1, log: say });
  const bare = await startBareWorker(s.server.address, say);
  try {
    const plan: Record<string, any> = { ...shiftedPlan(localDate(Date.now(), 'Asia/Shanghai')), id: 'bench' };
    await s.createCampaign(plan);
    const campaign = { ...plan, timezone: plan.timezone ?? 'Asia/Shanghai', calendarVersion: 1, escalationAfterDays: plan.escalationAfterDays ?? [0, 3, 7, 14] };
    const calendar = calendarOf(campaign as any);
    const input = (i: number, attributesAtStart: boolean): ClueStart => ({
      campaignId: 'bench',
      clueNo: `S-${i}`,
      projectNo: (i % 30) + 1,
      departmentCode: 'mzj',
      unitCode: plan.units[i % plan.units.length].code,
      unitCodes: verifyingBodyCodes(plan),
      policy: policyOf(plan),
      calendar,
      ...(attributesAtStart ? { attributesAtStart } : {}),
    });
    const attributes = (i: number) => {
      const status = deadlineStatus('verifying', calendar, Date.now());
      return [
        { key: sa.CampaignId, value: 'bench' },
        { key: sa.ProjectNo, value: (i % 30) + 1 },
        { key: sa.ClueStage, value: 'verifying' },
        { key: sa.UnitCode, value: plan.units[i % plan.units.length].code },
        { key: sa.Overdue, value: status.overdue },
        { key: sa.EscalationLevel, value: status.escalationLevel },
        { key: sa.NextDeadline, value: new Date(status.dueAt!) },
      ];
    };
    say(`clue input ${JSON.stringify(input(0, true)).length} bytes of JSON`);
    const variants: Record<string, (i: number, tag: string) => Promise<unknown>> = {
      'bare start': (i, tag) => s.temporal.workflow.start('bareWorkflow', { workflowId: `${tag}-${i}`, taskQueue: BARE_TASK_QUEUE, args: [{}] }),
      'bare + clue input': (i, tag) => s.temporal.workflow.start('bareWorkflow', { workflowId: `${tag}-${i}`, taskQueue: BARE_TASK_QUEUE, args: [{ payload: input(i, true) }] }),
      'bare + 7 search attributes': (i, tag) =>
        s.temporal.workflow.start('bareWorkflow', { workflowId: `${tag}-${i}`, taskQueue: BARE_TASK_QUEUE, args: [{}], typedSearchAttributes: attributes(i) }),
      'bare + conflict policies': (i, tag) =>
        s.temporal.workflow.start('bareWorkflow', {
          workflowId: `${tag}-${i}`,
          taskQueue: BARE_TASK_QUEUE,
          args: [{}],
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        }),
      'clue workflow, attributes at start': (i, tag) =>
        s.temporal.workflow.start('clueWorkflow', {
          workflowId: clueWorkflowId('bench', `${tag}-${i}`),
          taskQueue: TASK_QUEUE,
          args: [{ ...input(i, true), clueNo: `${tag}-${i}` }],
          typedSearchAttributes: attributes(i),
        }),
      'clue workflow, upsert on first task': (i, tag) =>
        s.temporal.workflow.start('clueWorkflow', {
          workflowId: clueWorkflowId('bench', `${tag}-${i}`),
          taskQueue: TASK_QUEUE,
          args: [{ ...input(i, false), clueNo: `${tag}-${i}` }],
          typedSearchAttributes: attributes(i).slice(0, 4),
        }),
    };
    const rates: Record<string, number[]> = {};
    // CPU ms per start of the dev server and of both workers, through each variant's settling pause:
    // the figure this shared machine's noise moves least.
    const serverCpu: Record<string, number[]> = {};
    const workerCpu: Record<string, number[]> = {};
    const workers = () => cpuSeconds(s.workerPids[0]) + cpuSeconds(bare.pid);
    for (const round of [1, 2]) {
      for (const [name, start] of Object.entries(variants)) {
        const tag = `r${round}-${Object.keys(variants).indexOf(name)}`;
        const c0 = { server: cpuSeconds(s.server.pid), workers: workers() };
        const t = performance.now();
        await timedPool(Array.from({ length: N }, (_, i) => i), CONCURRENCY, (i) => start(i, tag));
        const rate = N / ((performance.now() - t) / 1000);
        (rates[name] ??= []).push(rate);
        say(`round ${round} · ${name}: ${rate.toFixed(1)} starts/s`);
        // Let the workers take the first tasks before the next variant.
        await sleep(3_000 + N * 4);
        (serverCpu[name] ??= []).push(((cpuSeconds(s.server.pid) - c0.server) * 1000) / N);
        (workerCpu[name] ??= []).push(((workers() - c0.workers) * 1000) / N);
      }
    }
    const avg = (r: number[]) => (r[0] + r[1]) / 2;
    const base = avg(rates['bare start']);
    const baseServer = avg(serverCpu['bare start']);
    const rows: Row[] = Object.entries(rates).map(([name, r]) => ({
      start: name,
      'round 1 /s': Number(r[0].toFixed(1)),
      'round 2 /s': Number(r[1].toFixed(1)),
      'mean /s': Number(avg(r).toFixed(1)),
      'vs bare': Number((avg(r) / base).toFixed(2)),
      'server CPU ms/start': Number(avg(serverCpu[name]).toFixed(2)),
      'server CPU vs bare': Number((avg(serverCpu[name]) / baseServer).toFixed(2)),
      'worker CPU ms/start': Number(avg(workerCpu[name]).toFixed(2)),
    }));
    say(`wrote ${report('start-costs', { starts: N, concurrency: CONCURRENCY }, rows, [`clue input ${JSON.stringify(input(0, true)).length} bytes of JSON`, loadNote()])}`);
  } finally {
    await bare.stop();
    await s.close();
  }
}

main().catch((err) => {
  process.stderr.write(`[bench:start-costs] failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});

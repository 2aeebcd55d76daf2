/**
 * `npm run bench:import`: how long an import of N clues takes (BENCH_CLUES, default 20,000) until
 * the ledger holds them and until every workflow runs, and the memory the one-process stack needs;
 * BENCH_DB=pglite runs it on embedded PGlite. Asserts the outcome: every clue accepted, every
 * workflow running, a re-import a no-op.
 */
import { localDate } from '../domain/time';
import { demoClues, shiftedPlan } from '../db/seed/demo';
import { mb, memoryPeaks, report, sleep, startBenchStack, type BenchDatabaseKind } from './harness';

const CLUES = Number(process.env.BENCH_CLUES ?? 20_000);
const say = (line: string) => process.stdout.write(`[bench:import] ${line}\n`);

async function main(): Promise<void> {
  const s = await startBenchStack({ db: (process.env.BENCH_DB as BenchDatabaseKind) ?? 'postgres', log: say });
  try {
    say(`${CLUES} clues · Temporal CLI dev server · ${s.database.label}`);
    const plan: Record<string, any> = { ...shiftedPlan(localDate(Date.now(), 'Asia/Shanghai')), id: 'bench' };
    await s.createCampaign(plan, 100);

    const clues = demoClues(plan.units.map((u: { code: string }) => u.code), CLUES);
    const before = process.memoryUsage();
    const mem = memoryPeaks();
    const t0 = performance.now();
    const first = await s.call('POST', '/campaigns/bench/clues', { clues });
    const importMs = performance.now() - t0;
    const startedCount = async () =>
      (await s.database.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM clues WHERE campaign_id = 'bench' AND workflow_started_at IS NOT NULL`))[0].n;
    while ((await startedCount()) < CLUES) await sleep(250);
    const allStartedMs = performance.now() - t0;
    mem.stop();
    if (first.accepted !== CLUES || first.rejected.length) throw new Error(`expected ${CLUES} accepted, got ${JSON.stringify({ ...first, duplicates: first.duplicates.length })}`);

    const t1 = performance.now();
    const again = await s.call('POST', '/campaigns/bench/clues', { clues });
    const reimportMs = performance.now() - t1;
    if (again.accepted !== 0 || again.duplicates.length !== CLUES) throw new Error('re-import started something new');

    // Visibility is eventually consistent: give it a few seconds to catch up with the starts.
    let count = 0;
    for (let i = 0; i < 60 && count < CLUES; i++) {
      if (i) await sleep(500);
      count = (await s.temporal.workflow.count(`CampaignId = 'bench' AND ExecutionStatus = 'Running'`)).count;
    }
    if (count !== CLUES) throw new Error(`only ${count} of ${CLUES} workflows running`);
    report('import', { clues: CLUES, database: s.database.label }, [
      { step: 'import answered (ledger written)', seconds: importMs / 1000, note: `${first.workflowsPending} workflows still starting at the reply` },
      { step: 'every workflow started', seconds: allStartedMs / 1000, note: `${(CLUES / (allStartedMs / 1000)).toFixed(0)} clues/s end to end` },
      { step: 're-import (no-op)', seconds: reimportMs / 1000, note: `${again.duplicates.length} duplicates` },
      { step: 'memory peak (API + worker)', seconds: '', note: `rss ${mb(mem.peak.rss)} MB (before ${mb(before.rss)} MB), heap ${mb(mem.peak.heapUsed)} MB` },
    ]);
  } finally {
    await s.close();
  }
}

main().catch((err) => {
  process.stderr.write(`[bench:import] failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});

/**
 * `npm run bench:lifecycle`: actions per second and p50/p95 latency of API actions — a unit's
 * verification, then its leader's sign-off — with N live clue workflows (BENCH_CLUES, default
 * 50,000), beside bare update round trips (`executeUpdate` on a bare workflow) on the same server,
 * at the same concurrency (BENCH_ACTION_CONCURRENCY, default 8), N bare workflows live as well.
 * BENCH_ACTIONS clues (default 1,000) each get both actions. `bench:intake` runs the same
 * measurement at its end with BENCH_LIFECYCLE=1, on the workflows it started.
 */
import type { BenchStack, Row } from './harness';
import { BARE_TASK_QUEUE, benchVerification, loadNote, percentile, report, sleep, startBareWorker, startBenchStack, timedPool } from './harness';
import { bareUpdate } from './bare-workflows';
import { demoClues, shiftedPlan } from '../db/seed/demo';
import { localDate } from '../domain/time';

const say = (line: string) => process.stdout.write(`[bench:lifecycle] ${new Date().toISOString().slice(11, 19)} ${line}\n`);

const verification = benchVerification('substantiated');

export interface LifecycleContext {
  s: BenchStack;
  campaignId: string;
  /** Clues in `verifying` with their unit, to act on. */
  clues: Array<{ clueNo: string; unitCode: string }>;
  /** Ids of live bare workflows to update. */
  bareIds: string[];
  live: number;
  concurrency: number;
  log: (line: string) => void;
}

/** Rate at the given concurrency by Little's law (concurrency / mean latency), and percentiles. */
const stats = (ms: number[], concurrency: number) => ({
  perSecond: Number(((concurrency * 1000) / (ms.reduce((a, x) => a + x, 0) / ms.length)).toFixed(1)),
  p50: Math.round(percentile(ms, 50)),
  p95: Math.round(percentile(ms, 95)),
});

/** Both actions on every clue, then as many bare updates; returns the report rows. */
export async function measureLifecycle(c: LifecycleContext): Promise<{ rows: Row[]; notes: string[] }> {
  const { s, campaignId } = c;
  const tokens = new Map<string, { officer: string; leader: string }>();
  for (const unit of new Set(c.clues.map((x) => x.unitCode))) {
    const officer = (await s.call('POST', '/tokens', { role: 'unit_officer', unitCode: unit, name: `核查员-${unit}` })).token;
    const leader = (await s.call('POST', '/tokens', { role: 'unit_leader', unitCode: unit, name: `领导-${unit}` })).token;
    tokens.set(unit, { officer, leader });
  }
  let pending = 0;
  const act = async (clueNo: string, action: string, body: unknown, token: string) => {
    const res = await fetch(`${s.api}/clues/${clueNo}/${action}?campaignId=${campaignId}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status === 202) pending++;
    else if (!res.ok) throw new Error(`${action} ${clueNo} → ${res.status} ${text.slice(0, 300)}`);
  };
  // Interleaved: each slot of the pool times an API action, then a bare update, so both meet the
  // same moment of this shared machine's load (sequential phases measured the neighbours' load as much as ours).
  c.log(`${c.clues.length} verifications then sign-offs, each followed by a bare update, at concurrency ${c.concurrency}; ${c.live} live workflows`);
  const verify: number[] = [];
  const signoff: number[] = [];
  const bareDuringVerify: number[] = [];
  const bareDuringSignoff: number[] = [];
  const timed = async (into: number[], work: () => Promise<unknown>) => {
    const t0 = performance.now();
    await work();
    into.push(performance.now() - t0);
  };
  let b = 0;
  const bareOnce = (into: number[]) => timed(into, () => s.temporal.workflow.getHandle(c.bareIds[b++ % c.bareIds.length]).executeUpdate(bareUpdate, { args: [verification] }));
  let t = performance.now();
  await timedPool(c.clues, c.concurrency, async (x) => {
    await timed(verify, () => act(x.clueNo, 'verification', verification, tokens.get(x.unitCode)!.officer));
    await bareOnce(bareDuringVerify);
  });
  await timedPool(c.clues, c.concurrency, async (x) => {
    await timed(signoff, () => act(x.clueNo, 'signoff', { approve: true }, tokens.get(x.unitCode)!.leader));
    await bareOnce(bareDuringSignoff);
  });
  const wallS = (performance.now() - t) / 1000;
  t = 0;

  // Nothing lost, nothing doubled: two events per clue acted on, each action once.
  const [ledger] = await s.database.db.query<{ events: number; dup: number; classifying: number }>(
    `SELECT (SELECT count(*)::int FROM clue_events WHERE campaign_id = $1 AND action IN ('verification_submitted', 'signoff_approved')) AS events,
            (SELECT count(*)::int FROM (SELECT 1 FROM clue_events WHERE campaign_id = $1 GROUP BY clue_no, action HAVING count(*) > 1) d) AS dup,
            (SELECT count(*)::int FROM clues WHERE campaign_id = $1 AND stage = 'classifying') AS classifying`,
    [campaignId],
  );
  const v = stats(verify, c.concurrency);
  const so = stats(signoff, c.concurrency);
  const all = stats([...verify, ...signoff], c.concurrency);
  // Each action against the bare updates of its own phase (the machine's load moves between phases).
  const bv = stats(bareDuringVerify, c.concurrency);
  const bs = stats(bareDuringSignoff, c.concurrency);
  const bb = stats([...bareDuringVerify, ...bareDuringSignoff], c.concurrency);
  const rows: Row[] = [
    { what: 'API verification', 'actions/s': v.perSecond, 'p50 ms': v.p50, 'p95 ms': v.p95, 'p50 / bare': Number((v.p50 / bv.p50).toFixed(2)), 'p95 / bare': Number((v.p95 / bv.p95).toFixed(2)) },
    { what: 'API sign-off', 'actions/s': so.perSecond, 'p50 ms': so.p50, 'p95 ms': so.p95, 'p50 / bare': Number((so.p50 / bs.p50).toFixed(2)), 'p95 / bare': Number((so.p95 / bs.p95).toFixed(2)) },
    { what: 'API both', 'actions/s': all.perSecond, 'p50 ms': all.p50, 'p95 ms': all.p95, 'p50 / bare': Number((all.p50 / bb.p50).toFixed(2)), 'p95 / bare': Number((all.p95 / bb.p95).toFixed(2)) },
    { what: 'bare update (verification phase)', 'actions/s': bv.perSecond, 'p50 ms': bv.p50, 'p95 ms': bv.p95, 'p50 / bare': 1, 'p95 / bare': 1 },
    { what: 'bare update (sign-off phase)', 'actions/s': bs.perSecond, 'p50 ms': bs.p50, 'p95 ms': bs.p95, 'p50 / bare': 1, 'p95 / bare': 1 },
    { what: 'bare executeUpdate (both)', 'actions/s': bb.perSecond, 'p50 ms': bb.p50, 'p95 ms': bb.p95, 'p50 / bare': 1, 'p95 / bare': 1 },
  ];
  const notes = [
    `${c.live} live clue workflows (and as many bare ones); concurrency ${c.concurrency}, API actions and bare updates interleaved in each slot; actions/s = concurrency / mean latency; ${(wallS).toFixed(1)} s in all`,
    `ledger: ${ledger.events} action events for ${c.clues.length * 2} actions, ${ledger.dup} doubled, ${ledger.classifying} clues in classifying; ${pending} answers were 202 (still pending)`,
  ];
  if (ledger.events !== c.clues.length * 2 || ledger.dup !== 0) throw new Error(`ledger mismatch: ${notes[1]}`);
  return { rows, notes };
}

async function main(): Promise<void> {
  const live = Number(process.env.BENCH_CLUES ?? 50_000);
  const actions = Math.min(live, Number(process.env.BENCH_ACTIONS ?? 1_000));
  const concurrency = Number(process.env.BENCH_ACTION_CONCURRENCY ?? 8);
  const s = await startBenchStack({ db: 'postgres', workerProcesses: 1, log: say });
  const bareWorker = await startBareWorker(s.server.address, say);
  try {
    const plan: Record<string, any> = { ...shiftedPlan(localDate(Date.now(), 'Asia/Shanghai')), id: 'bench' };
    await s.createCampaign(plan);
    const clues = demoClues(plan.units.map((u: { code: string }) => u.code), live);
    say(`starting ${live} bare workflows and importing ${live} clues`);
    const bareIds = clues.map((_, i) => `bare-life-${i}`);
    await timedPool(bareIds, 32, (id) => s.temporal.workflow.start('bareWorkflow', { workflowId: id, taskQueue: BARE_TASK_QUEUE, args: [{}] }));
    await s.call('POST', '/campaigns/bench/clues', { clues });
    for (;;) {
      const [{ n }] = await s.database.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM clues WHERE campaign_id = 'bench' AND workflow_started_at IS NOT NULL`);
      if (n >= live) break;
      await sleep(1000);
    }
    await sleep(5_000);
    const targets = clues.filter((c) => c.unitCode).slice(0, actions) as Array<{ clueNo: string; unitCode: string }>;
    const { rows, notes } = await measureLifecycle({ s, campaignId: 'bench', clues: targets, bareIds, live, concurrency, log: say });
    const file = report('lifecycle', { liveWorkflows: live, actions: targets.length * 2, concurrency, database: s.database.label }, rows, [
      ...notes,
      loadNote(),
    ]);
    say(`wrote ${file}`);
  } finally {
    await bareWorker.stop();
    await s.close();
  }
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`[bench:lifecycle] failed: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  });
}

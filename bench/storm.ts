/**
 * `npm run bench:storm`: N open clues (BENCH_CLUES, default 50,000) whose verification deadline
 * passes at the same instant, a few minutes after their import — the campaign is dated in a time
 * zone whose next midnight is that far away (a deadline date is missed from 00:00 of the next day
 * in the campaign's zone, domain/time.ts dueInstant), on the real clock of a real dev server.
 * Measured: from that instant until every clue shows overdue at escalation level 1 in the ledger;
 * then the first digest run after it (POST /digests/run) until its mail is composed for every unit.
 * Beside it: N bare workflows whose timers fire at one instant, on the same server, timed until
 * every one has completed. Nothing lost, nothing doubled: ledger rows, 'escalated' events and
 * digest mail are counted.
 */
import { withDemoContacts, demoClues, shiftedPlan } from '../db/seed/demo';
import { dueInstant, localDate } from '../domain/time';
import { BARE_TASK_QUEUE, cpuSeconds, loadNote, processRss, mb, report, sleep, startBareWorker, startBenchStack, timedPool } from './harness';

const CLUES = Number(process.env.BENCH_CLUES ?? 50_000);
const say = (line: string) => process.stdout.write(`[bench:storm] ${new Date().toISOString().slice(11, 19)} ${line}\n`);

/** Zones with whole-, half- and quarter-hour offsets: one of them reaches midnight every 15–60 minutes. */
const ZONES = [
  ...Array.from({ length: 27 }, (_, i) => i - 14).map((h) => (h === 0 ? 'Etc/UTC' : `Etc/GMT${h > 0 ? '+' : '-'}${Math.abs(h)}`)),
  'Pacific/Chatham', 'Pacific/Marquesas', 'Asia/Kathmandu', 'Asia/Kolkata', 'Australia/Eucla', 'Australia/Adelaide', 'Australia/Darwin',
  'Asia/Tehran', 'Asia/Kabul', 'Asia/Yangon', 'America/St_Johns', 'Asia/Colombo', 'Australia/Lord_Howe',
];

/** The zone whose next local midnight comes soonest after `leadMs` from now. */
function nextMidnight(leadMs: number): { zone: string; today: string; dueAt: number } {
  const now = Date.now();
  const options = ZONES.map((zone) => {
    const today = localDate(now, zone);
    return { zone, today, dueAt: dueInstant(today, zone) };
  }).filter((o) => o.dueAt - now >= leadMs);
  return options.sort((a, b) => a.dueAt - b.dueAt)[0];
}

async function main(): Promise<void> {
  // Time the import and starts need before the instant: measured at ~40–80 starts/s on this machine.
  const leadMs = Number(process.env.BENCH_STORM_LEAD_S ?? Math.max(180, 60 + CLUES / 25)) * 1000;
  const target = nextMidnight(leadMs);
  say(`${CLUES} clues; deadline passes at ${new Date(target.dueAt).toISOString()} (00:00 in ${target.zone}), ${Math.round((target.dueAt - Date.now()) / 1000)} s from now`);
  const s = await startBenchStack({ db: 'postgres', workerProcesses: 1, log: say });
  const bare = await startBareWorker(s.server.address, say);
  try {
    const base = shiftedPlan(target.today);
    const plan: Record<string, any> = withDemoContacts({
      ...base,
      id: 'storm',
      timezone: target.zone,
      // Every clue, dispatched or waiting for dispatch, is due today in that zone.
      deadlines: { ...base.deadlines, mobilization: target.today, verification: target.today },
    });
    await s.createCampaign(plan);
    const clues = demoClues(plan.units.map((u: { code: string }) => u.code), CLUES);
    await s.call('POST', '/campaigns/storm/clues', { clues });
    const started = async () =>
      (await s.database.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM clues WHERE campaign_id = 'storm' AND workflow_started_at IS NOT NULL`))[0].n;
    for (let n = 0; (n = await started()) < CLUES; await sleep(2000)) {
      if (Date.now() > target.dueAt - 20_000) throw new Error(`only ${n} of ${CLUES} clues started before the deadline: raise BENCH_STORM_LEAD_S`);
    }
    say(`all ${CLUES} started; ${Math.round((target.dueAt - Date.now()) / 1000)} s to the deadline`);
    await sleep(Math.max(0, target.dueAt - Date.now()));

    // —— clueflow: every clue overdue at level 1 in the ledger ——
    const cpu0 = { server: cpuSeconds(s.server.pid), worker: cpuSeconds(s.workerPids[0]) };
    let rssPeak = 0;
    const overdue = async () =>
      (await s.database.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM clues WHERE campaign_id = 'storm' AND overdue AND escalation_level >= 1`))[0].n;
    let lastLog = 0;
    let firstAllMs = 0;
    // Where the ledger writes wait: sessions of this database blocked on the audit chain's advisory lock.
    const dbName = new URL(s.database.url!).pathname.slice(1);
    const lockWaits: number[] = [];
    for (;;) {
      rssPeak = Math.max(rssPeak, processRss(s.workerPids[0]));
      const [w] = await s.database.db.query<{ advisory: number; active: number }>(
        `SELECT count(*) FILTER (WHERE wait_event = 'advisory')::int AS advisory, count(*) FILTER (WHERE state = 'active')::int AS active
           FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
        [dbName],
      );
      lockWaits.push(w.advisory);
      const n = await overdue();
      if (n >= CLUES) {
        firstAllMs = Date.now() - target.dueAt;
        break;
      }
      if (Date.now() - lastLog > 10_000) {
        say(`${n} / ${CLUES} overdue`);
        lastLog = Date.now();
      }
      await sleep(500);
    }
    const stormCpu = { server: cpuSeconds(s.server.pid) - cpu0.server, worker: cpuSeconds(s.workerPids[0]) - cpu0.worker };
    say(`all overdue ${(firstAllMs / 1000).toFixed(1)} s after the deadline`);
    const waitNote = `ledger sessions waiting on the audit chain's advisory lock, sampled every ~0.5 s during the storm: mean ${(lockWaits.reduce((a, x) => a + x, 0) / Math.max(1, lockWaits.length)).toFixed(1)}, max ${Math.max(0, ...lockWaits)} (of the worker's pool of 10)`;
    say(waitNote);

    // —— the first digest run after it ——
    const today = localDate(Date.now(), target.zone);
    const tDigest = Date.now();
    await s.call('POST', '/campaigns/storm/digests/run');
    let summary: { digests?: number; escalations?: number } = {};
    for (;;) {
      const [row] = await s.database.db.query<{ summary: typeof summary }>(`SELECT summary FROM digest_runs WHERE campaign_id = 'storm' AND run_date = $1`, [today]);
      if (row && row.summary.digests !== undefined) {
        summary = row.summary;
        break;
      }
      if (Date.now() - tDigest > 30 * 60_000) throw new Error('no digest run within 30 minutes');
      await sleep(500);
    }
    const digestMs = Date.now() - tDigest;
    const [counts] = await s.database.db.query<{ rows: number; escalated: number; doubled: number; digestUnits: number; clueUnits: number; digests: number; escalationMails: number; dupMail: number }>(
      `SELECT (SELECT count(*)::int FROM clues WHERE campaign_id = 'storm') AS rows,
              (SELECT count(*)::int FROM clue_events WHERE campaign_id = 'storm' AND action = 'escalated') AS escalated,
              (SELECT count(*)::int FROM (SELECT 1 FROM clue_events WHERE campaign_id = 'storm' AND action = 'escalated' GROUP BY clue_no, detail->>'level' HAVING count(*) > 1) d) AS doubled,
              (SELECT count(DISTINCT unit_code)::int FROM mail_outbox WHERE campaign_id = 'storm' AND kind = 'digest' AND run_date = $1) AS "digestUnits",
              (SELECT count(DISTINCT unit_code)::int FROM clues WHERE campaign_id = 'storm' AND unit_code IS NOT NULL) AS "clueUnits",
              (SELECT count(*)::int FROM mail_outbox WHERE campaign_id = 'storm' AND kind = 'digest' AND run_date = $1) AS digests,
              (SELECT count(*)::int FROM mail_outbox WHERE campaign_id = 'storm' AND kind = 'escalation' AND run_date = $1) AS "escalationMails",
              (SELECT count(*)::int FROM (SELECT 1 FROM mail_outbox WHERE campaign_id = 'storm' GROUP BY idempotency_key HAVING count(*) > 1) d) AS "dupMail"`,
      [today],
    );
    say(`digest run composed in ${(digestMs / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);

    // —— the bare engine: N timers firing at one instant, with the N clue workflows still live ——
    const tStart = Date.now();
    const fireAt = tStart + 60_000 + CLUES * 25; // ~40 starts/s on this machine, with room
    await timedPool(Array.from({ length: CLUES }, (_, i) => i), 32, (i) =>
      s.temporal.workflow.start('bareTimerWorkflow', { workflowId: `bare-storm-${i}`, taskQueue: BARE_TASK_QUEUE, args: [{ at: fireAt }] }),
    );
    if (Date.now() > fireAt - 5_000) throw new Error('bare timers were not all started before their instant');
    say(`bare: ${CLUES} timers set for ${new Date(fireAt).toISOString()}`);
    await sleep(fireAt - Date.now());
    const bareCpu0 = { server: cpuSeconds(s.server.pid), worker: cpuSeconds(bare.pid) };
    let bareMs = 0;
    for (;;) {
      const { count } = await s.temporal.workflow.count(`WorkflowType = 'bareTimerWorkflow' AND ExecutionStatus = 'Running'`);
      if (count === 0) {
        bareMs = Date.now() - fireAt;
        break;
      }
      await sleep(500);
    }
    const bareCpu = { server: cpuSeconds(s.server.pid) - bareCpu0.server, worker: cpuSeconds(bare.pid) - bareCpu0.worker };
    const { count: completed } = await s.temporal.workflow.count(`WorkflowType = 'bareTimerWorkflow' AND ExecutionStatus = 'Completed'`);
    say(`bare: all ${completed} fired and completed ${(bareMs / 1000).toFixed(1)} s after their instant`);

    const ok = counts.rows === CLUES && counts.escalated === CLUES && counts.doubled === 0 && counts.dupMail === 0 && counts.digestUnits >= counts.clueUnits;
    const file = report(
      'storm',
      { clues: CLUES, zone: target.zone, deadline: new Date(target.dueAt).toISOString(), database: s.database.label },
      [
        { figure: 'deadline → every clue overdue (s)', clueflow: Number((firstAllMs / 1000).toFixed(1)), bare: Number((bareMs / 1000).toFixed(1)), ratio: Number((firstAllMs / bareMs).toFixed(2)), note: `bare: ${CLUES} timers firing at one instant until every workflow completed` },
        { figure: 'clues (timers) per second', clueflow: Number((CLUES / (firstAllMs / 1000)).toFixed(1)), bare: Number((CLUES / (bareMs / 1000)).toFixed(1)), ratio: Number((bareMs / firstAllMs).toFixed(2)), note: '' },
        { figure: 'CPU s: dev server', clueflow: Number(stormCpu.server.toFixed(1)), bare: Number(bareCpu.server.toFixed(1)), ratio: Number((stormCpu.server / bareCpu.server).toFixed(2)), note: 'during each storm' },
        { figure: 'CPU s: worker', clueflow: Number(stormCpu.worker.toFixed(1)), bare: Number(bareCpu.worker.toFixed(1)), ratio: Number((stormCpu.worker / bareCpu.worker).toFixed(2)), note: `clueflow worker RSS peak ${mb(rssPeak)} MB` },
        { figure: 'first digest run after (s)', clueflow: Number((digestMs / 1000).toFixed(1)), bare: '', ratio: '', note: `${counts.digests} unit digests (${counts.digestUnits} units, ${counts.clueUnits} with clues), ${counts.escalationMails} escalation mails; summary ${JSON.stringify(summary)}` },
        { figure: 'nothing lost, nothing doubled', clueflow: ok ? 'yes' : 'NO', bare: completed, ratio: '', note: `${counts.rows} ledger rows, ${counts.escalated} 'escalated' events, ${counts.doubled} doubled, ${counts.dupMail} duplicate mail keys` },
      ],
      [waitNote, loadNote()],
    );
    say(`wrote ${file}`);
    if (!ok) throw new Error(`storm outcome wrong: ${JSON.stringify(counts)}`);
  } finally {
    await bare.stop();
    await s.close();
  }
}

main().catch((err) => {
  process.stderr.write(`[bench:storm] failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});

/**
 * `npm run bench:dashboard`: how the dashboard's reads hold as the ledger grows — p50/p95 of GET
 * /campaigns/:id/stats, /overview, /units and filtered GET /clues pages, as the coordinator and as a
 * unit officer, at BENCH_ROWS ledger rows (default 50,000 and 500,000, each its own campaign in the
 * same database, generated straight into PostgreSQL: see ledger-rows.ts), and the ledger export
 * (CSV and Excel) streamed to the end. Beside it, in the same run and on the same dev server, the
 * bare engine: Temporal visibility counts (client.workflow.count) for the same filters over
 * BENCH_VISIBILITY workflows (default 50,000) that carry the clue workflows' search attributes.
 * BENCH_REPS=0 measures only the exports (run it with node --max-old-space-size=… to show they stream).
 */
import * as os from 'node:os';
import { calendarOf } from '../domain/calendar';
import { localDate } from '../domain/time';
import { shiftedPlan } from '../db/seed/demo';
import { searchAttributes as sa } from '../temporal.config';
import { generateLedgerRows } from './ledger-rows';
import { BENCH_ADMIN, mb, memoryPeaks, percentile, report, sleep, startBenchStack, timedPool, type BenchStack, type Row } from './harness';

const SIZES = (process.env.BENCH_ROWS ?? '50000,500000').split(',').map(Number);
const VISIBILITY = Number(process.env.BENCH_VISIBILITY ?? 50_000);
const REPS = Number(process.env.BENCH_REPS ?? 40);
const EXPORTS = process.env.BENCH_EXPORT !== '0';
const say = (line: string) => process.stdout.write(`[bench:dashboard] ${line}\n`);

interface Probe {
  name: string;
  url: string;
  /** The same filter as a visibility query, where the engine has one. */
  visibility?: string;
}

function probes(campaign: string, unit: string, asUnit: boolean): Probe[] {
  const c = `campaignId=${campaign}`;
  const vis = (extra: string) => `CampaignId = '${campaign}'${asUnit ? ` AND UnitCode = '${unit}'` : ''}${extra}`;
  return [
    { name: 'stats', url: `/campaigns/${campaign}/stats` },
    { name: 'overview', url: `/campaigns/${campaign}/overview` },
    { name: 'units', url: `/campaigns/${campaign}/units` },
    { name: 'clues page 1', url: `/clues?${c}`, visibility: vis('') },
    ...(asUnit ? [] : [{ name: 'clues unit', url: `/clues?${c}&unitCode=${unit}`, visibility: vis(` AND UnitCode = '${unit}'`) }]),
    { name: 'clues stage=verifying', url: `/clues?${c}&stage=verifying`, visibility: vis(` AND ClueStage = 'verifying'`) },
    { name: 'clues overdue, by deadline', url: `/clues?${c}&overdue=true&sort=deadline`, visibility: vis(` AND Overdue = true`) },
    { name: 'clues escalation 3', url: `/clues?${c}&escalationLevel=3`, visibility: vis(` AND EscalationLevel = 3`) },
    { name: 'clues project 4 + stage', url: `/clues?${c}&projectNo=4&stage=awaiting_signoff`, visibility: vis(` AND ProjectNo = 4 AND ClueStage = 'awaiting_signoff'`) },
    { name: 'clues department edu', url: `/clues?${c}&department=edu` },
    { name: 'clues text 王某', url: `/clues?${c}&q=${encodeURIComponent('王某')}` },
    { name: 'clues sort -deadline', url: `/clues?${c}&sort=-deadline` },
    { name: 'clues deep page 200', url: `/clues?${c}&page=200` },
    { name: 'clues verifying p100 by deadline', url: `/clues?${c}&stage=verifying&sort=deadline&page=100` },
  ];
}

async function timed(reps: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 2; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

async function get(s: BenchStack, url: string, token: string): Promise<unknown> {
  const res = await fetch(`${s.api}${url}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await res.text();
  if (!res.ok) throw new Error(`GET ${url} → ${res.status} ${body.slice(0, 300)}`);
  return JSON.parse(body);
}

/** The export streamed to the end: seconds, bytes, and this process's RSS peak (the API is in-process). */
async function exportLedger(s: BenchStack, campaign: string, ext: 'csv' | 'xlsx', token: string) {
  const before = process.memoryUsage().rss;
  const mem = memoryPeaks();
  const t0 = performance.now();
  const res = await fetch(`${s.api}/campaigns/${campaign}/ledger.${ext}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok || !res.body) throw new Error(`ledger.${ext} → ${res.status}`);
  let bytes = 0;
  let firstByteMs = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    if (!bytes) firstByteMs = performance.now() - t0;
    bytes += chunk.byteLength;
  }
  const seconds = (performance.now() - t0) / 1000;
  mem.stop();
  return { seconds, firstByteMs, bytes, rssBefore: mb(before), rssPeak: mb(mem.peak.rss), heapPeak: mb(mem.peak.heapUsed) };
}

async function startVisibilityWorkflows(s: BenchStack, campaign: string, n: number): Promise<number> {
  const rows = await s.database.db.query<{ clue_no: string; unit_code: string | null; stage: string; project_no: number; overdue: boolean; escalation_level: number; next_deadline: Date | null }>(
    `SELECT clue_no, unit_code, stage, project_no, overdue, escalation_level, next_deadline FROM clues WHERE campaign_id = $1 ORDER BY clue_no LIMIT $2`,
    [campaign, n],
  );
  const t0 = performance.now();
  // No worker polls this task queue: the workflows stay Running with the search attributes they started with.
  await timedPool(rows, 32, (r) =>
    s.temporal.workflow.start('dashboardBareWorkflow', {
      workflowId: `bare-${campaign}-${r.clue_no}`,
      taskQueue: 'bench-dashboard-no-worker',
      args: [],
      workflowIdConflictPolicy: 'USE_EXISTING',
      typedSearchAttributes: [
        { key: sa.CampaignId, value: campaign },
        { key: sa.ProjectNo, value: r.project_no },
        { key: sa.ClueStage, value: r.stage },
        { key: sa.UnitCode, value: r.unit_code ?? '' },
        { key: sa.Overdue, value: r.overdue },
        { key: sa.EscalationLevel, value: r.escalation_level },
        ...(r.next_deadline ? [{ key: sa.NextDeadline, value: r.next_deadline }] : []),
      ],
    }),
  );
  const startSeconds = (performance.now() - t0) / 1000;
  for (let i = 0; i < 240; i++) {
    if ((await s.temporal.workflow.count(`CampaignId = '${campaign}'`)).count >= rows.length) break;
    await sleep(500);
  }
  say(`${rows.length} bare workflows started in ${startSeconds.toFixed(1)} s (${(rows.length / startSeconds).toFixed(0)}/s)`);
  return rows.length;
}

async function main(): Promise<void> {
  const s = await startBenchStack({ db: 'postgres', log: say });
  const rows: Row[] = [];
  const notes: string[] = [];
  try {
    const today = localDate(Date.now(), 'Asia/Shanghai');
    for (const [index, size] of SIZES.entries()) {
      const campaign = `dash-${size >= 1000 ? `${size / 1000}k` : size}`;
      const plan: Record<string, any> = { ...shiftedPlan(today), id: campaign };
      await s.createCampaign(plan, 100);
      const units: string[] = plan.units.map((u: { code: string }) => u.code);
      const { dueAt } = calendarOf({ deadlines: plan.deadlines, timezone: plan.timezone, escalationAfterDays: [], calendarVersion: 1 });
      const t0 = performance.now();
      await generateLedgerRows(s.database.db, campaign, `D${index}`, size, units, dueAt);
      say(`${size} ledger rows generated into ${campaign} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      const [{ table }] = await s.database.db.query(`SELECT pg_size_pretty(pg_total_relation_size('clues')) AS table`);
      notes.push(`${campaign}: ${size} rows; clues table (all campaigns, with indexes) ${table}`);

      const unit = units[0];
      const officer = (await s.call('POST', '/tokens', { role: 'unit_officer', unitCode: unit, name: `${unit} 核查组` })).token as string;
      const visible = index === 0 && VISIBILITY > 0 ? await startVisibilityWorkflows(s, campaign, Math.min(VISIBILITY, size)) : 0;
      if (visible) notes.push(`visibility counts run over ${visible} bare workflows of ${campaign} (no worker; same search attributes as its ledger rows); ${SIZES.length > 1 ? 'the larger sizes have none — starting 500,000 workflows at ~100-150/s would take an hour on this machine' : ''}`);

      for (const [who, token] of REPS === 0 ? [] : [
        ['coordinator', undefined],
        [`unit_officer ${unit}`, officer],
      ] as const) {
        for (const p of probes(campaign, unit, who !== 'coordinator')) {
          let total: unknown = '';
          const samples = await timed(REPS, async () => {
            const body = (await get(s, p.url, token ?? BENCH_ADMIN)) as { total?: number };
            total = body.total ?? '';
          });
          const row: Row = { rows: size, as: who, endpoint: p.name, p50_ms: percentile(samples, 50), p95_ms: percentile(samples, 95), max_ms: Math.max(...samples), total: total as number };
          if (p.visibility && visible) {
            let count = 0;
            const vs = await timed(REPS, async () => {
              count = (await s.temporal.workflow.count(p.visibility!)).count;
            });
            Object.assign(row, { vis_p50_ms: percentile(vs, 50), vis_p95_ms: percentile(vs, 95), vis_count: count });
          }
          rows.push(row);
          say(JSON.stringify(row));
        }
      }
      if (EXPORTS) {
        for (const ext of ['csv', 'xlsx'] as const) {
          const e = await exportLedger(s, campaign, ext, BENCH_ADMIN);
          rows.push({ rows: size, as: 'coordinator', endpoint: `ledger.${ext} export`, p50_ms: e.seconds * 1000, p95_ms: '', max_ms: '', total: size, note: `${mb(e.bytes)} MB in ${e.seconds.toFixed(1)} s, first byte ${e.firstByteMs.toFixed(0)} ms, RSS ${e.rssBefore}→${e.rssPeak} MB, heap peak ${e.heapPeak} MB${process.execArgv.length ? ` (${process.execArgv.join(' ')})` : ''}` });
          say(JSON.stringify(rows[rows.length - 1]));
        }
      }
    }
    notes.push(`${REPS} sequential requests per figure after 2 warm-ups, through HTTP on loopback; API, worker and the dev server in one stack, PostgreSQL ${s.database.label}`);
    notes.push(`load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} (2 cores, shared)`);
    report('dashboard', { sizes: SIZES, visibility: VISIBILITY, reps: REPS, database: s.database.label }, rows, notes);
  } finally {
    await s.close();
  }
}

main().catch((err) => {
  process.stderr.write(`[bench:dashboard] failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});

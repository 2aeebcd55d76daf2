/**
 * Plays a whole campaign through the HTTP API, every role with a token of its own: the task force
 * imports and dispatches, units verify (some with a team the plan forbids, which must be refused) and
 * their leaders sign off or send back, the re-check group draws and re-checks, the task force
 * classifies, units rectify, discipline records referral outcomes, departments build rules,
 * inspectors file notices, discipline answers accountability items, leaders sign their special
 * reports. Phases follow the campaign: import → verification → re-check draw → re-check and disposal
 * → oversight and reports; each clue's next action comes from journey.ts.
 */
import { localDate } from '../../domain/time';
import { shiftedPlan, withDemoContacts } from '../../db/seed/demo';
import type { Stage } from '../../domain/vocabulary';
import { ApiError, SimClient, type Tally, type Unavailable, type Unexpected } from './client';
import { generateClue, type SimClue } from './clues';
import { expectedFinalStage, freshProgress, nextStep, planClue, type ActionPath, type Actor, type ClueNow, type CluePlan, type Progress, type Shares } from './journey';
import { Progress as Bar } from './progress';
import { Rng } from './rng';

export interface SimOptions {
  /** The API's base, e.g. http://localhost:3000/api/v1. */
  api: string;
  /** A coordinator token (the admin token). */
  token: string;
  clues: number;
  /** Campaign id: created (the plan shifted so today is early in it) unless it exists. */
  campaignId?: string;
  seed: number;
  concurrency: number;
  /** Clues per import request. */
  batch: number;
  shares: Shares;
  log: (line: string) => void;
  /** Progress bar on stderr. */
  progress: boolean;
  /** How long a call keeps retrying a dependency that is down (ms). */
  patienceMs?: number;
  /** Called between phases (the drill injects faults on its own clock; this lets it know where the run is). */
  onPhase?: (phase: string) => void;
}

export interface SimResult {
  campaignId: string;
  /** Clues sent and accepted (or already there from an earlier run with the same seed). */
  accepted: string[];
  duplicates: number;
  rejected: number;
  plans: CluePlan[];
  /** Final stage of each clue as the API shows it at the end, by clue number. */
  finalStage: Map<string, Stage>;
  /** Clues not where their plan ends. */
  misplaced: Array<{ clueNo: string; expected: Stage; actual: Stage | 'missing' }>;
  tallies: Map<string, Tally>;
  unexpected: Unexpected[];
  unavailable: Unavailable[];
  phases: Array<{ phase: string; seconds: number }>;
  slowestMs: number;
  /** Clues whose journey stopped on an error it could not get past. */
  stuck: Array<{ clueNo: string; error: string }>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `task` over `items` with at most `concurrency` in flight. */
async function pool<T>(items: T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) await task(items[next++]);
    }),
  );
}

interface Journey {
  plan: CluePlan;
  now: ClueNow;
  done: Progress;
  waiting: boolean;
  finished: boolean;
}

export async function simulateCampaign(o: SimOptions): Promise<SimResult> {
  const client = new SimClient(o.api, 60_000, o.patienceMs);
  const admin = o.token;
  const phases: SimResult['phases'] = [];
  let phaseStart = performance.now();
  const phase = (name: string) => {
    phases.push({ phase: name, seconds: (performance.now() - phaseStart) / 1000 });
    phaseStart = performance.now();
  };
  const enter = (name: string) => {
    o.log(name);
    o.onPhase?.(name);
  };
  const stuck: SimResult['stuck'] = [];

  // —— The campaign and the people ——
  enter('campaign and tokens');
  const campaignId = o.campaignId ?? `sim-${o.seed}`;
  const existing = await client.call('GET campaign', 'GET', `/campaigns/${campaignId}`, admin, undefined, { tolerate: (s) => s === 404 });
  if (existing.status === 404) {
    const today = localDate(Date.now(), 'Asia/Shanghai');
    const plan = withDemoContacts(shiftedPlan(today));
    await client.call('create campaign', 'POST', '/campaigns', admin, { ...plan, id: campaignId, title: `${plan.title.replace(/（演示）$/, '')}（模拟 ${o.seed}）` });
  }
  let campaign = (await client.call('GET campaign', 'GET', `/campaigns/${campaignId}`, admin)).body;
  for (let i = 0; i < 200 && campaign.status !== 'active'; i++) {
    await sleep(250);
    campaign = (await client.call('GET campaign', 'GET', `/campaigns/${campaignId}`, admin)).body;
  }
  const units: string[] = campaign.units.map((u: { code: string }) => u.code);
  const deptOf = new Map<number, string>(campaign.projects.map((p: { no: number; department: string }) => [p.no, p.department]));
  const departmentOf = (projectNo: number) => deptOf.get(projectNo) ?? campaign.departments[0].code;
  const ctx = { units, departmentOf };

  const tokens = new Map<string, string>();
  const tokenFor = async (a: Actor | { role: 'system' | 'inspector' }): Promise<string> => {
    if (a.role === 'coordinator') return admin;
    const key = 'unitCode' in a ? `${a.role}:${a.unitCode}` : a.role;
    let t = tokens.get(key);
    if (!t) {
      const body = { role: a.role, ...('unitCode' in a ? { unitCode: a.unitCode } : {}), name: `模拟-${key}` };
      t = (await client.call('create token', 'POST', '/tokens', admin, body)).body.token as string;
      tokens.set(key, t);
    }
    return t;
  };
  phase('campaign and tokens');

  // —— Import ——
  enter(`import ${o.clues} clues`);
  const rng = new Rng(o.seed);
  const today = localDate(Date.now(), campaign.timezone);
  const issuedDays = Math.max(1, Math.min(7, Math.round((Date.parse(today) - Date.parse(campaign.window.start)) / 86_400_000) + 1));
  const gen = { campaignId: `${campaignId}-s${o.seed}`, count: o.clues, units, departmentOf, undispatchedShare: o.shares.undispatched, departmentShare: o.shares.department, startDate: campaign.window.start, issuedDays };
  const clues: SimClue[] = Array.from({ length: o.clues }, (_, i) => generateClue(rng, i, gen));
  const planRng = new Rng(o.seed ^ 0x5bd1e995);
  const plans = clues.map((c, i) => planClue(planRng.fork(i), c, o.shares, ctx));
  const system = await tokenFor({ role: 'system' });
  const accepted: string[] = [];
  let duplicates = 0;
  let rejected = 0;
  const bar = new Bar('import', o.clues, o.progress);
  const batches = Array.from({ length: Math.ceil(clues.length / o.batch) }, (_, i) => clues.slice(i * o.batch, (i + 1) * o.batch));
  await pool(batches, Math.max(1, Math.min(4, Math.floor(o.concurrency / 8))), async (batch) => {
    const r = await client.call('import', 'POST', `/campaigns/${campaignId}/clues`, system, { clues: batch });
    const refused = new Set<string>([...r.body.duplicates, ...r.body.rejected.map((x: { clueNo?: string }) => x.clueNo)]);
    accepted.push(...batch.filter((c) => !refused.has(c.clueNo)).map((c) => c.clueNo));
    duplicates += r.body.duplicates.length;
    rejected += r.body.rejected.length;
    for (const x of r.body.rejected) o.log(`rejected row: ${JSON.stringify(x)}`);
    bar.add(batch.length);
  });
  bar.end();
  phase('import');

  // —— Every clue's journey, up to where it waits for the re-check draw or ends ——
  const journeys: Journey[] = plans.map((plan, i) => ({
    plan,
    now: { stage: clues[i].unitCode ? 'verifying' : 'received', unitCode: clues[i].unitCode ?? null, dispositions: [], completedDispositions: [] },
    done: freshProgress(),
    waiting: false,
    finished: false,
  }));
  if (duplicates > 0) {
    // An earlier run with the same seed imported these: start from where each one is now.
    for (const j of journeys) j.now = await readClue(client, campaignId, j.plan.clueNo, admin);
  }

  const play = async (j: Journey, b: Bar) => {
    let surprises = 0;
    try {
      for (let steps = 0; steps < 40; steps++) {
        const step = nextStep(j.plan, j.now, j.done, ctx);
        if (step.kind === 'done') {
          j.finished = true;
          break;
        }
        if (step.kind === 'wait') {
          j.waiting = true;
          break;
        }
        const url = `/clues/${encodeURIComponent(j.plan.clueNo)}/${step.path}?campaignId=${encodeURIComponent(campaignId)}`;
        const sentAt = Date.now();
        let r;
        try {
          r = await client.call(step.name, 'POST', url, await tokenFor(step.actor), step.body, {
            expect: step.refusedWith,
            // A retried action may have landed the first time: the clue has moved on, so look again.
            tolerateAfterRetry: (status) => status === 409,
          });
        } catch (err) {
          // Counted as unexpected already; a clue that moved on without us is read again, twice at most.
          if (!(err instanceof ApiError) || err.status !== 409 || ++surprises > 2) throw err;
          j.now = await readClue(client, campaignId, j.plan.clueNo, admin);
          continue;
        }
        Object.assign(j.done, step.mark ?? {});
        if (r.status === 200 && r.body?.stage) j.now = view(r.body);
        else if (r.status === 202 || r.status === 409) j.now = await settle(client, campaignId, j.plan.clueNo, admin, sentAt, TIMELINE_ACTIONS[step.path]);
      }
    } catch (err) {
      stuck.push({ clueNo: j.plan.clueNo, error: err instanceof ApiError ? err.message : String((err as Error).message ?? err) });
      j.finished = true;
    } finally {
      b.add(1);
    }
  };

  enter('verification and sign-off');
  let b = new Bar('verify', journeys.length, o.progress, () => client.unexpectedCount);
  await pool(journeys, o.concurrency, (j) => play(j, b));
  b.end();
  phase('verification and sign-off');

  // —— The re-check draw (抽查): each project with clues waiting ——
  enter('re-check draw');
  const rechecker = await tokenFor({ role: 'rechecker' });
  const waitingProjects = [...new Set(journeys.filter((j) => j.waiting).map((j) => j.plan.projectNo))].sort((a, b2) => a - b2);
  for (const p of waitingProjects) {
    // The sampler may have drawn already (the project fully verified): then there is nothing to draw.
    await client.call('sampling draw', 'POST', `/campaigns/${campaignId}/sampling/${p}/draw`, rechecker, undefined, { expect: 409 });
  }
  const waitingCount = async () =>
    (await client.call('list clues', 'GET', `/clues?campaignId=${encodeURIComponent(campaignId)}&stage=awaiting_sampling&pageSize=1`, admin)).body.total as number;
  for (let i = 0, n = await waitingCount(); n > 0; i++, n = await waitingCount()) {
    if (i >= 600) {
      o.log(`${n} clues still await the draw after 10 minutes`);
      break;
    }
    await sleep(1000);
  }
  phase('re-check draw');

  // —— Re-check, classification and disposal ——
  enter('re-check and disposal');
  const resumed = journeys.filter((j) => j.waiting || (!j.finished && !j.waiting));
  b = new Bar('dispose', resumed.length, o.progress, () => client.unexpectedCount);
  await pool(resumed, o.concurrency, async (j) => {
    j.waiting = false;
    try {
      j.now = await readClue(client, campaignId, j.plan.clueNo, admin);
    } catch (err) {
      stuck.push({ clueNo: j.plan.clueNo, error: String((err as Error).message) });
      b.add(1);
      return;
    }
    await play(j, b);
  });
  b.end();
  phase('re-check and disposal');

  // —— Oversight: notices, accountability, digests, special reports ——
  enter('oversight and reports');
  await oversight(client, campaignId, o, tokenFor, admin, journeys, units, rng);
  phase('oversight and reports');

  // —— Where every clue ended ——
  enter('final check');
  const finalStage = await allStages(client, campaignId, admin);
  const misplaced: SimResult['misplaced'] = [];
  const acceptedSet = new Set(accepted);
  for (const j of journeys) {
    if (!acceptedSet.has(j.plan.clueNo) && duplicates === 0) continue;
    const expected = expectedFinalStage(j.plan);
    const actual = finalStage.get(j.plan.clueNo) ?? 'missing';
    if (actual !== expected) misplaced.push({ clueNo: j.plan.clueNo, expected, actual });
  }
  phase('final check');
  return {
    campaignId,
    accepted,
    duplicates,
    rejected,
    plans,
    finalStage,
    misplaced,
    tallies: client.tallies,
    unexpected: client.unexpected,
    unavailable: client.unavailable,
    phases,
    slowestMs: client.slowestMs,
    stuck,
  };
}

function view(body: any): ClueNow {
  return { stage: body.stage, unitCode: body.unitCode ?? null, dispositions: body.dispositions ?? [], completedDispositions: body.completedDispositions ?? [] };
}

async function readClue(client: SimClient, campaignId: string, clueNo: string, token: string): Promise<ClueNow> {
  const r = await client.call('read clue', 'GET', `/clues/${encodeURIComponent(clueNo)}?campaignId=${encodeURIComponent(campaignId)}`, token);
  return view(r.body);
}

/** The timeline events each action writes (the ledger's `action`). */
const TIMELINE_ACTIONS: Record<ActionPath, string[]> = {
  dispatch: ['dispatched', 'reassigned'],
  'transfer-up': ['transferred_up'],
  verification: ['verification_submitted'],
  signoff: ['signoff_approved', 'signoff_rejected'],
  recheck: ['recheck_confirmed', 'recheck_overturned'],
  classification: ['classified'],
  rectification: ['rectification_reported'],
  'rectification/signoff': ['rectification_signed_off', 'rectification_returned'],
  'rectification/accept': ['rectification_accepted'],
  'referral-outcome': ['referral_outcome_recorded'],
  rule: ['rule_recorded'],
};

/**
 * After a 202 (accepted, its ledger write still under way) or a retried action refused because it
 * landed the first time: wait until the clue's timeline shows that action, recorded since it was
 * sent, then read the clue. The workflow stamps the event after the request left (same clock).
 */
async function settle(client: SimClient, campaignId: string, clueNo: string, token: string, sentAt: number, actions: string[]): Promise<ClueNow> {
  for (let i = 0; i < 300; i++) {
    const r = await client.call('read clue', 'GET', `/clues/${encodeURIComponent(clueNo)}?campaignId=${encodeURIComponent(campaignId)}`, token);
    const timeline: Array<{ at: string; action: string }> = r.body.timeline ?? [];
    if (timeline.some((e) => actions.includes(e.action) && Date.parse(e.at) >= sentAt - 50)) return view(r.body);
    await sleep(1000);
  }
  throw new Error(`the ${actions.join('/')} of ${clueNo} accepted at ${new Date(sentAt).toISOString()} did not reach its timeline within 5 minutes`);
}

/** Every clue's stage, paged through GET /clues. */
export async function allStages(client: SimClient, campaignId: string, token: string): Promise<Map<string, Stage>> {
  const out = new Map<string, Stage>();
  for (let page = 1; ; page++) {
    const r = await client.call('list clues', 'GET', `/clues?campaignId=${encodeURIComponent(campaignId)}&pageSize=500&page=${page}`, token);
    for (const c of r.body.items) out.set(c.clueNo, c.stage);
    if (r.body.items.length < 500) break;
  }
  return out;
}

async function oversight(
  client: SimClient,
  campaignId: string,
  o: SimOptions,
  tokenFor: (a: Actor | { role: 'system' | 'inspector' }) => Promise<string>,
  admin: string,
  journeys: Journey[],
  units: string[],
  rng: Rng,
): Promise<void> {
  const inspector = await tokenFor({ role: 'inspector' });
  const notices = Math.max(1, Math.min(30, Math.round(journeys.length / 500)));
  for (let i = 0; i < notices; i++) {
    const unitCode = units[i % units.length];
    const clueNos = journeys.filter((j) => j.now.unitCode === unitCode).slice(0, 3).map((j) => j.plan.clueNo);
    const severity = i === 0 && journeys.length >= 100 ? 'grave' : rng.pick(['general', 'general', 'serious'] as const);
    await client.call('notice', 'POST', '/notices', inspector, {
      campaignId,
      unitCode,
      clueNos,
      finding: severity === 'grave' ? '抽查发现核查组未入户核实、照抄原始数据，核查走过场' : '部分线索核查记录不完整，佐证材料缺失',
      severity,
    });
  }
  // The discipline commission answers most of what reached it (复核推翻、严重通报).
  const discipline = await tokenFor({ role: 'discipline' });
  const open = await client.call('list accountability', 'GET', `/accountability?campaignId=${encodeURIComponent(campaignId)}&open=true&pageSize=500`, discipline);
  for (const item of open.body.items as Array<{ id: string }>) {
    if (!rng.chance(0.7)) continue;
    await client.call('accountability outcome', 'POST', `/accountability/${item.id}/outcome`, discipline, { outcome: '对原核查组组长诫勉谈话，对签批领导批评教育' }, { tolerate: (s) => s === 409 });
  }
  // Today's digests and escalations, composed now rather than at the digest hour.
  await client.call('digests run', 'POST', `/campaigns/${campaignId}/digests/run`, admin);
  // Each verifying body's leader signs its special report (专题报告) off; signing an unchanged report again is refused.
  const bodies = [...new Set(journeys.map((j) => j.now.unitCode).filter((u): u is string => !!u))].sort();
  for (const [i, unitCode] of bodies.entries()) {
    const leader = await tokenFor({ role: 'unit_leader', unitCode });
    await client.call('report read', 'GET', `/campaigns/${campaignId}/reports/${unitCode}`, leader);
    await client.call('report signoff', 'POST', `/campaigns/${campaignId}/reports/${unitCode}/signoff`, leader, { comment: '数据已逐项核对，同意报送' }, { tolerate: (s) => s === 409 });
    if (i === 0) {
      await client.call('report signoff (again, unchanged)', 'POST', `/campaigns/${campaignId}/reports/${unitCode}/signoff`, leader, { comment: '再次签发' }, { expect: 409 });
    }
  }
  o.log(`${notices} notices, ${open.body.items.length} accountability items open, ${bodies.length} reports signed`);
}

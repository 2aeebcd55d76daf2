/**
 * ClueWorkflow on the time-skipping test server with its two activities stubbed: what the workflow
 * decides — its replies, its query and the ledger writes it asks for — with no database and no
 * polling. The end-to-end tier runs the same paths with the real activities and PostgreSQL.
 */
import { Client, WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { DAY_MS, type Calendar } from '../../domain/calendar';
import { RULE_VIOLATION, type Violation } from '../../domain/violation';
import { SYSTEM } from '../../domain/vocabulary';
import {
  acceptRectificationUpdate,
  calendarChangedSignal,
  classificationUpdate,
  clueStateQuery,
  clueWorkflowId,
  dispatchUpdate,
  recheckUpdate,
  rectificationSignoffUpdate,
  rectificationUpdate,
  referralOutcomeUpdate,
  ruleUpdate,
  samplingDecisionSignal,
  signoffUpdate,
  transferUpUpdate,
  verificationUpdate,
  type ClueActivities,
  type ClueProjection,
  type ClueState,
  type ClueView,
  type ClueWorkflowInput,
} from '../../workflows/clue/definitions';
import type { clueWorkflow } from '../../workflows/clue/workflow';
import { startTimeSkippingServer, workflowBundle } from '../support/temporal';
import { quietRuntime } from './support/runtime';
import {
  calendarAround,
  civil,
  civilLeader,
  civilOfficer,
  clueStart,
  coordinator,
  discipline,
  leader,
  officer,
  otherOfficer,
  recheckConfirmed,
  recheckOverturned,
  rechecker,
  sameUnitRechecker,
  substantiated,
  unsubstantiated,
} from './support/clue';

/** Time the workflow may take to act on a fired timer: escalations are recorded within it. */
const SLACK_MS = 60_000;
/** Real time to wait for a ledger write the workflow owes before the test says which one never came. */
const WAIT_MS = 10_000;

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;
/**
 * A plain client: `env.client` would let the server skip time while it waits for a result, firing
 * the timers of every other clue alive. Here time moves only when a test calls `env.sleep`.
 */
let client: Client;

beforeAll(async () => {
  quietRuntime();
  [env, bundle] = await Promise.all([startTimeSkippingServer(), workflowBundle()]);
  client = new Client({ connection: env.connection, namespace: env.namespace ?? 'default' });
});
afterAll(() => env?.teardown());

/** The stubbed activities: every call recorded, and a way to wait for one without polling. */
class Recorder {
  readonly projections: ClueProjection[] = [];
  readonly samplingRequests: Array<Parameters<ClueActivities['requestSampling']>[0]> = [];
  private waiters: Array<{ match: (p: ClueProjection) => boolean; resolve: (p: ClueProjection) => void }> = [];

  /** A projection that does not return until the test lets it (a ledger write held up). */
  private held?: { match: (p: ClueProjection) => boolean; release: Promise<void> };

  /** Holds the next projection that `match`es until the returned function is called. */
  hold(match: (p: ClueProjection) => boolean): () => void {
    let release!: () => void;
    this.held = { match, release: new Promise<void>((resolve) => (release = resolve)) };
    return release;
  }

  readonly activities: ClueActivities = {
    projectClue: async (p) => {
      const held = this.held?.match(p) ? this.held : undefined;
      if (held) {
        this.held = undefined;
        await held.release;
      }
      this.projections.push(p);
      for (const w of this.waiters.filter((x) => x.match(p))) w.resolve(p);
      this.waiters = this.waiters.filter((x) => !x.match(p));
    },
    requestSampling: async (req) => {
      this.samplingRequests.push(req);
    },
  };

  /** A clue's ledger writes in `seq` order, as the ledger keeps them (concurrent ones may run in any order). */
  of(clueNo: string): ClueProjection[] {
    return this.projections.filter((p) => p.clueNo === clueNo).sort((a, b) => a.seq - b.seq);
  }

  /** The first projection of `clueNo` with `action` (and `detail`, if given): already recorded, or when it is. */
  next(clueNo: string, action: string, detail: Record<string, unknown> = {}): Promise<ClueProjection> {
    const match = (p: ClueProjection) =>
      p.clueNo === clueNo && p.action === action && Object.entries(detail).every(([k, v]) => p.detail[k] === v);
    const done = this.projections.find(match);
    if (done) return Promise.resolve(done);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const seen = this.of(clueNo).map((p) => `${p.seq} ${p.action} ${JSON.stringify(p.detail)} at ${new Date(p.at).toISOString()}`);
        reject(new Error(`no ${action} ${JSON.stringify(detail)} for ${clueNo} within ${WAIT_MS} ms; recorded:\n${seen.join('\n')}`));
      }, WAIT_MS);
      this.waiters.push({
        match,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      });
    });
  }
}

let queues = 0;
/**
 * Runs `test` against a fresh worker on its own task queue. Each test ends every clue it starts: the
 * test server stops skipping time while an activity is outstanding and does not let go of that when
 * the workflow closes before the activity does (temporalio/sdk-java#1138), so a clue cut off
 * mid-step would stall the next test's skipped time. Only a failed test's clues are terminated.
 */
async function withWorker(test: (r: Recorder, start: (input: ClueWorkflowInput) => Promise<WorkflowHandle<typeof clueWorkflow>>) => Promise<void>): Promise<Recorder> {
  const recorder = new Recorder();
  const taskQueue = `clue-fast-${++queues}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities: recorder.activities });
  const started: WorkflowHandle[] = [];
  const start = async (input: ClueWorkflowInput) => {
    const handle = await client.workflow.start<typeof clueWorkflow>('clueWorkflow', {
      taskQueue,
      workflowId: clueWorkflowId(input.campaignId, input.clueNo),
      args: [input],
    });
    started.push(handle);
    return handle;
  };
  await worker.runUntil(async () => {
    try {
      await test(recorder, start);
    } catch (err) {
      for (const h of started) await h.terminate('test failed').catch(() => undefined);
      throw err;
    }
  });
  for (const h of started) {
    const { status } = await h.describe();
    if (status.name === 'RUNNING') throw new Error(`${h.workflowId} was left running: end it in the test`);
  }
  return recorder;
}

/** The rules an update was refused for, from the failure the caller receives. */
async function refusal(update: Promise<unknown>): Promise<Violation[]> {
  const err = await update.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (err as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  expect((cause as ApplicationFailure).type).toBe(RULE_VIOLATION);
  return (cause as ApplicationFailure).details as Violation[];
}

const summary = (ps: ClueProjection[]) => ps.map((p) => [p.seq, p.action, p.state.stage]);

describe('clueWorkflow', () => {
  it('takes a clue from dispatch to close-off, writing each step to the ledger in order', async () => {
    const calendar = calendarAround(await env.currentTimeMs());
    const r = await withWorker(async (r, start) => {
      const h = await start(clueStart('F1', calendar, { unitCode: undefined }));
      expect(await h.query(clueStateQuery)).toEqual<ClueView>({
        campaignId: 'fast',
        clueNo: 'F1',
        stage: 'received',
        unitCode: null,
        conclusion: null,
        dispositions: [],
        completedDispositions: [],
        overdue: false,
        nextDeadline: new Date(calendar.dueAt.mobilization).toISOString(),
        escalationLevel: 0,
      });
      const dispatched = await h.executeUpdate(dispatchUpdate, { args: [{ actor: coordinator, unitCode: 'hsg-jd' }] });
      expect(dispatched).toMatchObject({ stage: 'verifying', unitCode: 'hsg-jd', nextDeadline: new Date(calendar.dueAt.verification).toISOString() });
      expect((await h.executeUpdate(verificationUpdate, { args: [{ actor: officer, ...substantiated }] })).stage).toBe('awaiting_signoff');
      const back = await h.executeUpdate(signoffUpdate, { args: [{ actor: leader, approve: false, comment: '证据不足，补充银行流水' }] });
      expect(back.stage).toBe('verifying');
      await h.executeUpdate(verificationUpdate, { args: [{ actor: officer, ...substantiated }] });
      const signed = await h.executeUpdate(signoffUpdate, { args: [{ actor: leader, approve: true }] });
      expect(signed).toMatchObject({ stage: 'classifying', conclusion: 'substantiated', nextDeadline: new Date(calendar.dueAt.rectification).toISOString() });
      const classified = await h.executeUpdate(classificationUpdate, {
        args: [{ actor: coordinator, dispositions: ['rectification', 'referral', 'rule_building'], reason: '既涉嫌违纪又属共性问题' }],
      });
      expect(classified).toMatchObject({ stage: 'disposing', dispositions: ['rectification', 'referral', 'rule_building'], completedDispositions: [] });
      await h.executeUpdate(rectificationUpdate, { args: [{ actor: officer, measures: '追回资金并停发', amountRecovered: 1200, completed: true }] });
      // 四(四): the task force accepts only what the unit's leader has signed off.
      expect((await refusal(h.executeUpdate(acceptRectificationUpdate, { args: [{ actor: coordinator }] }))).map((v) => v.code)).toEqual(['rectification_not_signed_off']);
      await h.executeUpdate(rectificationSignoffUpdate, { args: [{ actor: leader, approve: true }] });
      expect((await h.executeUpdate(acceptRectificationUpdate, { args: [{ actor: coordinator }] })).completedDispositions).toEqual(['rectification']);
      await h.executeUpdate(referralOutcomeUpdate, { args: [{ actor: discipline, caseNo: '黄纪2024-01', outcome: '给予党内警告处分', personsHandled: 1 }] });
      const closed = await h.executeUpdate(ruleUpdate, { args: [{ actor: civil, title: '临时救助对象死亡信息比对制度', summary: '每月与殡葬数据比对' }] });
      expect(closed).toMatchObject({ stage: 'closed', completedDispositions: ['rectification', 'referral', 'rule_building'], nextDeadline: null });
      expect(await h.result()).toEqual(closed);
    });

    expect(summary(r.of('F1'))).toEqual([
      [1, 'dispatched', 'verifying'],
      [2, 'verification_submitted', 'awaiting_signoff'],
      [3, 'signoff_rejected', 'verifying'],
      [4, 'verification_submitted', 'awaiting_signoff'],
      [5, 'signoff_approved', 'classifying'],
      [6, 'classified', 'disposing'],
      [7, 'rectification_reported', 'disposing'],
      [8, 'rectification_signed_off', 'disposing'],
      [9, 'rectification_accepted', 'disposing'],
      [10, 'referral_outcome_recorded', 'disposing'],
      [11, 'rule_recorded', 'disposing'],
      [12, 'closed', 'closed'],
    ]);
    const [dispatched, submitted, rejected, , approved, classified, reported, signedOff, accepted, referred, rule, closed] = r.of('F1');
    // Each disposition's own ledger write already counts it done.
    expect([accepted, referred, rule].map((p) => p.state.completed)).toEqual([['rectification'], ['rectification', 'referral'], ['rectification', 'referral', 'rule_building']]);
    expect(dispatched).toMatchObject({ workflowId: 'clue-fast-F1', campaignId: 'fast', actor: coordinator, detail: { unitCode: 'hsg-jd', from: null, reason: null } });
    expect(submitted.detail).toEqual({ conclusion: 'substantiated', methods: substantiated.methods, team: 3, amountConfirmed: 1200 });
    expect(rejected.state.signoff).toEqual({ by: leader, approve: false, comment: '证据不足，补充银行流水' });
    expect(approved.state).toMatchObject({ conclusion: 'substantiated', verifyingUnitCode: 'hsg-jd', amountConfirmed: 1200 });
    expect(classified.detail).toEqual({ dispositions: ['rectification', 'referral', 'rule_building'], reason: '既涉嫌违纪又属共性问题' });
    // The amount reported is pending in the report until the leader signs it off; then it counts.
    expect(reported.state.amountRecovered).toBeUndefined();
    expect(reported.state.rectification).toEqual({ measures: '追回资金并停发', amountRecovered: 1200, completed: true });
    expect(signedOff).toMatchObject({ actor: leader, detail: { amountRecovered: 1200, comment: null }, state: { amountRecovered: 1200, rectification: { signoff: { by: leader, approve: true } } } });
    expect(rule.state.rule).toEqual({ title: '临时救助对象死亡信息比对制度', summary: '每月与殡葬数据比对', department: 'civil' });
    expect(closed).toMatchObject({ actor: civil, detail: { reason: '处置全部办结，销号' } });
    expect(closed.state).toMatchObject<Partial<ClueState>>({
      completed: ['rectification', 'referral', 'rule_building'],
      amountRecovered: 1200,
      referral: { caseNo: '黄纪2024-01', outcome: '给予党内警告处分', personsHandled: 1 },
      closed: { by: civil, reason: '处置全部办结，销号', at: closed.at },
    });
    expect(r.samplingRequests).toEqual([]);
  });

  it('refuses a broken rule with its code, and changes neither the clue nor the ledger', async () => {
    const calendar = calendarAround(await env.currentTimeMs());
    const r = await withWorker(async (r, start) => {
      const h = await start(clueStart('R1', calendar));
      await h.executeUpdate(verificationUpdate, { args: [{ actor: officer, ...unsubstantiated }] });
      const before = await h.query(clueStateQuery);
      const written = r.of('R1').length;

      expect(await refusal(h.executeUpdate(signoffUpdate, { args: [{ actor: leader, approve: false }] }))).toEqual([
        { status: 422, code: 'comment_required', message: '请填写退回意见', field: 'comment' },
      ]);
      const several = await refusal(h.executeUpdate(verificationUpdate, { args: [{ actor: otherOfficer, ...unsubstantiated, methods: [] }] }));
      expect(several.map((v) => v.code)).toEqual(['not_your_unit', 'wrong_stage', 'methods_missing']);
      expect((await refusal(h.executeUpdate(recheckUpdate, { args: [{ actor: rechecker, ...recheckConfirmed }] }))).map((v) => v.code)).toEqual([
        'wrong_stage',
      ]);

      expect(await h.query(clueStateQuery)).toEqual(before);
      expect(r.of('R1')).toHaveLength(written);
      // The refusals left the clue working: the leader can still act on it.
      const transferred = await h.executeUpdate(transferUpUpdate, { args: [{ actor: leader, reason: '涉事人员由市管，超出区管权限' }] });
      expect(transferred).toMatchObject({ stage: 'transferred', nextDeadline: null });
      expect(await h.result()).toEqual(transferred);
    });
    expect(summary(r.of('R1'))).toEqual([
      [1, 'verification_submitted', 'awaiting_signoff'],
      [2, 'transferred_up', 'transferred'],
    ]);
    expect(r.of('R1')[1].state.transfer).toEqual({ by: leader, reason: '涉事人员由市管，超出区管权限' });
  });

  it('re-check sampling: a drawn clue is re-checked and overturned, one not drawn closes', async () => {
    const calendar = calendarAround(await env.currentTimeMs());
    const r = await withWorker(async (r, start) => {
      const drawn = await start(clueStart('D1', calendar));
      const notDrawn = await start(clueStart('D2', calendar));
      // A decision that arrives before the clue awaits it is kept until it does.
      await drawn.signal(samplingDecisionSignal, { drawn: true, drawNo: 1 });
      const signOff = async (h: WorkflowHandle<typeof clueWorkflow>) => {
        await h.executeUpdate(verificationUpdate, { args: [{ actor: officer, ...unsubstantiated }] });
        return h.executeUpdate(signoffUpdate, { args: [{ actor: leader, approve: true }] });
      };
      expect(await signOff(notDrawn)).toMatchObject({ stage: 'awaiting_sampling', conclusion: 'unsubstantiated', nextDeadline: new Date(calendar.dueAt.recheck).toISOString() });
      // The held decision is acted on while the sign-off is still being recorded, so its reply may already show it.
      expect(['awaiting_sampling', 'rechecking']).toContain((await signOff(drawn)).stage);
      expect(r.samplingRequests).toEqual([
        { campaignId: 'fast', projectNo: 4, clueNo: 'D2' },
        { campaignId: 'fast', projectNo: 4, clueNo: 'D1' },
      ]);

      expect(await r.next('D1', 'sampling_drawn')).toMatchObject({ actor: SYSTEM, detail: { drawNo: 1 }, state: { stage: 'rechecking', sampling: { drawn: true, drawNo: 1 } } });
      expect((await drawn.query(clueStateQuery)).stage).toBe('rechecking');
      const codes = (await refusal(drawn.executeUpdate(recheckUpdate, { args: [{ actor: sameUnitRechecker, ...recheckConfirmed }] }))).map((v) => v.code);
      expect(codes).toEqual(['rechecker_from_verifying_unit']);
      const overturned = await drawn.executeUpdate(recheckUpdate, { args: [{ actor: rechecker, ...recheckOverturned }] });
      expect(overturned).toMatchObject({ stage: 'classifying', conclusion: 'substantiated' });
      await drawn.executeUpdate(classificationUpdate, { args: [{ actor: coordinator, dispositions: ['referral'], reason: '涉嫌违纪' }] });
      await drawn.executeUpdate(referralOutcomeUpdate, { args: [{ actor: discipline, outcome: '立案审查' }] });
      expect(await drawn.result()).toMatchObject({ stage: 'closed', conclusion: 'substantiated' });

      await notDrawn.signal(samplingDecisionSignal, { drawn: false, drawNo: 2 });
      expect(await notDrawn.result()).toMatchObject({ stage: 'closed', conclusion: 'unsubstantiated', nextDeadline: null });
    });

    expect(summary(r.of('D1'))).toEqual([
      [1, 'verification_submitted', 'awaiting_signoff'],
      [2, 'signoff_approved', 'awaiting_sampling'],
      [3, 'sampling_drawn', 'rechecking'],
      [4, 'recheck_overturned', 'classifying'],
      [5, 'classified', 'disposing'],
      [6, 'referral_outcome_recorded', 'disposing'],
      [7, 'closed', 'closed'],
    ]);
    expect(r.of('D1')[3].detail).toEqual({ findings: '复核发现对象已死亡', conclusion: 'substantiated', verificationInaccurate: true, verifyingUnitCode: 'hsg-jd' });
    // What the ledger projection needs to name the people behind the overturned 查否 (三(四)).
    expect(r.of('D1')[3].state).toMatchObject({
      verificationInaccurate: true,
      amountConfirmed: 800,
      verifyingUnitCode: 'hsg-jd',
      verification: { by: officer, team: unsubstantiated.team },
      signoff: { by: leader, approve: true },
      recheck: { by: rechecker, team: recheckOverturned.team, evidence: recheckOverturned.evidence },
    });
    expect(summary(r.of('D2'))).toEqual([
      [1, 'verification_submitted', 'awaiting_signoff'],
      [2, 'signoff_approved', 'awaiting_sampling'],
      [3, 'sampling_not_drawn', 'closed'],
    ]);
    expect(r.of('D2')[2]).toMatchObject({ actor: SYSTEM, detail: { drawNo: 2, reason: '未抽中复核，查否销号' } });
  });

  it('hands a clue to a department: its officer verifies and flags a 突出问题, its leader signs off and signs the rectification (三(三))', async () => {
    const calendar = calendarAround(await env.currentTimeMs());
    const r = await withWorker(async (_r, start) => {
      const h = await start(clueStart('G1', calendar, { unitCode: undefined }));
      expect(await h.executeUpdate(dispatchUpdate, { args: [{ actor: coordinator, unitCode: 'civil', reason: '区专班交办民政局入户核查' }] })).toMatchObject({
        stage: 'verifying',
        unitCode: 'civil',
      });
      // A street's officer cannot act on it; the department's own can.
      expect((await refusal(h.executeUpdate(verificationUpdate, { args: [{ actor: officer, ...substantiated }] }))).map((v) => v.code)).toEqual(['not_your_unit']);
      await h.executeUpdate(verificationUpdate, { args: [{ actor: civilOfficer, ...substantiated, seriousProblem: '同一经办人为多名死亡对象续领' }] });
      expect((await h.executeUpdate(signoffUpdate, { args: [{ actor: civilLeader, approve: true }] })).stage).toBe('classifying');
      await h.executeUpdate(classificationUpdate, { args: [{ actor: coordinator, dispositions: ['rectification'], reason: '一般性违规' }] });
      await h.executeUpdate(rectificationUpdate, { args: [{ actor: civilOfficer, measures: '停发并追回', amountRecovered: 600, completed: true }] });
      const back = await h.executeUpdate(rectificationSignoffUpdate, { args: [{ actor: civilLeader, approve: false, comment: '追回凭证不全' }] });
      expect(back.stage).toBe('disposing');
      await h.executeUpdate(rectificationUpdate, { args: [{ actor: civilOfficer, measures: '停发并追回，附凭证', amountRecovered: 600, completed: true }] });
      await h.executeUpdate(rectificationSignoffUpdate, { args: [{ actor: civilLeader, approve: true }] });
      expect(await h.executeUpdate(acceptRectificationUpdate, { args: [{ actor: coordinator }] })).toMatchObject({ stage: 'closed' });
    });
    expect(r.of('G1').map((p) => [p.action, p.actor.unitCode ?? null])).toEqual([
      ['dispatched', null],
      ['verification_submitted', 'civil'],
      ['signoff_approved', 'civil'],
      ['classified', null],
      ['rectification_reported', 'civil'],
      ['rectification_returned', 'civil'],
      ['rectification_reported', 'civil'],
      ['rectification_signed_off', 'civil'],
      ['rectification_accepted', null],
      ['closed', null],
    ]);
    expect(r.of('G1')[1].detail).toMatchObject({ seriousProblem: '同一经办人为多名死亡对象续领' });
    expect(r.of('G1')[2].state.verifyingUnitCode).toBe('civil');
    // Sent back, the amount did not count; signed off, it does.
    expect(r.of('G1')[5].state.amountRecovered).toBeUndefined();
    expect(r.of('G1')[7].state.amountRecovered).toBe(600);
  });

  it('escalates an untouched clue at its deadline and 3, 7 and 14 days after, then a new calendar clears and re-arms it', async () => {
    const now = await env.currentTimeMs();
    const calendar = calendarAround(now);
    const due = calendar.dueAt.verification;
    const r = await withWorker(async (r, start) => {
      const h = await start(clueStart('E1', calendar));
      await env.sleep(due + 14 * DAY_MS + SLACK_MS - now);
      await r.next('E1', 'escalated', { level: 4 });
      expect(await h.query(clueStateQuery)).toMatchObject({ stage: 'verifying', overdue: true, escalationLevel: 4 });

      // An extension: the verification deadline moves 30 days past the present one.
      const extended: Calendar = { ...calendar, dueAt: { ...calendar.dueAt, verification: due + 30 * DAY_MS }, version: 2 };
      await h.signal(calendarChangedSignal, { ...extended, reason: '汛期延期' });
      const changed = await r.next('E1', 'deadline_changed');
      expect(changed).toMatchObject({
        actor: SYSTEM,
        detail: { deadline: new Date(due + 30 * DAY_MS).toISOString(), reason: '汛期延期', overdue: false },
        state: { overdue: false, escalationLevel: 0 },
      });
      expect(await h.query(clueStateQuery)).toMatchObject({ overdue: false, escalationLevel: 0, nextDeadline: new Date(due + 30 * DAY_MS).toISOString() });

      // A stale calendar (no newer than the one in force) is ignored: nothing rises at its deadline.
      await h.signal(calendarChangedSignal, { ...calendar, dueAt: { ...calendar.dueAt, verification: due + 20 * DAY_MS }, version: 2 });
      await env.sleep(due + 30 * DAY_MS + SLACK_MS - (await env.currentTimeMs()));
      await r.next('E1', 'escalated', { level: 1, deadline: new Date(due + 30 * DAY_MS).toISOString() });
      await h.executeUpdate(transferUpUpdate, { args: [{ actor: coordinator, reason: '涉事人员由市管' }] });
      expect(await h.result()).toMatchObject({ stage: 'transferred', overdue: false, escalationLevel: 0 });
    });

    const rises = r.of('E1').filter((p) => p.action === 'escalated');
    expect(rises.map((p) => [p.detail.level, p.detail.stage, p.state.escalationLevel, p.state.overdue])).toEqual([
      [1, 'verifying', 1, true],
      [2, 'verifying', 2, true],
      [3, 'verifying', 3, true],
      [4, 'verifying', 4, true],
      [1, 'verifying', 1, true],
    ]);
    const expectedAt = [0, 3, 7, 14, 30].map((days) => due + days * DAY_MS);
    rises.forEach((p, i) => {
      expect(p.at).toBeGreaterThanOrEqual(expectedAt[i]);
      expect(p.at).toBeLessThan(expectedAt[i] + SLACK_MS);
    });
    expect(r.of('E1').filter((p) => p.action === 'deadline_changed')).toHaveLength(1);
    expect(r.of('E1').map((p) => p.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('stops escalating the moment an action moves the clue on, even while a rise is being written', async () => {
    const now = await env.currentTimeMs();
    const calendar = calendarAround(now);
    // Imported 20 days past its verification deadline: levels 1–4 are all due at once.
    const late: Calendar = { ...calendar, dueAt: { ...calendar.dueAt, verification: now - 20 * DAY_MS } };
    const r = await withWorker(async (r, start) => {
      const release = r.hold((p) => p.action === 'escalated' && p.detail.level === 1);
      const h = await start(clueStart('E2', late));
      // While level 1 is being written, the task force transfers the clue up.
      const moved = await h.executeUpdate(transferUpUpdate, { args: [{ actor: coordinator, reason: '涉事人员由市管' }] });
      expect(moved.stage).toBe('transferred');
      release();
      expect(await h.result()).toMatchObject({ stage: 'transferred', escalationLevel: 0 });
    });
    const rises = r.of('E2').filter((p) => p.action === 'escalated');
    expect(rises.map((p) => [p.detail.level, p.detail.stage])).toEqual([[1, 'verifying']]);
  });

  it('carries a clue on from its previous run: same state, numbering continued, no fresh start', async () => {
    const calendar = calendarAround(await env.currentTimeMs());
    const carried: ClueState = {
      stage: 'verifying',
      unitCode: 'syg-jd',
      seq: 41,
      overdue: false,
      dueAt: calendar.dueAt.verification,
      escalationLevel: 0,
      verificationInaccurate: false,
      dispositions: [],
      completed: [],
    };
    const r = await withWorker(async (_r, start) => {
      const h = await start({ ...clueStart('C1', calendar), carried });
      expect(await h.query(clueStateQuery)).toMatchObject({ stage: 'verifying', unitCode: 'syg-jd' });
      const back = await h.executeUpdate(dispatchUpdate, { args: [{ actor: coordinator, unitCode: 'hsg-jd', reason: '退回原单位' }] });
      expect(back).toMatchObject({ stage: 'verifying', unitCode: 'hsg-jd' });
      await h.executeUpdate(transferUpUpdate, { args: [{ actor: leader, reason: '涉事人员由市管' }] });
      await h.result();
    });
    expect(r.of('C1').map((p) => [p.seq, p.action])).toEqual([
      [42, 'reassigned'],
      [43, 'transferred_up'],
    ]);
    expect(r.of('C1')[0].detail).toEqual({ unitCode: 'hsg-jd', from: 'syg-jd', reason: '退回原单位' });
  });
});

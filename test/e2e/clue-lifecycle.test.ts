/**
 * ClueWorkflow on the time-skipping test server with the real activities and a real PostgreSQL
 * ledger: every branch to closed, every rule refused, deadlines that escalate in simulated time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkflowUpdateFailedError, type WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { ClueImportService } from '../../api/clues/clue-import.service';
import { localDate } from '../../domain/time';
import { shiftedPlan } from '../../db/seed/demo';
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
  signoffUpdate,
  transferUpUpdate,
  verificationUpdate,
} from '../../workflows/clue/definitions';
import { DAY_MS } from '../../domain/calendar';
import type { Actor } from '../../domain/vocabulary';
import type { TeamMember, Verification } from '../../domain/verification';
import type { Violation } from '../../domain/violation';
import type { TestDatabase } from '../support/databases';
import { waitFor as poll } from '../support/wait';
import { startEngine, type Engine } from '../support/engine';
import { clue, fullWork, goodTeam, recheckWork } from '../support/fixtures';
import { workflowBundle } from '../support/temporal';

jest.setTimeout(180_000);

const coordinator: Actor = { name: '区专班', role: 'coordinator' };
const officer: Actor = { name: '核查员', role: 'unit_officer', unitCode: 'hsg-jd' };
const otherOfficer: Actor = { name: '他街核查员', role: 'unit_officer', unitCode: 'syg-jd' };
const leader: Actor = { name: '街道书记', role: 'unit_leader', unitCode: 'hsg-jd' };
/** The district re-check group (三(二)): no unit of its own. */
const rechecker: Actor = { name: '复核员', role: 'rechecker' };
/** A rechecker token from before the group was district-level: still never of the verifying unit. */
const sameUnitRechecker: Actor = { name: '本街复核员', role: 'rechecker', unitCode: 'hsg-jd' };
const discipline: Actor = { name: '纪委', role: 'discipline' };
const civil: Actor = { name: '区民政局', role: 'department', unitCode: 'civil' };

const unsubstantiated: Verification = { ...fullWork, conclusion: 'unsubstantiated', findings: '经入户核实，对象仍健在，系数据比对误差' };
const substantiated: Verification = {
  ...fullWork,
  evidence: [{ kind: 'record', ref: '殡葬记录 2023-118' }],
  conclusion: 'substantiated',
  findings: '对象2023年已死亡，其家属冒领救助金',
  amountConfirmed: 1200,
  violationType: 'false_claims',
  personsInvolved: [{ name: '李某某', category: 'beneficiary' }],
};

const { EventType } = temporal.api.enums.v1;
const WORKFLOW_TASK_EVENTS = [
  EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
  EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
  EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
];

const HISTORY_DIR = path.join(__dirname, '..', 'histories');

describe('ClueWorkflow lifecycle', () => {
  let env: TestWorkflowEnvironment;
  let t: TestDatabase;
  let engine: Engine;
  const campaign = shiftedPlan(localDate(Date.now(), 'Asia/Shanghai'));
  const campaignId = campaign.id;

  beforeAll(async () => {
    engine = await startEngine(campaign);
    ({ env, t } = engine);
  });
  afterAll(() => engine?.close());

  const importClues = (clues: object[]) => new ClueImportService(t.db, env.client).import(coordinator, campaignId, clues);
  const handle = (clueNo: string) => env.client.workflow.getHandle(clueWorkflowId(campaignId, clueNo));
  const ledger = async (clueNo: string) => (await t.db.query(`SELECT * FROM clues WHERE campaign_id = $1 AND clue_no = $2`, [campaignId, clueNo]))[0];
  const actions = async (clueNo: string) =>
    (await t.db.query<{ action: string }>(`SELECT action FROM clue_events WHERE campaign_id = $1 AND clue_no = $2 ORDER BY seq`, [campaignId, clueNo])).map(
      (r) => r.action,
    );
  const waitFor = (what: () => Promise<boolean>, label: string) => poll(what, label, 200);
  const stageIs = (clueNo: string, stage: string) => waitFor(async () => (await handle(clueNo).query(clueStateQuery)).stage === stage, `${clueNo} → ${stage}`);
  /** History events that record a change (a refused update may still leave workflow-task bookkeeping). */
  const changes = async (h: WorkflowHandle) =>
    (await h.fetchHistory()).events!.filter((e) => !WORKFLOW_TASK_EVENTS.includes(e.eventType!)).length;
  const refused = async (h: WorkflowHandle, run: () => Promise<unknown>): Promise<Violation[]> => {
    const before = await changes(h);
    const err = await run().then(
      () => undefined,
      (e) => e,
    );
    expect(err).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(await changes(h)).toBe(before);
    return (err as WorkflowUpdateFailedError & { cause: { details: Violation[] } }).cause.details;
  };
  /** Replays the fresh history now; RECORD_HISTORIES=1 also stores it for test/replay.test.ts. */
  const saveHistory = async (clueNo: string, name: string) => {
    const history = await handle(clueNo).fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, name);
    if (!process.env.RECORD_HISTORIES) return;
    fs.mkdirSync(HISTORY_DIR, { recursive: true });
    fs.writeFileSync(path.join(HISTORY_DIR, `${name}.history`), temporal.api.history.v1.History.encode(history).finish());
  };

  it('imports clues: rejects bad rows whole, reports duplicates, starts one workflow per accepted clue', async () => {
    const result = await importClues([
      clue('L1'),
      clue('L1'),
      clue('L-bad', { subjectIdNo: '420202198001010010', projectNo: 31, amountInvolved: -1, unitCode: 'nowhere' }),
    ]);
    expect(result.accepted).toBe(1);
    expect(result.duplicates).toEqual(['L1']);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0].errors.join('\n')).toMatch(/校验位|projectNo|amountInvolved|unitCode/);
    expect(await ledger('L-bad')).toBeUndefined();
    const again = await importClues([clue('L1')]);
    expect(again).toMatchObject({ accepted: 0, duplicates: ['L1'] });
    expect((await handle('L1').query(clueStateQuery)).stage).toBe('verifying');
  });

  it('unsubstantiated → sampled by its project → drawn one confirmed, the other closes not drawn', async () => {
    await importClues([clue('U1', { projectNo: 5 }), clue('U2', { projectNo: 5 })]);
    for (const no of ['U1', 'U2']) {
      await handle(no).executeUpdate(verificationUpdate, { args: [{ actor: officer, ...unsubstantiated }] });
    }
    // N = 2 at rate 0.2 → one re-check; the project's sampler draws once both are signed off.
    for (const no of ['U1', 'U2']) {
      const view = await handle(no).executeUpdate(signoffUpdate, { args: [{ actor: leader, approve: true }] });
      expect(['awaiting_sampling', 'rechecking', 'closed']).toContain(view.stage);
    }
    await waitFor(async () => {
      const stages = await Promise.all(['U1', 'U2'].map(async (n) => (await ledger(n)).stage));
      return stages.includes('rechecking') && stages.includes('closed');
    }, 'the draw');
    const drawn = (await handle('U1').query(clueStateQuery)).stage === 'rechecking' ? 'U1' : 'U2';
    const notDrawn = drawn === 'U1' ? 'U2' : 'U1';
    expect(await ledger(notDrawn)).toMatchObject({ stage: 'closed', sampled: false, closed_reason: '未抽中复核，查否销号' });

    const sameUnit = await refused(handle(drawn), () =>
      handle(drawn).executeUpdate(recheckUpdate, { args: [{ actor: sameUnitRechecker, ...recheckWork, result: 'confirmed', findings: '维持' }] }),
    );
    expect(sameUnit.map((v) => v.code)).toEqual(['rechecker_from_verifying_unit']);

    const closed = await handle(drawn).executeUpdate(recheckUpdate, { args: [{ actor: rechecker, ...recheckWork, result: 'confirmed', findings: '复核维持查否' }] });
    expect(closed.stage).toBe('closed');
    expect(await ledger(drawn)).toMatchObject({ stage: 'closed', sampled: true, closed_by: '复核员' });
    expect(await actions(drawn)).toEqual(['imported', 'verification_submitted', 'signoff_approved', 'sampling_drawn', 'recheck_confirmed']);
    await saveHistory(drawn, 'unsubstantiated-drawn-confirmed');
    await saveHistory(notDrawn, 'unsubstantiated-not-drawn');
  });

  it('drawn and overturned → flagged 核查不实, an accountability item for discipline → rectification → signed off → accepted → closed', async () => {
    await importClues([clue('O1', { projectNo: 6 })]);
    await handle('O1').executeUpdate(verificationUpdate, { args: [{ actor: officer, ...unsubstantiated }] });
    await handle('O1').executeUpdate(signoffUpdate, { args: [{ actor: leader, approve: true }] });
    await stageIs('O1', 'rechecking');
    const overturned = await handle('O1').executeUpdate(recheckUpdate, {
      args: [
        {
          actor: rechecker,
          ...recheckWork,
          result: 'overturned',
          findings: '复核发现对象已死亡',
          conclusion: 'substantiated',
          amountConfirmed: 800,
          evidence: [{ kind: 'record', ref: '死亡证明 2023-0456' }],
        },
      ],
    });
    expect(overturned.stage).toBe('classifying');
    expect(await ledger('O1')).toMatchObject({ verification_inaccurate: true, conclusion: 'substantiated' });
    const audit = await t.db.query(`SELECT detail FROM audit_log WHERE entity_id = 'O1' AND action = 'clue.recheck_overturned'`);
    expect(audit[0].detail).toMatchObject({ verificationInaccurate: true, verifyingUnitCode: 'hsg-jd' });
    // 三(四) 工作不实…追责问责: the same ledger write opened one accountability item naming who verified and who signed.
    const items = await t.db.query(`SELECT source, subject_code, clue_nos, people FROM accountability_items WHERE campaign_id = $1`, [campaignId]);
    expect(items).toEqual([
      {
        source: 'recheck_overturned',
        subject_code: 'hsg-jd',
        clue_nos: ['O1'],
        people: expect.objectContaining({ submittedBy: { name: '核查员', role: 'unit_officer', unitCode: 'hsg-jd' }, signedBy: { name: '街道书记', role: 'unit_leader', unitCode: 'hsg-jd' } }),
      },
    ]);

    await handle('O1').executeUpdate(classificationUpdate, { args: [{ actor: coordinator, dispositions: ['rectification'], reason: '一般性违规' }] });
    const early = await refused(handle('O1'), () => handle('O1').executeUpdate(acceptRectificationUpdate, { args: [{ actor: coordinator }] }));
    expect(early.map((v) => v.code)).toEqual(['rectification_not_reported']);
    await handle('O1').executeUpdate(rectificationUpdate, { args: [{ actor: officer, measures: '追回资金并停发', amountRecovered: 800, completed: true }] });
    // 四(四): reported, the amount is pending; the leader's sign-off makes it count.
    await waitFor(async () => (await ledger('O1')).record.rectification?.amountRecovered === 800, 'the report in the ledger');
    expect((await ledger('O1')).amount_recovered).toBeNull();
    const unsigned = await refused(handle('O1'), () => handle('O1').executeUpdate(acceptRectificationUpdate, { args: [{ actor: coordinator }] }));
    expect(unsigned.map((v) => v.code)).toEqual(['rectification_not_signed_off']);
    await handle('O1').executeUpdate(rectificationSignoffUpdate, { args: [{ actor: leader, approve: true }] });
    const done = await handle('O1').executeUpdate(acceptRectificationUpdate, { args: [{ actor: coordinator }] });
    expect(done.stage).toBe('closed');
    expect(await ledger('O1')).toMatchObject({ stage: 'closed', amount_recovered: '800.00', closed_by: '区专班' });
    // The recorded history is of the flow before the leader's sign-off existed: it stays as recorded, to prove old clues replay.
    await saveHistory('O1', 'drawn-overturned-rectified-signed');
  });

  it('substantiated → referral and rule-building → closed only when both are done', async () => {
    await importClues([clue('S1')]);
    await handle('S1').executeUpdate(verificationUpdate, { args: [{ actor: officer, ...substantiated }] });
    const back = await handle('S1').executeUpdate(signoffUpdate, { args: [{ actor: leader, approve: false, comment: '证据不足，补充银行流水' }] });
    expect(back.stage).toBe('verifying');
    await handle('S1').executeUpdate(verificationUpdate, { args: [{ actor: officer, ...substantiated }] });
    expect((await handle('S1').executeUpdate(signoffUpdate, { args: [{ actor: leader, approve: true }] })).stage).toBe('classifying');
    await handle('S1').executeUpdate(classificationUpdate, { args: [{ actor: coordinator, dispositions: ['referral', 'rule_building'], reason: '涉嫌违纪且属共性问题' }] });
    const half = await handle('S1').executeUpdate(referralOutcomeUpdate, { args: [{ actor: discipline, caseNo: '黄纪2024-01', outcome: '给予党内警告处分', personsHandled: 1 }] });
    expect(half).toMatchObject({ stage: 'disposing', completedDispositions: ['referral'] });
    const done = await handle('S1').executeUpdate(ruleUpdate, { args: [{ actor: civil, title: '临时救助对象死亡信息比对制度', summary: '每月与殡葬数据比对' }] });
    expect(done.stage).toBe('closed');
    const row = await ledger('S1');
    expect(row).toMatchObject({ stage: 'closed', conclusion: 'substantiated', violation_type: 'false_claims', amount_confirmed: '1200.00' });
    expect(row.record.signoff).toMatchObject({ approve: true });
    expect(await actions('S1')).toEqual([
      'imported',
      'verification_submitted',
      'signoff_rejected',
      'verification_submitted',
      'signoff_approved',
      'classified',
      'referral_outcome_recorded',
      'rule_recorded',
      'closed',
    ]);
    await saveHistory('S1', 'substantiated-referral-rule');
  });

  it('refuses every rule violation with its own code and leaves the history unchanged', async () => {
    await importClues([clue('R1', { unitCode: undefined })]);
    const h = handle('R1');
    expect((await h.query(clueStateQuery)).stage).toBe('received');
    const codes = async (run: () => Promise<unknown>) => (await refused(h, run)).map((v) => v.code);
    expect(await codes(() => h.executeUpdate(dispatchUpdate, { args: [{ actor: officer, unitCode: 'hsg-jd' }] }))).toEqual(['role_not_allowed']);
    expect(await codes(() => h.executeUpdate(dispatchUpdate, { args: [{ actor: coordinator, unitCode: 'mars' }] }))).toEqual(['unknown_unit']);
    // A report recipient (区纪委监委) is no verifying body.
    expect(await codes(() => h.executeUpdate(dispatchUpdate, { args: [{ actor: coordinator, unitCode: 'discipline' }] }))).toEqual(['unknown_unit']);
    expect(await codes(() => h.executeUpdate(verificationUpdate, { args: [{ actor: officer, ...unsubstantiated }] }))).toEqual(
      expect.arrayContaining(['not_your_unit', 'wrong_stage']),
    );
    await h.executeUpdate(dispatchUpdate, { args: [{ actor: coordinator, unitCode: 'hsg-jd' }] });
    const reassigned = await h.executeUpdate(dispatchUpdate, { args: [{ actor: coordinator, unitCode: 'syg-jd', reason: '属地调整' }] });
    expect(reassigned).toMatchObject({ stage: 'verifying', unitCode: 'syg-jd' });
    await h.executeUpdate(dispatchUpdate, { args: [{ actor: coordinator, unitCode: 'hsg-jd', reason: '退回原单位' }] });
    expect(await codes(() => h.executeUpdate(verificationUpdate, { args: [{ actor: otherOfficer, ...unsubstantiated }] }))).toEqual(['not_your_unit']);
    const cadre: TeamMember[] = [...goodTeam.slice(0, 2), { name: '孙委员', role: 'member', kind: 'community_cadre' }];
    expect(await codes(() => h.executeUpdate(verificationUpdate, { args: [{ actor: officer, ...unsubstantiated, team: [...cadre] }] }))).toEqual([
      'team_has_village_or_community_cadre',
    ]);
    expect(await codes(() => h.executeUpdate(verificationUpdate, { args: [{ actor: officer, ...unsubstantiated, team: goodTeam.slice(0, 2) }] }))).toEqual([
      'team_too_small',
    ]);
    expect(await codes(() => h.executeUpdate(verificationUpdate, { args: [{ actor: officer, ...unsubstantiated, methods: [] }] }))).toEqual(['methods_missing']);
    expect(await codes(() => h.executeUpdate(verificationUpdate, { args: [{ actor: officer, ...unsubstantiated, standards: undefined }] }))).toEqual([
      'standards_not_confirmed',
    ]);
    expect(
      await codes(() => h.executeUpdate(verificationUpdate, { args: [{ actor: officer, ...unsubstantiated, methods: ['original_records', 'site_visit', 'handler_inquiry', 'neighbour_visit'] }] })),
    ).toEqual(['method_omission_unexplained']);
    expect(
      await codes(() => h.executeUpdate(verificationUpdate, { args: [{ actor: officer, ...substantiated, amountConfirmed: undefined, personsInvolved: [] }] })),
    ).toEqual(['amount_confirmed_required', 'persons_involved_required']);
    expect(await codes(() => h.executeUpdate(verificationUpdate, { args: [{ actor: officer, ...substantiated, evidence: [] }] }))).toEqual(['evidence_required']);
    expect(await codes(() => h.executeUpdate(signoffUpdate, { args: [{ actor: leader, approve: true }] }))).toEqual(['wrong_stage']);
    await h.executeUpdate(verificationUpdate, { args: [{ actor: officer, ...substantiated }] });
    expect(await codes(() => h.executeUpdate(signoffUpdate, { args: [{ actor: officer, approve: true }] }))).toEqual(['role_not_allowed']);
    expect(await codes(() => h.executeUpdate(signoffUpdate, { args: [{ actor: leader, approve: false }] }))).toEqual(['comment_required']);
    expect(await codes(() => h.executeUpdate(transferUpUpdate, { args: [{ actor: leader, reason: ' ' }] }))).toEqual(['reason_required']);
    const transferred = await h.executeUpdate(transferUpUpdate, { args: [{ actor: leader, reason: '涉事人员由市管，超出区管权限' }] });
    expect(transferred.stage).toBe('transferred');
    expect(await ledger('R1')).toMatchObject({ stage: 'transferred', closed_reason: '涉事人员由市管，超出区管权限' });
  });

  it('continues as new when reassignments grow the history, carrying the clue on with no lost or doubled event', async () => {
    await importClues([clue('C1', { projectNo: 9 })]);
    const h = handle('C1');
    const firstRun = (await h.describe()).runId;
    const units = ['syg-jd', 'hsg-jd'];
    let reassignments = 0;
    while ((await h.describe()).runId === firstRun) {
      if (reassignments === 400) throw new Error('no continue-as-new after 400 reassignments');
      await h.executeUpdate(dispatchUpdate, { args: [{ actor: coordinator, unitCode: units[reassignments % 2], reason: `第${reassignments + 1}次调整` }] });
      reassignments += 1;
    }
    expect((await h.describe()).historyLength).toBeLessThan(100);
    const seqs = await t.db.query<{ seq: number }>(`SELECT seq FROM clue_events WHERE campaign_id = $1 AND clue_no = 'C1' ORDER BY seq`, [campaignId]);
    expect(seqs.map((r) => r.seq)).toEqual(Array.from({ length: reassignments + 1 }, (_, i) => i));
    const lastUnit = units[(reassignments - 1) % 2];
    expect(await h.query(clueStateQuery)).toMatchObject({ stage: 'verifying', unitCode: lastUnit });
    const officerOfLast: Actor = { ...officer, unitCode: lastUnit };
    await h.executeUpdate(verificationUpdate, { args: [{ actor: officerOfLast, ...substantiated }] });
    const signed = await h.executeUpdate(signoffUpdate, { args: [{ actor: { ...leader, unitCode: lastUnit }, approve: true }] });
    expect(signed.stage).toBe('classifying');
    await waitFor(async () => (await ledger('C1')).stage === 'classifying', 'C1 classifying in the ledger');
    expect((await actions('C1')).filter((a) => a === 'reassigned')).toHaveLength(reassignments);
  });

  it('escalates an untouched clue at the deadline, +3, +7 and +14 days, and an extension clears it', async () => {
    await importClues([clue('E1', { projectNo: 7 })]);
    const h = handle('E1');
    const dueAt = Date.parse((await h.query(clueStateQuery)).nextDeadline!);
    await env.sleep(dueAt - Date.now() + 60_000);
    await waitFor(async () => (await ledger('E1')).escalation_level === 1, 'level 1 in the ledger');
    expect(await ledger('E1')).toMatchObject({ overdue: true, escalation_level: 1 });
    expect((await h.query(clueStateQuery)).escalationLevel).toBe(1);
    await env.sleep(14 * DAY_MS);
    await waitFor(async () => (await ledger('E1')).escalation_level === 4, 'level 4 in the ledger');
    const rises = await t.db.query<{ at: Date; detail: { level: number } }>(
      `SELECT at, detail FROM clue_events WHERE clue_no = 'E1' AND action = 'escalated' ORDER BY seq`,
    );
    expect(rises.map((r) => r.detail.level)).toEqual([1, 2, 3, 4]);
    rises.forEach((r, i) => {
      const expected = dueAt + [0, 3, 7, 14][i] * DAY_MS;
      expect(r.at.getTime()).toBeGreaterThanOrEqual(expected);
      expect(r.at.getTime()).toBeLessThan(expected + 60_000);
    });

    const state = await t.db.query(`SELECT deadlines, calendar_version FROM campaigns WHERE id = $1`, [campaignId]);
    // The server's clock is now past dueAt + 14 days; the new verification deadline lies after it.
    const later = (days: number) => dueAt + days * DAY_MS;
    const calendar = {
      dueAt: { mobilization: later(-20), verification: later(30), recheck: later(40), rectification: later(60), report: later(70) },
      escalationAfterDays: [0, 3, 7, 14],
      version: state[0].calendar_version + 1,
    };
    await h.signal(calendarChangedSignal, { ...calendar, reason: '汛期延期' });
    await waitFor(async () => !(await ledger('E1')).overdue, 'cleared in the ledger');
    expect(await ledger('E1')).toMatchObject({ overdue: false, escalation_level: 0 });
    expect((await actions('E1')).slice(-1)).toEqual(['deadline_changed']);
    await saveHistory('E1', 'escalated-then-extended');
  });

});

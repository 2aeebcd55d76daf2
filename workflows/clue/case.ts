/**
 * One clue's case (案件): its state, one method per action a person takes on it, and before each a
 * validator that refuses the action — before it reaches history — when it breaks a rule of
 * domain/clue-rules. `clueWorkflow` wires the handlers to it and runs the deadline loop. Every change
 * is written to the ledger by `projectClue`, numbered by `seq`.
 */
import { patched, proxyActivities, proxyLocalActivities, upsertSearchAttributes, workflowInfo } from '@temporalio/workflow';
import { projectionActivityOptions, projectionLocalActivityOptions, searchAttributes as sa } from '../../temporal.config';
import { deadlineStatus, type Calendar } from '../../domain/calendar';
import {
  acceptRectificationViolations,
  classificationViolations,
  dispatchViolations,
  recheckViolations,
  recordVerificationViolations,
  rectificationSignoffViolations,
  rectificationViolations,
  referralOutcomeViolations,
  ruleBuildingViolations,
  signoffViolations,
  transferUpViolations,
} from '../../domain/clue-rules';
import { initialStage } from '../../domain/lifecycle';
import { refuse } from '../../domain/refuse';
import { requireStorable } from '../../domain/requirements';
import { SYSTEM, type Actor, type Disposition, type Stage } from '../../domain/vocabulary';
import type {
  AcceptRectificationInput,
  ClassificationInput,
  ClueActivities,
  ClueState,
  ClueView,
  ClueWorkflowInput,
  DispatchInput,
  RecheckInput,
  RectificationInput,
  RectificationSignoffInput,
  ReferralOutcomeInput,
  RuleInput,
  SamplingDecision,
  SignoffInput,
  TransferUpInput,
  VerificationInput,
} from './definitions';

const acts = proxyActivities<ClueActivities>(projectionActivityOptions);
/**
 * The projection as a local activity: run by the worker inside the workflow task that asked for it,
 * so an action or an escalation costs one workflow task, not an activity task and a second
 * workflow task (a server round trip and four history events fewer; docs/performance/engine.md).
 */
const local = proxyLocalActivities<ClueActivities>(projectionLocalActivityOptions);

/** What a person sent, without who sent it, must be storable as it is before the clue takes it. */
const storable = ({ actor: _actor, ...payload }: { actor: Actor }) => requireStorable(payload);

type Detail = Record<string, unknown>;

const ESCALATION_RECHECK_PATCH = 'escalation-rechecks-each-rise';
/** Clues that projected with an activity keep doing so on replay; new work projects locally. */
const LOCAL_PROJECTION_PATCH = 'projection-local-activity';

export class ClueCase {
  /** Everything the workflow knows of the clue; carried across continue-as-new. */
  private readonly state: ClueState;
  private calendar: Calendar;
  private changes = 0;
  private readonly workflowId = workflowInfo().workflowId;

  constructor(private readonly input: ClueWorkflowInput) {
    this.calendar = input.calendar;
    this.state = input.carried ?? {
      stage: initialStage(input.unitCode),
      unitCode: input.unitCode,
      seq: 0,
      overdue: false,
      dueAt: null,
      escalationLevel: 0,
      verificationInaccurate: false,
      dispositions: [],
      completed: [],
    };
  }

  get stage(): Stage {
    return this.state.stage;
  }

  /** Raised on every change and every message, so the deadline loop knows to look again. */
  get version(): number {
    return this.changes;
  }

  view(): ClueView {
    const s = this.state;
    return {
      campaignId: this.input.campaignId,
      clueNo: this.input.clueNo,
      stage: s.stage,
      unitCode: s.unitCode ?? null,
      conclusion: s.conclusion ?? null,
      dispositions: s.dispositions,
      completedDispositions: s.completed,
      overdue: s.overdue,
      nextDeadline: s.dueAt === null ? null : new Date(s.dueAt).toISOString(),
      escalationLevel: s.escalationLevel,
    };
  }

  /**
   * A new clue's first deadline and search attributes (a carried-on clue has them already; a clue
   * whose starter set them with the start has them too — decided by the input, so replay agrees).
   */
  begin(): void {
    this.refreshDeadline();
    if (!this.input.attributesAtStart) this.publishSearchAttributes();
  }

  // —— Actions (updates): a validator, then the action ——

  validateDispatch(a: DispatchInput): void {
    refuse([...storable(a), ...dispatchViolations(this.state, this.input, a)]);
  }

  async dispatch({ actor, unitCode, reason }: DispatchInput): Promise<ClueView> {
    const previous = this.state.unitCode;
    this.state.unitCode = unitCode;
    return this.transition('verifying', actor, previous ? 'reassigned' : 'dispatched', { unitCode, from: previous ?? null, reason: reason ?? null });
  }

  validateTransferUp(a: TransferUpInput): void {
    refuse([...storable(a), ...transferUpViolations(this.state, a)]);
  }

  async transferUp({ actor, reason }: TransferUpInput): Promise<ClueView> {
    this.state.transfer = { by: actor, reason };
    return this.transition('transferred', actor, 'transferred_up', { reason });
  }

  validateRecordVerification(a: VerificationInput): void {
    refuse([...storable(a), ...recordVerificationViolations(this.state, this.input, a)]);
  }

  async recordVerification({ actor, ...verification }: VerificationInput): Promise<ClueView> {
    this.state.verification = { ...verification, by: actor };
    this.state.signoff = undefined;
    return this.transition('awaiting_signoff', actor, 'verification_submitted', {
      conclusion: verification.conclusion,
      methods: verification.methods,
      team: verification.team.length,
      amountConfirmed: verification.amountConfirmed ?? null,
      // 突出问题 (三(二)): the ledger projection tells the task force and discipline the same day.
      ...(verification.seriousProblem ? { seriousProblem: verification.seriousProblem } : {}),
    });
  }

  validateSignOff(a: SignoffInput): void {
    refuse([...storable(a), ...signoffViolations(this.state, a)]);
  }

  /** Approved, the verification counts: a conclusion of 查否 waits for the project's re-check draw. */
  async signOff({ actor, approve, comment }: SignoffInput): Promise<ClueView> {
    const s = this.state;
    s.signoff = { by: actor, approve, comment };
    if (!approve) return this.transition('verifying', actor, 'signoff_rejected', { comment });
    const v = s.verification!;
    s.conclusion = v.conclusion;
    s.verifyingUnitCode = s.unitCode;
    s.amountConfirmed = v.amountConfirmed;
    if (v.conclusion !== 'unsubstantiated') {
      return this.transition('classifying', actor, 'signoff_approved', { conclusion: v.conclusion, comment: comment ?? null });
    }
    const reply = await this.transition('awaiting_sampling', actor, 'signoff_approved', { conclusion: v.conclusion, comment: comment ?? null });
    await acts.requestSampling({ campaignId: this.input.campaignId, projectNo: this.input.projectNo, clueNo: this.input.clueNo });
    return reply;
  }

  validateRecordRecheck(a: RecheckInput): void {
    refuse([...storable(a), ...recheckViolations(this.state, this.input, a)]);
  }

  /**
   * Confirmed, the clue closes; overturned, the verification is flagged 核查不实 and the clue is
   * classified — and the ledger projection opens an accountability item for discipline (三(四)).
   */
  async recordRecheck({ actor, result, findings, conclusion, amountConfirmed, team, standards, methods, methodsOmitted, evidence }: RecheckInput): Promise<ClueView> {
    const s = this.state;
    s.recheck = { result, findings, conclusion, amountConfirmed, team, standards, methods, methodsOmitted, evidence, by: actor };
    if (result === 'confirmed') {
      s.closed = { by: actor, reason: '复核维持查否结论，销号', at: Date.now() };
      return this.transition('closed', actor, 'recheck_confirmed', { findings });
    }
    s.verificationInaccurate = true;
    s.conclusion = conclusion ?? 'substantiated';
    if (amountConfirmed !== undefined) s.amountConfirmed = amountConfirmed;
    return this.transition('classifying', actor, 'recheck_overturned', {
      findings,
      conclusion: s.conclusion,
      verificationInaccurate: true,
      verifyingUnitCode: s.verifyingUnitCode ?? null,
    });
  }

  validateClassify(a: ClassificationInput): void {
    refuse([...storable(a), ...classificationViolations(this.state, a)]);
  }

  async classify({ actor, dispositions, reason }: ClassificationInput): Promise<ClueView> {
    this.state.dispositions = [...dispositions];
    this.state.completed = [];
    this.state.classificationReason = reason;
    return this.transition('disposing', actor, 'classified', { dispositions, reason });
  }

  validateRecordRectification(a: RectificationInput): void {
    refuse([...storable(a), ...rectificationViolations(this.state, a)]);
  }

  /** A new report replaces the last and waits for the leader again; its amount is pending until then (四(四)). */
  async recordRectification({ actor, measures, amountRecovered, completed }: RectificationInput): Promise<ClueView> {
    this.state.rectification = { measures, amountRecovered, completed };
    await this.record(actor, 'rectification_reported', { measures, amountRecovered: amountRecovered ?? null, completed });
    return this.view();
  }

  validateSignOffRectification(a: RectificationSignoffInput): void {
    refuse([...storable(a), ...rectificationSignoffViolations(this.state, a)]);
  }

  /** Approved, the amount recovered counts; sent back, the unit reports again. */
  async signOffRectification({ actor, approve, comment }: RectificationSignoffInput): Promise<ClueView> {
    const report = this.state.rectification!;
    report.signoff = { by: actor, approve, ...(comment === undefined ? {} : { comment }) };
    if (approve && report.amountRecovered !== undefined) this.state.amountRecovered = report.amountRecovered;
    await this.record(actor, approve ? 'rectification_signed_off' : 'rectification_returned', {
      amountRecovered: approve ? (report.amountRecovered ?? null) : null,
      comment: comment ?? null,
    });
    return this.view();
  }

  validateAcceptRectification(a: AcceptRectificationInput): void {
    refuse([...storable(a), ...acceptRectificationViolations(this.state, a)]);
  }

  async acceptRectification({ actor, comment }: AcceptRectificationInput): Promise<ClueView> {
    this.state.rectification = { ...this.state.rectification!, acceptedBy: actor };
    return this.complete('rectification', actor, 'rectification_accepted', { comment: comment ?? null });
  }

  validateRecordReferralOutcome(a: ReferralOutcomeInput): void {
    refuse([...storable(a), ...referralOutcomeViolations(this.state, a)]);
  }

  async recordReferralOutcome({ actor, caseNo, outcome, personsHandled }: ReferralOutcomeInput): Promise<ClueView> {
    this.state.referral = { caseNo, outcome, personsHandled };
    return this.complete('referral', actor, 'referral_outcome_recorded', { caseNo: caseNo ?? null, outcome, personsHandled: personsHandled ?? null });
  }

  validateRecordRule(a: RuleInput): void {
    refuse([...storable(a), ...ruleBuildingViolations(this.state, this.input, a)]);
  }

  async recordRule({ actor, title, summary }: RuleInput): Promise<ClueView> {
    this.state.rule = { title, summary, department: this.input.departmentCode };
    return this.complete('rule_building', actor, 'rule_recorded', { title, summary });
  }

  // —— Signals: kept as pending until the deadline loop acts on them, so continue-as-new loses none ——

  receiveSamplingDecision(decision: SamplingDecision): void {
    this.state.pendingDecision = decision;
    this.changes += 1;
  }

  /** A stale calendar (not newer than the one in force or the one waiting) is ignored. */
  receiveCalendar(next: Calendar & { reason?: string }): void {
    const pending = this.state.pendingCalendar;
    if (next.version > this.calendar.version && (!pending || next.version > pending.version)) {
      this.state.pendingCalendar = next;
      this.changes += 1;
    }
  }

  // —— What the deadline loop does ——

  /** Something arrived that the loop must act on now. */
  hasPendingMessage(): boolean {
    return !!this.state.pendingCalendar || this.decisionDue();
  }

  /** Puts a new calendar in force; a moved deadline is recorded (and clears or lowers the escalation). */
  async applyPendingCalendar(): Promise<void> {
    const s = this.state;
    if (!s.pendingCalendar) return;
    const { reason, ...next } = s.pendingCalendar;
    s.pendingCalendar = undefined;
    this.calendar = next;
    const before = s.dueAt;
    this.refreshDeadline();
    if (s.dueAt !== before) {
      await this.record(SYSTEM, 'deadline_changed', {
        deadline: s.dueAt === null ? null : new Date(s.dueAt).toISOString(),
        reason: reason ?? null,
        overdue: s.overdue,
      });
    }
  }

  /** Acts on the re-check draw's decision once the clue awaits it; false when there is none to act on. */
  async applySamplingDecision(): Promise<boolean> {
    const s = this.state;
    if (!this.decisionDue()) return false;
    const decision = s.pendingDecision!;
    s.pendingDecision = undefined;
    s.sampling = decision;
    if (decision.drawn) {
      await this.transition('rechecking', SYSTEM, 'sampling_drawn', { drawNo: decision.drawNo });
    } else {
      s.closed = { by: SYSTEM, reason: '未抽中复核，查否销号', at: Date.now() };
      await this.transition('closed', SYSTEM, 'sampling_not_drawn', { drawNo: decision.drawNo, reason: s.closed.reason });
    }
    return true;
  }

  /** Records each escalation level reached since the last look, one event per level (四(三) 不作为、慢作为). */
  async escalate(): Promise<void> {
    const s = this.state;
    // An action can move the clue on while a rise is being written: each rise is then judged against
    // the deadline of the stage the clue is in now, not the one it was in when the loop began.
    const recheckEachRise = patched(ESCALATION_RECHECK_PATCH);
    let status = deadlineStatus(s.stage, this.calendar, Date.now());
    s.overdue = status.overdue;
    while (s.escalationLevel < status.escalationLevel) {
      s.escalationLevel += 1;
      await this.record(SYSTEM, 'escalated', {
        level: s.escalationLevel,
        stage: s.stage,
        deadline: status.dueAt === null ? null : new Date(status.dueAt).toISOString(),
      });
      if (recheckEachRise) {
        status = deadlineStatus(s.stage, this.calendar, Date.now());
        s.overdue = status.overdue;
      }
    }
  }

  /** When the deadline status next changes by itself (an escalation step), if ever. */
  nextChangeAt(): number | null {
    return deadlineStatus(this.state.stage, this.calendar, Date.now()).nextChangeAt;
  }

  /** The input of the next run when the clue continues as new. */
  carryOver(): ClueWorkflowInput {
    return { ...this.input, calendar: this.calendar, carried: this.state };
  }

  // —— How a change is made ——

  private decisionDue(): boolean {
    return !!this.state.pendingDecision && this.state.stage === 'awaiting_sampling';
  }

  private publishSearchAttributes(): void {
    const s = this.state;
    upsertSearchAttributes([
      { key: sa.ClueStage, value: s.stage },
      { key: sa.UnitCode, value: s.unitCode ?? '' },
      { key: sa.Overdue, value: s.overdue },
      { key: sa.EscalationLevel, value: s.escalationLevel },
      { key: sa.NextDeadline, value: s.dueAt === null ? null : new Date(s.dueAt) },
    ]);
  }

  /**
   * Re-reads the deadline of the current stage. A later deadline (new stage, extension) lowers the
   * escalation level at once; rises are left to `escalate`, which records each level as an event.
   */
  private refreshDeadline(): void {
    const status = deadlineStatus(this.state.stage, this.calendar, Date.now());
    this.state.dueAt = status.dueAt;
    this.state.overdue = status.overdue;
    this.state.escalationLevel = Math.min(this.state.escalationLevel, status.escalationLevel);
  }

  private async record(actor: Actor, action: string, detail: Detail = {}): Promise<void> {
    const s = this.state;
    s.seq += 1;
    this.changes += 1;
    this.publishSearchAttributes();
    const project = patched(LOCAL_PROJECTION_PATCH) ? local.projectClue : acts.projectClue;
    await project({
      workflowId: this.workflowId,
      campaignId: this.input.campaignId,
      clueNo: this.input.clueNo,
      seq: s.seq,
      at: Date.now(),
      actor,
      action,
      detail,
      state: JSON.parse(JSON.stringify(s)) as ClueState,
    });
  }

  /** Moves to a stage and records why. */
  private async transition(to: Stage, actor: Actor, action: string, detail: Detail = {}): Promise<ClueView> {
    this.state.stage = to;
    this.refreshDeadline();
    await this.record(actor, action, detail);
    return this.view();
  }

  /** Marks a disposition complete; closes the clue (销号) when none is left. */
  /**
   * Records a disposition done, as `action` — the ledger's row already counts it done — and closes the
   * clue (销号) when none is left.
   */
  private async complete(d: Disposition, actor: Actor, action: string, detail: Detail): Promise<ClueView> {
    const s = this.state;
    s.completed = [...s.completed, d];
    await this.record(actor, action, detail);
    if (s.dispositions.every((x) => s.completed.includes(x))) {
      s.closed = { by: actor, reason: '处置全部办结，销号', at: Date.now() };
      return this.transition('closed', actor, 'closed', { reason: s.closed.reason, dispositions: s.dispositions });
    }
    return this.view();
  }
}

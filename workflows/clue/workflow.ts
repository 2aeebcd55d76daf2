/**
 * ClueWorkflow: one problem clue (问题线索) from dispatch to close-off (销号).
 * Decisions and timers only; every change is written to the ledger by `projectClue`.
 * Each action is an update whose validator enforces the campaign's rules, so a violation is
 * refused before it reaches history.
 */
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  proxyActivities,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { CLUE_HISTORY_LIMIT, ledgerActivityOptions, searchAttributes as sa } from '../../temporal.config';
import { deadlineStatus, type Calendar } from '../../domain/calendar';
import { isTerminal } from '../../domain/lifecycle';
import { DISPOSITIONS, SYSTEM, type Actor, type Disposition, type Stage } from '../../domain/vocabulary';
import { verificationViolations } from '../../domain/verification';
import { violation, type Violation } from '../../domain/violation';
import { refuse, requireRole } from '../../domain/refuse';
import {
  acceptRectificationUpdate,
  calendarChangedSignal,
  classificationUpdate,
  clueStateQuery,
  dispatchUpdate,
  recheckUpdate,
  rectificationUpdate,
  referralOutcomeUpdate,
  ruleUpdate,
  samplingDecisionSignal,
  signoffUpdate,
  transferUpUpdate,
  verificationUpdate,
  type ClueActivities,
  type ClueState,
  type ClueView,
  type ClueWorkflowInput,
} from './definitions';


const acts = proxyActivities<ClueActivities>(ledgerActivityOptions);

function requireStage(stage: Stage, allowed: Stage[], what: string): Violation[] {
  return allowed.includes(stage)
    ? []
    : [violation(409, 'wrong_stage', `线索当前处于 ${stage} 阶段，不能${what}（需处于 ${allowed.join(' / ')}）`)];
}

function requireText(value: unknown, field: string, label: string): Violation[] {
  return typeof value === 'string' && value.trim().length > 0 ? [] : [violation(422, `${field}_required`, `请填写${label}`, field)];
}

export async function clueWorkflow(input: ClueWorkflowInput): Promise<ClueView> {
  const { campaignId, clueNo } = input;
  const workflowId = workflowInfo().workflowId;
  let calendar: Calendar = input.calendar;
  const s: ClueState = input.carried ?? {
    stage: input.unitCode ? 'verifying' : 'received',
    unitCode: input.unitCode,
    seq: 0,
    overdue: false,
    dueAt: null,
    escalationLevel: 0,
    verificationInaccurate: false,
    dispositions: [],
    completed: [],
  };
  /** Bumped on every change so the main loop re-evaluates deadlines. */
  let version = 0;

  const view = (): ClueView => ({
    campaignId,
    clueNo,
    stage: s.stage,
    unitCode: s.unitCode ?? null,
    conclusion: s.conclusion ?? null,
    dispositions: s.dispositions,
    completedDispositions: s.completed,
    overdue: s.overdue,
    nextDeadline: s.dueAt === null ? null : new Date(s.dueAt).toISOString(),
    escalationLevel: s.escalationLevel,
  });

  const publishSearchAttributes = (): void => {
    upsertSearchAttributes([
      { key: sa.ClueStage, value: s.stage },
      { key: sa.UnitCode, value: s.unitCode ?? '' },
      { key: sa.Overdue, value: s.overdue },
      { key: sa.EscalationLevel, value: s.escalationLevel },
      { key: sa.NextDeadline, value: s.dueAt === null ? null : new Date(s.dueAt) },
    ]);
  };

  /**
   * Re-reads the deadline of the current stage. A later deadline (new stage, extension) lowers the
   * escalation level at once; rises are left to `escalate`, which records each level as an event.
   */
  const refreshDeadline = (): void => {
    const status = deadlineStatus(s.stage, calendar, Date.now());
    s.dueAt = status.dueAt;
    s.overdue = status.overdue;
    s.escalationLevel = Math.min(s.escalationLevel, status.escalationLevel);
  };

  const record = async (actor: Actor, action: string, detail: Record<string, unknown> = {}): Promise<void> => {
    s.seq += 1;
    version += 1;
    publishSearchAttributes();
    await acts.projectClue({
      workflowId,
      campaignId,
      clueNo,
      seq: s.seq,
      at: Date.now(),
      actor,
      action,
      detail,
      state: JSON.parse(JSON.stringify(s)) as ClueState,
    });
  };

  /** Moves to a stage and records why. */
  const transition = async (to: Stage, actor: Actor, action: string, detail: Record<string, unknown> = {}): Promise<ClueView> => {
    s.stage = to;
    refreshDeadline();
    await record(actor, action, detail);
    return view();
  };

  const escalate = async (): Promise<void> => {
    const status = deadlineStatus(s.stage, calendar, Date.now());
    s.overdue = status.overdue;
    while (s.escalationLevel < status.escalationLevel) {
      s.escalationLevel += 1;
      await record(SYSTEM, 'escalated', {
        level: s.escalationLevel,
        stage: s.stage,
        deadline: status.dueAt === null ? null : new Date(status.dueAt).toISOString(),
      });
    }
  };

  const isUnitMember = (actor: Actor): boolean => !!actor.unitCode && actor.unitCode === s.unitCode;
  const unitViolation = (actor: Actor): Violation[] =>
    isUnitMember(actor) ? [] : [violation(403, 'not_your_unit', `该线索由 ${s.unitCode ?? '（未分派）'} 核查，${actor.unitCode ?? '无单位'} 无权办理`)];
  const openDisposition = (d: Disposition, what: string): Violation[] =>
    !s.dispositions.includes(d)
      ? [violation(409, 'disposition_not_chosen', `该线索的处置方式不含“${what}”`)]
      : s.completed.includes(d)
        ? [violation(409, 'disposition_complete', `“${what}”已办结`)]
        : [];

  /** Marks a disposition complete; closes the clue (销号) when none is left. */
  const complete = async (d: Disposition, actor: Actor): Promise<ClueView> => {
    s.completed = [...s.completed, d];
    if (s.dispositions.every((x) => s.completed.includes(x))) {
      s.closed = { by: actor, reason: '处置全部办结，销号', at: Date.now() };
      return transition('closed', actor, 'closed', { reason: s.closed.reason, dispositions: s.dispositions });
    }
    return view();
  };

  setHandler(clueStateQuery, view);

  setHandler(samplingDecisionSignal, (decision) => {
    s.pendingDecision = decision;
    version += 1;
  });

  setHandler(calendarChangedSignal, (next) => {
    if (next.version > calendar.version && (!s.pendingCalendar || next.version > s.pendingCalendar.version)) {
      s.pendingCalendar = next;
      version += 1;
    }
  });

  setHandler(
    dispatchUpdate,
    async ({ actor, unitCode, reason }) => {
      const previous = s.unitCode;
      s.unitCode = unitCode;
      return transition('verifying', actor, previous ? 'reassigned' : 'dispatched', { unitCode, from: previous ?? null, reason: reason ?? null });
    },
    {
      validator: ({ actor, unitCode }) =>
        refuse([
          ...requireRole(actor, ['coordinator'], '分派线索'),
          ...requireStage(s.stage, ['received', 'verifying'], '分派'),
          ...(input.unitCodes.includes(unitCode)
            ? []
            : [violation(422, 'unknown_unit', `未知的核查单位 ${unitCode}；可选：${input.unitCodes.join(', ')}`, 'unitCode')]),
          ...(unitCode === s.unitCode ? [violation(409, 'already_assigned', `线索已由 ${unitCode} 核查`, 'unitCode')] : []),
        ]),
    },
  );

  setHandler(
    transferUpUpdate,
    async ({ actor, reason }) => {
      s.transfer = { by: actor, reason };
      return transition('transferred', actor, 'transferred_up', { reason });
    },
    {
      validator: ({ actor, reason }) =>
        refuse([
          ...requireRole(actor, ['coordinator', 'unit_leader'], '上报上级纪委监委'),
          ...(actor.role === 'unit_leader' ? unitViolation(actor) : []),
          ...requireStage(s.stage, ['received', 'verifying', 'awaiting_signoff'], '上报上级'),
          ...requireText(reason, 'reason', '上报理由（干部管理权限在本地区以外的情况）'),
        ]),
    },
  );

  setHandler(
    verificationUpdate,
    async ({ actor, ...verification }) => {
      s.verification = { ...verification, by: actor };
      s.signoff = undefined;
      return transition('awaiting_signoff', actor, 'verification_submitted', {
        conclusion: verification.conclusion,
        methods: verification.methods,
        team: verification.team.length,
        amountConfirmed: verification.amountConfirmed ?? null,
      });
    },
    {
      validator: ({ actor, ...verification }) =>
        refuse([
          ...requireRole(actor, ['unit_officer'], '录入核查情况'),
          ...unitViolation(actor),
          ...requireStage(s.stage, ['verifying'], '录入核查情况'),
          ...verificationViolations(verification, input.policy),
        ]),
    },
  );

  setHandler(
    signoffUpdate,
    async ({ actor, approve, comment }) => {
      s.signoff = { by: actor, approve, comment };
      if (!approve) return transition('verifying', actor, 'signoff_rejected', { comment });
      const v = s.verification!;
      s.conclusion = v.conclusion;
      s.verifyingUnitCode = s.unitCode;
      s.amountConfirmed = v.amountConfirmed;
      if (v.conclusion !== 'unsubstantiated') {
        return transition('classifying', actor, 'signoff_approved', { conclusion: v.conclusion, comment: comment ?? null });
      }
      const reply = await transition('awaiting_sampling', actor, 'signoff_approved', { conclusion: v.conclusion, comment: comment ?? null });
      await acts.requestSampling({ campaignId, projectNo: input.projectNo, clueNo });
      return reply;
    },
    {
      validator: ({ actor, approve, comment }) =>
        refuse([
          ...requireRole(actor, ['unit_leader'], '审核核查情况'),
          ...unitViolation(actor),
          ...requireStage(s.stage, ['awaiting_signoff'], '审核'),
          ...(approve === false ? requireText(comment, 'comment', '退回意见') : []),
        ]),
    },
  );

  setHandler(
    recheckUpdate,
    async ({ actor, result, findings, conclusion, amountConfirmed }) => {
      s.recheck = { result, findings, conclusion, amountConfirmed, by: actor };
      if (result === 'confirmed') {
        s.closed = { by: actor, reason: '复核维持查否结论，销号', at: Date.now() };
        return transition('closed', actor, 'recheck_confirmed', { findings });
      }
      s.verificationInaccurate = true;
      s.conclusion = conclusion ?? 'substantiated';
      if (amountConfirmed !== undefined) s.amountConfirmed = amountConfirmed;
      return transition('classifying', actor, 'recheck_overturned', {
        findings,
        conclusion: s.conclusion,
        verificationInaccurate: true,
        verifyingUnitCode: s.verifyingUnitCode ?? null,
      });
    },
    {
      validator: ({ actor, result, findings, conclusion, amountConfirmed }) =>
        refuse([
          ...requireRole(actor, ['rechecker'], '录入复核结果'),
          ...(actor.unitCode && actor.unitCode === s.verifyingUnitCode
            ? [violation(403, 'rechecker_from_verifying_unit', `复核人员不得来自原核查单位 ${s.verifyingUnitCode}`)]
            : []),
          ...requireStage(s.stage, ['rechecking'], '录入复核结果'),
          ...(result === 'confirmed' || result === 'overturned'
            ? []
            : [violation(422, 'result_invalid', '复核结果应为 confirmed（维持）或 overturned（推翻）', 'result')]),
          ...requireText(findings, 'findings', '复核情况'),
          ...(result === 'overturned' && conclusion !== undefined && conclusion === 'unsubstantiated'
            ? [violation(422, 'conclusion_invalid', '推翻查否结论时，新结论应为 substantiated 或 partially_substantiated', 'conclusion')]
            : []),
          ...(amountConfirmed !== undefined && !(amountConfirmed >= 0)
            ? [violation(422, 'amount_invalid', '查实金额应 ≥ 0', 'amountConfirmed')]
            : []),
        ]),
    },
  );

  setHandler(
    classificationUpdate,
    async ({ actor, dispositions, reason }) => {
      s.dispositions = [...dispositions];
      s.completed = [];
      s.classificationReason = reason;
      return transition('disposing', actor, 'classified', { dispositions, reason });
    },
    {
      validator: ({ actor, dispositions, reason }) => {
        const list = Array.isArray(dispositions) ? dispositions : [];
        refuse([
          ...requireRole(actor, ['coordinator'], '分类处置'),
          ...requireStage(s.stage, ['classifying'], '分类处置'),
          ...(list.length === 0 || list.some((d) => !DISPOSITIONS.includes(d)) || new Set(list).size !== list.length
            ? [violation(422, 'dispositions_invalid', `请选择一种或多种不重复的处置方式：${DISPOSITIONS.join(' / ')}`, 'dispositions')]
            : []),
          ...requireText(reason, 'reason', '分类理由'),
        ]);
      },
    },
  );

  setHandler(
    rectificationUpdate,
    async ({ actor, measures, amountRecovered, completed }) => {
      s.rectification = { measures, amountRecovered, completed };
      if (amountRecovered !== undefined) s.amountRecovered = amountRecovered;
      await record(actor, 'rectification_reported', { measures, amountRecovered: amountRecovered ?? null, completed });
      return view();
    },
    {
      validator: ({ actor, measures, amountRecovered, completed }) =>
        refuse([
          ...requireRole(actor, ['unit_officer'], '报告整改情况'),
          ...unitViolation(actor),
          ...requireStage(s.stage, ['disposing'], '报告整改情况'),
          ...openDisposition('rectification', '整改纠正'),
          ...requireText(measures, 'measures', '整改措施'),
          ...(typeof completed === 'boolean' ? [] : [violation(422, 'completed_required', '请注明整改是否完成（completed）', 'completed')]),
          ...(amountRecovered !== undefined && !(amountRecovered >= 0)
            ? [violation(422, 'amount_invalid', '追回金额应 ≥ 0', 'amountRecovered')]
            : []),
        ]),
    },
  );

  setHandler(
    acceptRectificationUpdate,
    async ({ actor, comment }) => {
      s.rectification = { ...s.rectification!, acceptedBy: actor };
      await record(actor, 'rectification_accepted', { comment: comment ?? null });
      return complete('rectification', actor);
    },
    {
      validator: ({ actor }) =>
        refuse([
          ...requireRole(actor, ['coordinator'], '验收整改'),
          ...requireStage(s.stage, ['disposing'], '验收整改'),
          ...openDisposition('rectification', '整改纠正'),
          ...(s.rectification?.completed ? [] : [violation(409, 'rectification_not_reported', '单位尚未报告整改完成，不能验收')]),
        ]),
    },
  );

  setHandler(
    referralOutcomeUpdate,
    async ({ actor, caseNo, outcome, personsHandled }) => {
      s.referral = { caseNo, outcome, personsHandled };
      await record(actor, 'referral_outcome_recorded', { caseNo: caseNo ?? null, outcome, personsHandled: personsHandled ?? null });
      return complete('referral', actor);
    },
    {
      validator: ({ actor, outcome, personsHandled }) =>
        refuse([
          ...requireRole(actor, ['discipline'], '录入移交处理结果'),
          ...requireStage(s.stage, ['disposing'], '录入移交处理结果'),
          ...openDisposition('referral', '移交纪检监察机关'),
          ...requireText(outcome, 'outcome', '处理结果'),
          ...(personsHandled !== undefined && !(Number.isInteger(personsHandled) && personsHandled >= 0)
            ? [violation(422, 'persons_handled_invalid', '处理人数应为不小于0的整数', 'personsHandled')]
            : []),
        ]),
    },
  );

  setHandler(
    ruleUpdate,
    async ({ actor, title, summary }) => {
      s.rule = { title, summary, department: input.departmentCode };
      await record(actor, 'rule_recorded', { title, summary });
      return complete('rule_building', actor);
    },
    {
      validator: ({ actor, title, summary }) =>
        refuse([
          ...requireRole(actor, ['department'], '录入建章立制'),
          ...(actor.unitCode === input.departmentCode
            ? []
            : [violation(403, 'not_responsible_department', `该项目的责任部门为 ${input.departmentCode}，${actor.unitCode ?? '无单位'} 无权录入`)]),
          ...requireStage(s.stage, ['disposing'], '录入建章立制'),
          ...openDisposition('rule_building', '建章立制'),
          ...requireText(title, 'title', '制度名称'),
          ...requireText(summary, 'summary', '制度内容摘要'),
        ]),
    },
  );

  if (!input.carried) {
    refreshDeadline();
    publishSearchAttributes();
  }

  while (!isTerminal(s.stage)) {
    if (s.pendingCalendar) {
      const { reason, ...next } = s.pendingCalendar;
      s.pendingCalendar = undefined;
      calendar = next;
      const before = s.dueAt;
      refreshDeadline();
      if (s.dueAt !== before) {
        await record(SYSTEM, 'deadline_changed', {
          deadline: s.dueAt === null ? null : new Date(s.dueAt).toISOString(),
          reason: reason ?? null,
          overdue: s.overdue,
        });
      }
    }
    if (s.pendingDecision && s.stage === 'awaiting_sampling') {
      const decision = s.pendingDecision;
      s.pendingDecision = undefined;
      s.sampling = decision;
      if (decision.drawn) {
        await transition('rechecking', SYSTEM, 'sampling_drawn', { drawNo: decision.drawNo });
      } else {
        s.closed = { by: SYSTEM, reason: '未抽中复核，查否销号', at: Date.now() };
        await transition('closed', SYSTEM, 'sampling_not_drawn', { drawNo: decision.drawNo, reason: s.closed.reason });
      }
      continue;
    }
    await escalate();
    if (isTerminal(s.stage)) break;

    if (workflowInfo().historyLength > CLUE_HISTORY_LIMIT || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof clueWorkflow>({ ...input, calendar, carried: s });
    }

    const seen = version;
    const wakeAt = deadlineStatus(s.stage, calendar, Date.now()).nextChangeAt;
    const woken = () => version !== seen || !!s.pendingCalendar || (!!s.pendingDecision && s.stage === 'awaiting_sampling');
    if (wakeAt === null) await condition(woken);
    else await condition(woken, Math.max(1, wakeAt - Date.now()));
  }

  await condition(allHandlersFinished);
  return view();
}

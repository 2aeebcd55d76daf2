/**
 * What each action on a clue must satisfy before the clue workflow takes it (DESIGN.md "Rules the
 * workflow enforces"); the work plan's section is cited at each rule. Every function returns all the
 * rules the action breaks, in the order a person should read them — empty means it may go ahead —
 * and the workflow's update validators refuse with exactly that list.
 */
import type {
  AcceptRectificationPayload,
  Acting,
  ClassificationPayload,
  DispatchPayload,
  RecheckPayload,
  RectificationPayload,
  RectificationSignoffPayload,
  ReferralOutcomePayload,
  RulePayload,
  SignoffPayload,
  TransferUpPayload,
  VerificationPayload,
} from './actions';
import { requireAmount, requireRole, requireStage, requireText } from './requirements';
import { evidenceViolations, verificationViolations, workViolations, type VerificationPolicy } from './verification';
import { DISPOSITIONS, RECHECK_RESULTS, type Actor, type Disposition, type Stage } from './vocabulary';
import { violation, type Violation } from './violation';

/** What the rules read of a clue's state (the clue workflow's state has all of it). */
export interface ClueFacts {
  stage: Stage;
  /** The unit verifying it now (核查主体); none while it waits for dispatch. */
  unitCode?: string;
  /** The unit whose verification its leader signed off. */
  verifyingUnitCode?: string;
  /** The dispositions chosen at classification, and those done. */
  dispositions: readonly Disposition[];
  completed: readonly Disposition[];
  /** The latest rectification report, and its leader's sign-off once given. */
  rectification?: { completed: boolean; signoff?: { approve: boolean } };
}

/** What the rules read of the clue's campaign and project, fixed when the clue starts. */
export interface ClueSetting {
  /** The verifying bodies a clue may be dispatched to: units, and departments (三(三)) in clues started since they may. */
  unitCodes: readonly string[];
  /** The project's responsible department (责任部门, 附件1). */
  departmentCode: string;
  policy: VerificationPolicy;
}

/**
 * A unit acts only on the clues it verifies (三(二) 组织力量对区域内的问题线索逐一开展调查核实;
 * DESIGN.md: a person acts only within its unit unless its role is district-wide).
 */
export function requireUnitMember(clue: Pick<ClueFacts, 'unitCode'>, actor: Actor): Violation[] {
  return actor.unitCode && actor.unitCode === clue.unitCode
    ? []
    : [violation(403, 'not_your_unit', `该线索由 ${clue.unitCode ?? '（未分派）'} 核查，${actor.unitCode ?? '无单位'} 无权办理`)];
}

/** A disposition is worked on only when classification chose it (二(四) 分类处置), and only once. */
export function requireOpenDisposition(clue: Pick<ClueFacts, 'dispositions' | 'completed'>, disposition: Disposition, what: string): Violation[] {
  if (!clue.dispositions.includes(disposition)) return [violation(409, 'disposition_not_chosen', `该线索的处置方式不含“${what}”`)];
  if (clue.completed.includes(disposition)) return [violation(409, 'disposition_complete', `“${what}”已办结`)];
  return [];
}

/** 分派 / 改派 (二(一) 分解到有关核查主体): by the task force, to a verifying body of the campaign other than the present one. */
export function dispatchViolations(clue: ClueFacts, setting: Pick<ClueSetting, 'unitCodes'>, { actor, unitCode }: Acting<DispatchPayload>): Violation[] {
  return [
    ...requireRole(actor, ['coordinator'], '分派线索'),
    ...requireStage(clue.stage, ['received', 'verifying'], '分派'),
    ...(setting.unitCodes.includes(unitCode)
      ? []
      : [violation(422, 'unknown_unit', `未知的核查主体 ${unitCode}；可选：${setting.unitCodes.join(', ')}`, 'unitCode')]),
    ...(unitCode === clue.unitCode ? [violation(409, 'already_assigned', `线索已由 ${unitCode} 核查`, 'unitCode')] : []),
  ];
}

/**
 * 上报上级纪委监委 (三(二) 干部管理权限在本地区以外的问题线索): the task force, or the leader of the
 * verifying unit, before the verification counts, saying why.
 */
export function transferUpViolations(clue: ClueFacts, { actor, reason }: Acting<TransferUpPayload>): Violation[] {
  return [
    ...requireRole(actor, ['coordinator', 'unit_leader'], '上报上级纪委监委'),
    ...(actor.role === 'unit_leader' ? requireUnitMember(clue, actor) : []),
    ...requireStage(clue.stage, ['received', 'verifying', 'awaiting_signoff'], '上报上级'),
    ...requireText(reason, 'reason', '上报理由（干部管理权限在本地区以外的情况）'),
  ];
}

/** 核查 (二(二)): an officer of the verifying unit, with a verification that meets the plan's standard. */
export function recordVerificationViolations(
  clue: ClueFacts,
  setting: Pick<ClueSetting, 'policy'>,
  { actor, ...verification }: Acting<VerificationPayload>,
): Violation[] {
  return [
    ...requireRole(actor, ['unit_officer'], '录入核查情况'),
    ...requireUnitMember(clue, actor),
    ...requireStage(clue.stage, ['verifying'], '录入核查情况'),
    ...verificationViolations(verification, setting.policy),
  ];
}

/** 主要领导严格审核把关 (四(四)): the verifying unit's leader; sending it back needs a comment saying what to fix. */
export function signoffViolations(clue: ClueFacts, { actor, approve, comment }: Acting<SignoffPayload>): Violation[] {
  return [
    ...requireRole(actor, ['unit_leader'], '审核核查情况'),
    ...requireUnitMember(clue, actor),
    ...requireStage(clue.stage, ['awaiting_signoff'], '审核'),
    ...(approve === false ? requireText(comment, 'comment', '退回意见') : []),
  ];
}

/**
 * 抽查复核 (二(三) 区级成立复核抽查组): by the district re-check group, confirming or overturning the
 * clue. Its work meets the verification's standard (二(二) 在问题线索核查和复核抽查过程中: team,
 * five standards, five methods), and an overturn — a finding — rests on evidence and cannot be 查否
 * again. Nobody on it comes from the unit that verified the clue (DESIGN.md; 四(二) 复核走过场): the
 * group is district-level, so a rechecker token has no unit, and each team member seconded from a
 * unit or department says which.
 */
export function recheckViolations(clue: ClueFacts, setting: Pick<ClueSetting, 'policy'>, payload: Acting<RecheckPayload>): Violation[] {
  const { actor, result, findings, conclusion, amountConfirmed, team, evidence } = payload;
  const ownUnit = clue.verifyingUnitCode;
  const fromOwnUnit = (Array.isArray(team) ? team : []).filter((m) => ownUnit && m?.unitCode === ownUnit).map((m) => m.name);
  return [
    ...requireRole(actor, ['rechecker'], '录入复核结果'),
    ...(actor.unitCode && actor.unitCode === ownUnit ? [violation(403, 'rechecker_from_verifying_unit', `复核人员不得来自原核查单位 ${ownUnit}`)] : []),
    ...(fromOwnUnit.length > 0
      ? [violation(422, 'rechecker_from_verifying_unit', `复核组成员不得来自原核查单位 ${ownUnit}：${fromOwnUnit.join('、')}`, 'team')]
      : []),
    ...requireStage(clue.stage, ['rechecking'], '录入复核结果'),
    ...(RECHECK_RESULTS.includes(result) ? [] : [violation(422, 'result_invalid', '复核结果应为 confirmed（维持）或 overturned（推翻）', 'result')]),
    ...requireText(findings, 'findings', '复核情况'),
    ...workViolations(payload, setting.policy, '复核'),
    ...(result === 'overturned' && conclusion === 'unsubstantiated'
      ? [violation(422, 'conclusion_invalid', '推翻查否结论时，新结论应为 substantiated 或 partially_substantiated', 'conclusion')]
      : []),
    ...(result === 'overturned' ? evidenceViolations(evidence, '推翻查否结论') : []),
    ...requireAmount(amountConfirmed, 'amountConfirmed', '查实金额'),
  ];
}

/** 分类处置 (二(四)): the task force chooses one or more distinct dispositions, and says why. */
export function classificationViolations(clue: ClueFacts, { actor, dispositions, reason }: Acting<ClassificationPayload>): Violation[] {
  const list: unknown[] = Array.isArray(dispositions) ? dispositions : [];
  const valid = list.length > 0 && list.every((d) => DISPOSITIONS.includes(d as Disposition)) && new Set(list).size === list.length;
  return [
    ...requireRole(actor, ['coordinator'], '分类处置'),
    ...requireStage(clue.stage, ['classifying'], '分类处置'),
    ...(valid ? [] : [violation(422, 'dispositions_invalid', `请选择一种或多种不重复的处置方式：${DISPOSITIONS.join(' / ')}`, 'dispositions')]),
    ...requireText(reason, 'reason', '分类理由'),
  ];
}

/**
 * 整改纠正 (二(四) 一般性违规问题由各街道（管理区）组织整改纠正; 三(三) departments rectify the clues
 * handed to them): the verifying body reports what it did.
 */
export function rectificationViolations(clue: ClueFacts, { actor, measures, amountRecovered, completed }: Acting<RectificationPayload>): Violation[] {
  return [
    ...requireRole(actor, ['unit_officer'], '报告整改情况'),
    ...requireUnitMember(clue, actor),
    ...requireStage(clue.stage, ['disposing'], '报告整改情况'),
    ...requireOpenDisposition(clue, 'rectification', '整改纠正'),
    ...requireText(measures, 'measures', '整改措施'),
    ...(typeof completed === 'boolean' ? [] : [violation(422, 'completed_required', '请注明整改是否完成（completed）', 'completed')]),
    ...requireAmount(amountRecovered, 'amountRecovered', '追回金额'),
  ];
}

/**
 * 主要领导审核把关 (四(四) 对报送的…涉案金额…各单位主要领导要严格审核把关): the verifying body's leader
 * signs off its rectification report, and the amount recovered counts only then. Sending it back needs a
 * comment saying what to fix.
 */
export function rectificationSignoffViolations(clue: ClueFacts, { actor, approve, comment }: Acting<RectificationSignoffPayload>): Violation[] {
  return [
    ...requireRole(actor, ['unit_leader'], '审核整改情况'),
    ...requireUnitMember(clue, actor),
    ...requireStage(clue.stage, ['disposing'], '审核整改情况'),
    ...requireOpenDisposition(clue, 'rectification', '整改纠正'),
    ...(!clue.rectification
      ? [violation(409, 'rectification_not_reported', '单位尚未报告整改情况，无可审核')]
      : clue.rectification.signoff
        ? [violation(409, 'rectification_already_reviewed', '本次整改情况已审核；单位重新报告后可再审核')]
        : []),
    ...(approve === false ? requireText(comment, 'comment', '退回意见') : []),
  ];
}

/**
 * The task force accepts a rectification only once the unit reports it complete and its leader has
 * signed that report off (二(二) 销号管理; 四(四)).
 */
export function acceptRectificationViolations(clue: ClueFacts, { actor }: Acting<AcceptRectificationPayload>): Violation[] {
  const report = clue.rectification;
  return [
    ...requireRole(actor, ['coordinator'], '验收整改'),
    ...requireStage(clue.stage, ['disposing'], '验收整改'),
    ...requireOpenDisposition(clue, 'rectification', '整改纠正'),
    ...(!report?.completed
      ? [violation(409, 'rectification_not_reported', '单位尚未报告整改完成，不能验收')]
      : report.signoff?.approve !== true
        ? [violation(409, 'rectification_not_signed_off', '整改情况尚未经单位主要领导审核同意，不能验收')]
        : []),
  ];
}

/** 交由纪检监察机关依规依纪依法处理 (二(四), 三(四)): discipline records what it decided. */
export function referralOutcomeViolations(clue: ClueFacts, { actor, outcome, personsHandled }: Acting<ReferralOutcomePayload>): Violation[] {
  return [
    ...requireRole(actor, ['discipline'], '录入移交处理结果'),
    ...requireStage(clue.stage, ['disposing'], '录入移交处理结果'),
    ...requireOpenDisposition(clue, 'referral', '移交纪检监察机关'),
    ...requireText(outcome, 'outcome', '处理结果'),
    ...(personsHandled !== undefined && !(Number.isInteger(personsHandled) && personsHandled >= 0)
      ? [violation(422, 'persons_handled_invalid', '处理人数应为不小于0的整数', 'personsHandled')]
      : []),
  ];
}

/**
 * 建章立制 (二(四) 系统性、普遍性问题由相关业务主管部门建章立制; 三(三)): only the project's responsible
 * department records the rule it made.
 */
export function ruleBuildingViolations(
  clue: ClueFacts,
  setting: Pick<ClueSetting, 'departmentCode'>,
  { actor, title, summary }: Acting<RulePayload>,
): Violation[] {
  return [
    ...requireRole(actor, ['department'], '录入建章立制'),
    ...(actor.unitCode === setting.departmentCode
      ? []
      : [violation(403, 'not_responsible_department', `该项目的责任部门为 ${setting.departmentCode}，${actor.unitCode ?? '无单位'} 无权录入`)]),
    ...requireStage(clue.stage, ['disposing'], '录入建章立制'),
    ...requireOpenDisposition(clue, 'rule_building', '建章立制'),
    ...requireText(title, 'title', '制度名称'),
    ...requireText(summary, 'summary', '制度内容摘要'),
  ];
}

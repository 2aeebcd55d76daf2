/**
 * The vocabulary of a campaign, shared by the API, the activities and the workflows.
 * Pure data and types only: workflow code imports this.
 */

/** Lifecycle stages of a clue — the contract of `stage` in the API and `ClueStage` in Temporal. */
export const STAGES = [
  'received', // 已接收，待分派
  'verifying', // 核查中
  'awaiting_signoff', // 待主要领导审核
  'awaiting_sampling', // 查否，待抽查
  'rechecking', // 复核中
  'classifying', // 待分类处置
  'disposing', // 处置中
  'closed', // 已销号
  'transferred', // 已上报上级纪委监委
] as const;
export type Stage = (typeof STAGES)[number];

export const TERMINAL_STAGES: readonly Stage[] = ['closed', 'transferred'];
export const isTerminal = (stage: Stage): boolean => TERMINAL_STAGES.includes(stage);

export const STAGE_NAMES: Record<Stage, string> = {
  received: '待分派',
  verifying: '核查中',
  awaiting_signoff: '待领导审核',
  awaiting_sampling: '待抽查',
  rechecking: '复核中',
  classifying: '待分类处置',
  disposing: '处置中',
  closed: '已销号',
  transferred: '已上报上级',
};

export const ROLES = [
  'coordinator', // 区专班
  'unit_officer', // 街道核查组
  'unit_leader', // 单位主要领导
  'rechecker', // 抽查复查组
  'department', // 业务主管部门
  'discipline', // 区纪委监委
  'inspector', // 巡查督导组
  'system', // 对接系统
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that act only within their own unit (or, for a department, its own projects). */
export const UNIT_SCOPED_ROLES: readonly Role[] = ['unit_officer', 'unit_leader', 'department'];

export interface Actor {
  name: string;
  role: Role;
  unitCode?: string;
}

export const DEADLINE_KEYS = ['mobilization', 'verification', 'recheck', 'rectification', 'report'] as const;
export type DeadlineKey = (typeof DEADLINE_KEYS)[number];

export const CONCLUSIONS = ['substantiated', 'partially_substantiated', 'unsubstantiated'] as const;
export type Conclusion = (typeof CONCLUSIONS)[number];
export const CONCLUSION_NAMES: Record<Conclusion, string> = {
  substantiated: '查实',
  partially_substantiated: '部分属实',
  unsubstantiated: '查否',
};

export const DISPOSITIONS = ['referral', 'rectification', 'rule_building'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];
export const DISPOSITION_NAMES: Record<Disposition, string> = {
  referral: '移交纪检监察机关',
  rectification: '组织整改纠正',
  rule_building: '建章立制',
};

export const VERIFICATION_METHODS = [
  'subject_statement', // 听对象陈述
  'original_records', // 查原始资料
  'site_visit', // 看实际现场
  'handler_inquiry', // 问经手经办
  'neighbour_visit', // 访左邻右舍
] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

export const MEMBER_KINDS = ['cadre', 'village_cadre', 'community_cadre', 'staff'] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];

/** Kinds of violation named by the plan (四、(四)): 贪污挪用、虚报冒领、吃拿卡要、优亲厚友. */
export const VIOLATION_TYPES = ['embezzlement', 'false_claims', 'extortion', 'favouritism', 'other'] as const;
export type ViolationType = (typeof VIOLATION_TYPES)[number];

/** Who was involved, by category — the 违纪违规人员构成 a unit leader reviews. */
export const PERSON_CATEGORIES = ['village_cadre', 'community_cadre', 'public_servant', 'beneficiary', 'other'] as const;
export type PersonCategory = (typeof PERSON_CATEGORIES)[number];

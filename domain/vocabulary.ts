/**
 * The vocabulary of a campaign, shared by the API, the activities and the workflows: the codes the
 * API and the ledger store. Their Chinese names are in labels.ts. Pure data and types only.
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

export interface Actor {
  name: string;
  role: Role;
  unitCode?: string;
}

/** clueflow itself, for what happens on a timer or a draw rather than by a person's hand. */
export const SYSTEM: Actor = { name: '系统', role: 'system' };

export const DEADLINE_KEYS = ['mobilization', 'verification', 'recheck', 'rectification', 'report'] as const;
export type DeadlineKey = (typeof DEADLINE_KEYS)[number];

export const CONCLUSIONS = ['substantiated', 'partially_substantiated', 'unsubstantiated'] as const;
export type Conclusion = (typeof CONCLUSIONS)[number];

export const DISPOSITIONS = ['referral', 'rectification', 'rule_building'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export const VERIFICATION_METHODS = [
  'subject_statement', // 听对象陈述
  'original_records', // 查原始资料
  'site_visit', // 看实际现场
  'handler_inquiry', // 问经手经办
  'neighbour_visit', // 访左邻右舍
] as const;
export type VerificationMethod = (typeof VERIFICATION_METHODS)[number];

/** The five standards of 二(二), each of which a verification and a re-check must confirm it met. */
export const VERIFICATION_STANDARDS = [
  'item_by_item', // 逐条逐项
  'people_and_facts', // 见人见事
  'solid_evidence', // 证据扎实
  'precise_analysis', // 分析精准
  'specific_opinion', // 意见具体
] as const;
export type VerificationStandard = (typeof VERIFICATION_STANDARDS)[number];

export const MEMBER_KINDS = ['cadre', 'village_cadre', 'community_cadre', 'staff'] as const;
export type MemberKind = (typeof MEMBER_KINDS)[number];

/** Kinds of violation named by the plan (三(四)): 贪污挪用、虚报冒领、吃拿卡要、优亲厚友. */
export const VIOLATION_TYPES = ['embezzlement', 'false_claims', 'extortion', 'favouritism', 'other'] as const;
export type ViolationType = (typeof VIOLATION_TYPES)[number];

/** Who was involved, by category — the 违纪违规人员构成 a unit leader reviews (四(四)). */
export const PERSON_CATEGORIES = ['village_cadre', 'community_cadre', 'public_servant', 'beneficiary', 'other'] as const;
export type PersonCategory = (typeof PERSON_CATEGORIES)[number];

/** How grave an inspection notice (通报, 四(二)) is. */
export const NOTICE_SEVERITIES = ['general', 'serious', 'grave'] as const;
export type NoticeSeverity = (typeof NOTICE_SEVERITIES)[number];

/** What opens an accountability item (问责事项) for the discipline commission (三(四), 四(二)). */
export const ACCOUNTABILITY_SOURCES = ['recheck_overturned', 'grave_notice'] as const;
export type AccountabilitySource = (typeof ACCOUNTABILITY_SOURCES)[number];

export const RECHECK_RESULTS = ['confirmed', 'overturned'] as const;
export type RecheckResult = (typeof RECHECK_RESULTS)[number];

/**
 * Mail kinds: the daily digest and escalation, inspection notices, extension notices, an
 * accountability item for the discipline commission (问责事项), a serious problem reported at
 * verification (突出问题), and a special report signed off for its recipients (专题报告).
 */
export const OUTBOX_KINDS = ['digest', 'escalation', 'notice', 'extension', 'accountability', 'alert', 'report'] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];
export const OUTBOX_STATUSES = ['queued', 'sent', 'failed', 'no_recipient', 'outbox_only'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * The Chinese names a district clerk reads for the codes the API and the ledger store. The ledger
 * export, reports, mail and the console all take them from here.
 */
import type {
  AccountabilitySource,
  Conclusion,
  DeadlineKey,
  Disposition,
  MemberKind,
  NoticeSeverity,
  OutboxKind,
  PersonCategory,
  Role,
  Stage,
  VerificationMethod,
  VerificationStandard,
  ViolationType,
} from './vocabulary';

export const STAGE_LABELS: Record<Stage, string> = {
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

export const CONCLUSION_LABELS: Record<Conclusion, string> = {
  substantiated: '查实',
  partially_substantiated: '部分属实',
  unsubstantiated: '查否',
};

export const DISPOSITION_LABELS: Record<Disposition, string> = {
  referral: '移交纪检监察机关',
  rectification: '组织整改纠正',
  rule_building: '建章立制',
};

/** The kinds of violation the plan names (三(四)). */
export const VIOLATION_TYPE_LABELS: Record<ViolationType, string> = {
  embezzlement: '贪污挪用',
  false_claims: '虚报冒领',
  extortion: '吃拿卡要',
  favouritism: '优亲厚友',
  other: '其他',
};

/** The five methods of 二(二). */
export const METHOD_LABELS: Record<VerificationMethod, string> = {
  subject_statement: '听对象陈述',
  original_records: '查原始资料',
  site_visit: '看实际现场',
  handler_inquiry: '问经手经办',
  neighbour_visit: '访左邻右舍',
};

/** The five standards of 二(二). */
export const STANDARD_LABELS: Record<VerificationStandard, string> = {
  item_by_item: '逐条逐项',
  people_and_facts: '见人见事',
  solid_evidence: '证据扎实',
  precise_analysis: '分析精准',
  specific_opinion: '意见具体',
};

export const MEMBER_KIND_LABELS: Record<MemberKind, string> = {
  cadre: '干部',
  village_cadre: '村干部',
  community_cadre: '社区干部',
  staff: '工作人员',
};

export const PERSON_CATEGORY_LABELS: Record<PersonCategory, string> = {
  village_cadre: '村干部',
  community_cadre: '社区干部',
  public_servant: '公职人员',
  beneficiary: '享受对象',
  other: '其他',
};

export const DEADLINE_LABELS: Record<DeadlineKey, string> = {
  mobilization: '动员部署（分派）',
  verification: '核查',
  recheck: '抽查复核',
  rectification: '整改',
  report: '专题报告',
};

export const NOTICE_SEVERITY_LABELS: Record<NoticeSeverity, string> = { general: '一般', serious: '较重', grave: '严重' };

export const OUTBOX_KIND_LABELS: Record<OutboxKind, string> = {
  digest: '每日汇总',
  escalation: '逾期升级',
  notice: '通报',
  extension: '期限调整',
  accountability: '问责事项',
  alert: '突出问题上报',
  report: '专题报告报送',
};

export const ACCOUNTABILITY_SOURCE_LABELS: Record<AccountabilitySource, string> = {
  recheck_overturned: '复核推翻查否结论（核查不实）',
  grave_notice: '巡查督导严重通报（移交纪检监察机关）',
};

export const ROLE_LABELS: Record<Role, string> = {
  coordinator: '区专班',
  unit_officer: '单位核查人员',
  unit_leader: '单位主要领导',
  rechecker: '抽查复查组',
  department: '业务主管部门',
  discipline: '区纪委监委',
  inspector: '巡查督导组',
  system: '对接系统',
};

/**
 * The label of a stored code. A code this build does not know (written by a newer version, or
 * data from elsewhere) is shown as it is rather than as an empty cell that would hide it.
 */
export function labelOf(labels: Readonly<Record<string, string>>, code: string | null | undefined): string {
  if (code === null || code === undefined || code === '') return '';
  return labels[code] ?? code;
}

/** 是 / 否, and empty when the question does not arise yet (e.g. not in any re-check draw). */
export function yesNo(value: boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  return value ? '是' : '否';
}

/**
 * What happened to a clue, as its timeline (clue_events.action, written by workflows/clue and the
 * import) names it. Keyed by string: an action this build does not know is shown as it is (labelOf).
 */
export const CLUE_ACTION_LABELS: Readonly<Record<string, string>> = {
  imported: '导入线索',
  dispatched: '分派核查单位',
  reassigned: '改派核查单位',
  transferred_up: '上报上级纪委监委',
  verification_submitted: '提交核查情况',
  signoff_rejected: '领导审核退回',
  signoff_approved: '领导审核通过',
  sampling_drawn: '抽查抽中',
  sampling_not_drawn: '抽查未抽中',
  recheck_confirmed: '复核维持查否',
  recheck_overturned: '复核推翻原结论',
  classified: '分类处置',
  rectification_reported: '报送整改情况',
  rectification_signed_off: '领导审核整改情况',
  rectification_returned: '领导退回整改情况',
  rectification_accepted: '整改验收通过',
  referral_outcome_recorded: '登记移交处理结果',
  rule_recorded: '登记建章立制',
  deadline_changed: '期限调整',
  escalated: '逾期升级',
  closed: '销号',
};

export const OUTBOX_STATUS_LABELS: Record<import('./vocabulary').OutboxStatus, string> = {
  queued: '待发送',
  sent: '已发送',
  failed: '发送失败',
  no_recipient: '无收件人',
  outbox_only: '仅存发件箱',
};

/** A unit's special report (专题报告, 四(四)) against its leader's sign-off. */
export const REPORT_STATE_LABELS: Record<'unsigned' | 'signed' | 'changed_since_signoff', string> = {
  unsigned: '未签发',
  signed: '已签发',
  changed_since_signoff: '签发后数据有变动',
};

/** The first re-check draw of a project, and the ones that keep the ≥20 % floor as clues conclude late (二(三)). */
export const DRAW_KIND_LABELS: Record<'initial' | 'supplementary', string> = {
  initial: '首次抽查',
  supplementary: '补充抽查',
};

export const RECHECK_RESULT_LABELS: Record<import('./vocabulary').RecheckResult, string> = {
  confirmed: '维持查否',
  overturned: '推翻原结论',
};

/** Verifying units (街道、管理区) and the projects' responsible departments (责任部门). */
export const UNIT_TYPE_LABELS: Record<'unit' | 'department', string> = {
  unit: '核查单位',
  department: '责任部门',
};

/** A verification team member's place in the team (二(二): 一名组长和两名成员). */
export const TEAM_ROLE_LABELS: Record<import('./verification').TeamMember['role'], string> = {
  leader: '组长',
  member: '成员',
};

/** Who at a unit receives its mail: the officer who does the work, the leader who signs it off. */
export const CONTACT_ROLE_LABELS: Record<'officer' | 'leader', string> = {
  officer: '经办人',
  leader: '主要领导',
};

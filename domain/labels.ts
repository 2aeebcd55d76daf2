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

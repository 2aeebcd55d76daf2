/**
 * The Chinese names a district clerk reads for the codes the API and the ledger store — the
 * 台账 export uses them, and so can reports, mail and anything else a person reads.
 * Stage names are the short forms of the ledger's 当前阶段 column; conclusions and dispositions
 * are named as in the campaign document (工作方案: conclusions, dispositions).
 */
import type { Conclusion, Disposition, Stage, ViolationType } from '../workflows/rules/domain';

export const STAGE_LABELS: Record<Stage, string> = {
  received: '待分派',
  verifying: '核查中',
  awaiting_signoff: '待审核',
  awaiting_sampling: '待抽查',
  rechecking: '复核中',
  classifying: '待分类',
  disposing: '处置中',
  closed: '已销号',
  transferred: '已上报',
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

/** The kinds of violation the plan names (四、(四)). */
export const VIOLATION_TYPE_LABELS: Record<ViolationType, string> = {
  embezzlement: '贪污挪用',
  false_claims: '虚报冒领',
  extortion: '吃拿卡要',
  favouritism: '优亲厚友',
  other: '其他',
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

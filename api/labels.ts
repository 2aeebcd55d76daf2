/**
 * The Chinese names a district clerk reads for the codes the API and the ledger store — the
 * 台账 export uses them, and so can reports, mail and anything else a person reads.
 * Stage, conclusion and disposition names live with their codes in workflows/rules/domain.ts
 * (dispositions and conclusions named as in the campaign document); mail uses the same ones.
 */
import { CONCLUSION_NAMES, DISPOSITION_NAMES, STAGE_NAMES, type Conclusion, type Disposition, type Stage, type ViolationType } from '../workflows/rules/domain';

export const STAGE_LABELS: Record<Stage, string> = STAGE_NAMES;
export const CONCLUSION_LABELS: Record<Conclusion, string> = CONCLUSION_NAMES;
export const DISPOSITION_LABELS: Record<Disposition, string> = DISPOSITION_NAMES;

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

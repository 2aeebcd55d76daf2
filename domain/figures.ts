/**
 * How the campaign's headline figures are counted, the same way on every screen and in every report.
 */

/**
 * 核查率 (一、总体要求: 问题线索核查达到100%): clues with a signed-off conclusion over the clues the
 * district has to verify. A clue transferred up (上报上级纪委监委, 三(二)) is verified elsewhere: it
 * leaves the denominator, so a district that transfers clues can still reach 100 %.
 */
export function verificationRate(f: { total: number; verified: number; transferred: number }): number {
  const toVerify = f.total - f.transferred;
  if (toVerify <= 0) return f.total === 0 ? 0 : 1;
  return f.verified / toVerify;
}

/** A rectification report as the ledger's record keeps it. */
export interface RectificationReport {
  amountRecovered?: number;
  signoff?: { approve: boolean };
}

/**
 * 追回金额 reported but not yet signed off by the verifying body's leader (四(四) 主要领导严格审核把关):
 * shown as pending, counted in no `amountRecovered` until the leader approves it. Null when nothing waits.
 */
export function pendingRecovery(report: RectificationReport | null | undefined): number | null {
  if (!report || report.amountRecovered === undefined || report.amountRecovered === null) return null;
  return report.signoff?.approve === true ? null : report.amountRecovered;
}

/** `pendingRecovery` as SQL over the ledger's `record` column: the pending amount, or NULL. */
export const pendingRecoverySql = (record: string): string =>
  `CASE WHEN coalesce((${record}->'rectification'->'signoff'->>'approve')::boolean, false) THEN NULL
        ELSE (${record}->'rectification'->>'amountRecovered')::numeric END`;

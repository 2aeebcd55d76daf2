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

/**
 * Where a clue's life starts and ends (DESIGN.md "One clue = one durable workflow"): the rules the
 * import, the workflow, the ledger queries and the mail all share.
 */
import type { Stage } from './vocabulary';

/** A clue imported with its verifying unit goes straight to verification; without one it waits for dispatch (二(一) 分解到有关核查主体). */
export function initialStage(unitCode: string | null | undefined): Stage {
  return unitCode ? 'verifying' : 'received';
}

/** 销号 (closed off) or 上报上级纪委监委 (transferred up): nothing more happens to the clue here. */
export const TERMINAL_STAGES: readonly Stage[] = ['closed', 'transferred'];
export const isTerminal = (stage: Stage): boolean => TERMINAL_STAGES.includes(stage);

/** Stages before the unit leader's sign-off: the clue's verification does not count yet (四(四) 严格审核把关). */
export const UNVERIFIED_STAGES: readonly Stage[] = ['received', 'verifying', 'awaiting_signoff'];

const sqlList = (stages: readonly Stage[]) => stages.map((s) => `'${s}'`).join(', ');

/** SQL condition: the clue in `column` is still open (not closed off, not transferred up). */
export const openStageSql = (column: string): string => `${column} NOT IN (${sqlList(TERMINAL_STAGES)})`;

/** SQL condition: the clue in `column` has not been verified and signed off yet. */
export const unverifiedStageSql = (column: string): string => `${column} IN (${sqlList(UNVERIFIED_STAGES)})`;

/**
 * A clue's ledger record (`clues.record`): what each step recorded, written by the projection and read
 * by the API. Every entry is there, null until its step happens; the import stores `{}`.
 */
export const CLUE_RECORD_KEYS = ['verification', 'signoff', 'sampling', 'recheck', 'classificationReason', 'rectification', 'referral', 'rule', 'transfer', 'closed'] as const;

export type ClueRecord = Record<(typeof CLUE_RECORD_KEYS)[number], unknown>;

/** Each entry of the record taken from `from` (a clue's state, or a stored record), null where it has none. */
export function completeClueRecord(from: Partial<ClueRecord> | null | undefined): ClueRecord {
  return Object.fromEntries(CLUE_RECORD_KEYS.map((key) => [key, from?.[key] ?? null])) as ClueRecord;
}

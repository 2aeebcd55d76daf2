/**
 * Escalation of overdue work (四(三) 不作为、慢作为): the level a late item has reached, and who is
 * told at each level. The days after the deadline at which each level begins are campaign data
 * (`escalationAfterDays`, e.g. [0, 3, 7, 14]).
 */

/** Level reached at `now` by an item due at `dueAt` (first instant past its deadline): 0 until then. */
export function escalationLevelAt(dueAt: number, afterDays: readonly number[], now: number): number {
  return afterDays.filter((days) => now >= dueAt + days * DAY_MS).length;
}

export const DAY_MS = 86_400_000;
export const DEFAULT_ESCALATION_AFTER_DAYS = [0, 3, 7, 14];

/** Who hears of a level: the unit's officers, its leaders, the district task force, the discipline commission. */
export type EscalationAudience = 'officers' | 'leaders' | 'taskForce' | 'discipline';

export const ESCALATION_AUDIENCE_LABELS: Record<EscalationAudience, string> = {
  officers: '单位经办人',
  leaders: '单位主要领导',
  taskForce: '区专班',
  discipline: '区纪委监委',
};

/**
 * Level 1 → the owning unit's officers, 2 → its leaders, 3 → the task force (区专班), 4 and above →
 * the discipline commission (区纪委监委). A clue not yet dispatched is the task force's own work
 * (二(一) 分解到有关核查主体), so its levels 1–3 stay with the task force.
 */
export function escalationAudience(level: number, owner: 'unit' | 'taskForce'): EscalationAudience {
  if (level >= 4) return 'discipline';
  if (owner === 'taskForce' || level === 3) return 'taskForce';
  return level <= 1 ? 'officers' : 'leaders';
}

/** “第 2 级（单位主要领导）”: how a level reads in mail and on screen (for a unit-owned item). */
export function escalationLevelLabel(level: number): string {
  if (level <= 0) return '未升级';
  return `第 ${level} 级（${ESCALATION_AUDIENCE_LABELS[escalationAudience(level, 'unit')]}）`;
}

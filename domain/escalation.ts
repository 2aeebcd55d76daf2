/**
 * Escalation of overdue work (四(三) 不作为、慢作为): the level a late item has reached, whose work it
 * is, and who is told at each level. The days after the deadline at which each level begins are
 * campaign data (`escalationAfterDays`, e.g. [0, 3, 7, 14]).
 */
import type { Disposition, Stage } from './vocabulary';

/** Level reached at `now` by an item due at `dueAt` (first instant past its deadline): 0 until then. */
export function escalationLevelAt(dueAt: number, afterDays: readonly number[], now: number): number {
  return afterDays.filter((days) => now >= dueAt + days * DAY_MS).length;
}

export const DAY_MS = 86_400_000;
export const DEFAULT_ESCALATION_AFTER_DAYS = [0, 3, 7, 14];

/**
 * Whose work a clue's current stage or open disposition is:
 * - `body`: a verifying unit or department (officers, then leaders), or the responsible department building a rule;
 * - `taskForce`: the district task force (区专班) — dispatch, classification, accepting a rectification;
 * - `recheckGroup`: the district re-check group (区级复核抽查组) — the draw and the re-check;
 * - `discipline`: the discipline commission (区纪委监委) — the outcome of a referral.
 */
export type StageOwner = { kind: 'body'; code: string } | { kind: 'taskForce' } | { kind: 'recheckGroup' } | { kind: 'discipline' };
export type OwnerKind = StageOwner['kind'];

/** What decides whose work a clue is. */
export interface ClueOwnership {
  stage: Stage;
  /** The verifying body; null while the clue waits for dispatch. */
  unitCode: string | null;
  /** The project's responsible department (责任部门), who builds the rule. */
  departmentCode: string;
  dispositions: readonly Disposition[];
  completed: readonly Disposition[];
  /** The latest rectification report: complete, and signed off by the body's leader. */
  rectification?: { completed: boolean; signedOff: boolean } | null;
}

/**
 * The owners of a clue's stage (二、工作安排; 三、责任分工). A clue in disposal has one owner per open
 * disposition: the verifying body rectifies (二(四) 由各街道（管理区）组织整改纠正) until its signed
 * report waits for the task force to accept it, the discipline commission decides a referral, the
 * responsible department builds the rule.
 */
export function stageOwners(c: ClueOwnership): StageOwner[] {
  const body = (code: string | null): StageOwner[] => (code ? [{ kind: 'body', code }] : [{ kind: 'taskForce' }]);
  switch (c.stage) {
    case 'received':
    case 'classifying':
      return [{ kind: 'taskForce' }];
    case 'verifying':
    case 'awaiting_signoff':
      return body(c.unitCode);
    case 'awaiting_sampling':
    case 'rechecking':
      return [{ kind: 'recheckGroup' }];
    case 'disposing':
      return c.dispositions
        .filter((d) => !c.completed.includes(d))
        .flatMap((d): StageOwner[] => {
          if (d === 'referral') return [{ kind: 'discipline' }];
          if (d === 'rule_building') return [{ kind: 'body', code: c.departmentCode }];
          return c.rectification?.completed && c.rectification.signedOff ? [{ kind: 'taskForce' }] : body(c.unitCode);
        });
    case 'closed':
    case 'transferred':
      return [];
  }
}

/** Who hears of a level: a body's officers or leaders, the task force, the re-check group, the discipline commission. */
export type EscalationAudience = 'officers' | 'leaders' | 'taskForce' | 'recheckGroup' | 'discipline';

export const ESCALATION_AUDIENCE_LABELS: Record<EscalationAudience, string> = {
  officers: '单位经办人',
  leaders: '单位主要领导',
  taskForce: '区专班',
  recheckGroup: '复核抽查组',
  discipline: '区纪委监委',
};

/**
 * The chain a late item climbs from its owner (四(三) 严肃查处…不作为、慢作为): a body's officers (1),
 * its leaders (2); the re-check group (1–2), being district-level, has no leaders of its own to
 * copy; the task force owns its own work up to level 3; then the task force (3) and the discipline
 * commission (4 and above). The discipline commission's own work (a referral's outcome) is never
 * escalated to itself as 不作为: every level is a reminder to it (`isReminder`).
 */
export function escalationAudience(level: number, owner: OwnerKind): EscalationAudience {
  if (owner === 'discipline' || level >= 4) return 'discipline';
  if (level === 3 || owner === 'taskForce') return 'taskForce';
  if (owner === 'recheckGroup') return 'recheckGroup';
  return level <= 1 ? 'officers' : 'leaders';
}

/** A late item of the discipline commission's own is a reminder to it, not an escalation. */
export const isReminder = (owner: OwnerKind): boolean => owner === 'discipline';

/** “第 2 级（单位主要领导）”: how a level reads in mail and on screen, for an item of `owner`. */
export function escalationLevelLabel(level: number, owner: OwnerKind = 'body'): string {
  if (level <= 0) return '未升级';
  if (isReminder(owner)) return `逾期提醒（第 ${level} 次）`;
  return `第 ${level} 级（${ESCALATION_AUDIENCE_LABELS[escalationAudience(level, owner)]}）`;
}

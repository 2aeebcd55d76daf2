/**
 * Deadline arithmetic (DESIGN.md "Calendar, reminders, escalation"). A campaign date is the last
 * day: work is on time until 23:59:59 of that day in the campaign time zone. `calendarOf` turns the
 * dates into instants (it uses Intl); workflows only ever see the instants, so they never touch
 * time zones.
 */
import { escalationLevelAt, DAY_MS } from './escalation';
import { dueInstant, isIsoDate } from './time';
import { DEADLINE_KEYS, type DeadlineKey, type Stage } from './vocabulary';

export { DAY_MS, DEFAULT_ESCALATION_AFTER_DAYS } from './escalation';

/** Which campaign deadline a clue in each stage is working against (二、工作安排). */
export const STAGE_DEADLINE: Record<Stage, DeadlineKey | null> = {
  received: 'mobilization', // 二(一) 分解到有关核查主体，8月8日前
  verifying: 'verification', // 二(二) 线索核查，8月30日前
  awaiting_signoff: 'verification',
  awaiting_sampling: 'recheck', // 二(三) the re-check team must draw and finish by 9月20日
  rechecking: 'recheck',
  classifying: 'rectification', // 二(四) 问题整改，10月10日前
  disposing: 'rectification',
  closed: null,
  transferred: null,
};

/** Instants (ms since epoch) after which each deadline is missed, plus the escalation ladder. */
export interface Calendar {
  /** First instant past each deadline: 00:00 of the following day in the campaign time zone. */
  dueAt: Record<DeadlineKey, number>;
  /** Days after the deadline at which escalation levels 1, 2, 3, … begin (e.g. [0, 3, 7, 14]). */
  escalationAfterDays: number[];
  /** Raised on every change, so a clue can ignore a stale calendar. */
  version: number;
}

export interface DeadlineStatus {
  dueAt: number | null;
  overdue: boolean;
  escalationLevel: number;
  /** Next instant at which the status changes by itself (an escalation step), if any. */
  nextChangeAt: number | null;
}

export function deadlineStatus(stage: Stage, calendar: Calendar, now: number): DeadlineStatus {
  const key = STAGE_DEADLINE[stage];
  if (!key) return { dueAt: null, overdue: false, escalationLevel: 0, nextChangeAt: null };
  const dueAt = calendar.dueAt[key];
  const next = calendar.escalationAfterDays.map((days) => dueAt + days * DAY_MS).find((at) => at > now);
  return { dueAt, overdue: now >= dueAt, escalationLevel: escalationLevelAt(dueAt, calendar.escalationAfterDays, now), nextChangeAt: next ?? null };
}

/** What a stored campaign holds of its calendar. */
export interface CampaignDates {
  timezone: string;
  deadlines: Record<string, string>;
  calendarVersion: number;
  escalationAfterDays: number[];
}

export function calendarOf(c: CampaignDates): Calendar {
  const dueAt = {} as Record<DeadlineKey, number>;
  for (const key of DEADLINE_KEYS) dueAt[key] = dueInstant(c.deadlines[key], c.timezone);
  return { dueAt, escalationAfterDays: c.escalationAfterDays, version: c.calendarVersion };
}

export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * The stages follow each other (二、工作安排): mobilization ≤ verification ≤ recheck ≤ rectification ≤
 * report, each a real calendar day. Checked for a new campaign and for every extension.
 */
export function deadlineProblems(deadlines: Partial<Record<string, string>>, fieldPrefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const key of DEADLINE_KEYS) {
    const value = deadlines[key];
    if (value !== undefined && !isIsoDate(value)) out.push({ field: `${fieldPrefix}${key}`, message: `${value} 不是有效日期（YYYY-MM-DD）` });
  }
  for (let i = 1; i < DEADLINE_KEYS.length; i++) {
    const [a, b] = [DEADLINE_KEYS[i - 1], DEADLINE_KEYS[i]];
    const [da, db] = [deadlines[a], deadlines[b]];
    if (da && db && da > db) out.push({ field: `${fieldPrefix}${b}`, message: `${b}（${db}）不应早于 ${a}（${da}）` });
  }
  return out;
}

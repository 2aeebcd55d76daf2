/**
 * Deadline arithmetic. A campaign date is the last day: work is on time until 23:59:59 of that day
 * in the campaign time zone. The API turns dates into instants (it may use Intl); workflows only
 * ever see the instants, so they never touch time zones.
 */
import type { DeadlineKey, Stage } from './domain';

export const DAY_MS = 86_400_000;

/** Which campaign deadline a clue in each stage is working against. */
export const STAGE_DEADLINE: Record<Stage, DeadlineKey | null> = {
  received: 'mobilization', // 分解到有关核查主体，8月8日前
  verifying: 'verification', // 线索核查，8月30日前
  awaiting_signoff: 'verification',
  awaiting_sampling: 'recheck', // the re-check team must draw and finish by 9月20日
  rechecking: 'recheck',
  classifying: 'rectification', // 问题整改，10月10日前
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

export const DEFAULT_ESCALATION_AFTER_DAYS = [0, 3, 7, 14];

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
  const steps = calendar.escalationAfterDays.map((days) => dueAt + days * DAY_MS);
  const escalationLevel = steps.filter((at) => now >= at).length;
  const next = steps.find((at) => at > now);
  return { dueAt, overdue: now >= dueAt, escalationLevel, nextChangeAt: next ?? null };
}

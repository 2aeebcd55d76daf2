/**
 * A clue's deadline and escalation at any instant (domain/calendar `deadlineStatus`), and the checks
 * on a campaign's deadlines (`deadlineProblems`).
 */
import { calendarOf, DAY_MS, deadlineProblems, deadlineStatus, STAGE_DEADLINE, type Calendar } from '../../../domain/calendar';
import { dueInstant } from '../../../domain/time';
import { STAGES } from '../../../domain/vocabulary';
import { plan } from '../support/clue';

const calendar = calendarOf({ timezone: plan.timezone, deadlines: plan.deadlines, calendarVersion: 3, escalationAfterDays: [0, 3, 7, 14] });
const due = calendar.dueAt.verification;

describe('calendarOf', () => {
  it('turns the plan’s dates into the first instant past each, in the campaign’s zone', () => {
    expect(calendar).toEqual({
      dueAt: {
        mobilization: Date.parse('2024-08-09T00:00:00+08:00'),
        verification: Date.parse('2024-08-31T00:00:00+08:00'),
        recheck: Date.parse('2024-09-21T00:00:00+08:00'),
        rectification: Date.parse('2024-10-11T00:00:00+08:00'),
        report: Date.parse('2024-10-21T00:00:00+08:00'),
      },
      escalationAfterDays: [0, 3, 7, 14],
      version: 3,
    });
  });
});

describe('deadlineStatus', () => {
  it('works each stage against the plan’s deadline for it (二、工作安排), and an ended clue against none', () => {
    expect(deadlineStatus('received', calendar, 0).dueAt).toBe(calendar.dueAt.mobilization);
    for (const stage of ['verifying', 'awaiting_signoff'] as const) expect(deadlineStatus(stage, calendar, 0).dueAt).toBe(calendar.dueAt.verification);
    for (const stage of ['awaiting_sampling', 'rechecking'] as const) expect(deadlineStatus(stage, calendar, 0).dueAt).toBe(calendar.dueAt.recheck);
    for (const stage of ['classifying', 'disposing'] as const) expect(deadlineStatus(stage, calendar, 0).dueAt).toBe(calendar.dueAt.rectification);
    for (const stage of ['closed', 'transferred'] as const) {
      expect(deadlineStatus(stage, calendar, due + 30 * DAY_MS)).toEqual({ dueAt: null, overdue: false, escalationLevel: 0, nextChangeAt: null });
    }
    expect(Object.keys(STAGE_DEADLINE).sort()).toEqual([...STAGES].sort());
  });

  it('is on time before the deadline and wakes at it', () => {
    expect(deadlineStatus('verifying', calendar, due - 1)).toEqual({ dueAt: due, overdue: false, escalationLevel: 0, nextChangeAt: due });
  });

  it('rises one level at the deadline and at +3, +7 and +14 days, then stays', () => {
    const status = (days: number, ms = 0) => deadlineStatus('verifying', calendar, due + days * DAY_MS + ms);
    expect(status(0)).toEqual({ dueAt: due, overdue: true, escalationLevel: 1, nextChangeAt: due + 3 * DAY_MS });
    expect(status(3, -1)).toMatchObject({ escalationLevel: 1, nextChangeAt: due + 3 * DAY_MS });
    expect(status(3)).toEqual({ dueAt: due, overdue: true, escalationLevel: 2, nextChangeAt: due + 7 * DAY_MS });
    expect(status(7)).toEqual({ dueAt: due, overdue: true, escalationLevel: 3, nextChangeAt: due + 14 * DAY_MS });
    expect(status(14)).toEqual({ dueAt: due, overdue: true, escalationLevel: 4, nextChangeAt: null });
    expect(status(400)).toEqual({ dueAt: due, overdue: true, escalationLevel: 4, nextChangeAt: null });
  });

  it('follows the campaign’s own ladder: overdue at once, first level only a day later', () => {
    const lenient: Calendar = { ...calendar, escalationAfterDays: [1, 5] };
    expect(deadlineStatus('verifying', lenient, due)).toEqual({ dueAt: due, overdue: true, escalationLevel: 0, nextChangeAt: due + DAY_MS });
    expect(deadlineStatus('verifying', lenient, due + 5 * DAY_MS)).toMatchObject({ escalationLevel: 2, nextChangeAt: null });
  });
});

describe('deadlineProblems', () => {
  it('accepts the plan’s deadlines, and an extension that names only some', () => {
    expect(deadlineProblems(plan.deadlines)).toEqual([]);
    expect(deadlineProblems({ verification: '2024-09-05' })).toEqual([]);
  });

  it('refuses a day that does not exist, naming the field', () => {
    expect(deadlineProblems({ ...plan.deadlines, recheck: '2024-09-31' }, 'deadlines.')).toEqual([
      { field: 'deadlines.recheck', message: '2024-09-31 不是有效日期（YYYY-MM-DD）' },
    ]);
  });

  it('refuses stages out of order (动员部署 ≤ 核查 ≤ 复核 ≤ 整改 ≤ 报告)', () => {
    expect(deadlineProblems({ ...plan.deadlines, verification: '2024-09-25' })).toEqual([
      { field: 'recheck', message: 'recheck（2024-09-20）不应早于 verification（2024-09-25）' },
    ]);
    expect(deadlineProblems({ mobilization: '2024-08-31', verification: '2024-08-30' })).toEqual([
      { field: 'verification', message: 'verification（2024-08-30）不应早于 mobilization（2024-08-31）' },
    ]);
    expect(deadlineProblems({ ...plan.deadlines, report: plan.deadlines.rectification })).toEqual([]);
  });

  it('reads the dates it checks as calendarOf does', () => {
    expect(dueInstant(plan.deadlines.verification, plan.timezone)).toBe(due);
  });
});

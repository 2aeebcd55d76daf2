/**
 * Campaign dates as instants (domain/time): a deadline's last day runs until 23:59:59.999 in the
 * campaign's time zone (Asia/Shanghai, UTC+8 all year), and the next day is late.
 */
import fc from 'fast-check';
import { deadlineStatus, type Calendar } from '../../../domain/calendar';
import { addDays, daysBetween, dueInstant, isIsoDate, lastDayOf, localDate, localDateTime, startOfDay } from '../../../domain/time';

const TZ = 'Asia/Shanghai';
const at = (iso: string) => Date.parse(iso);

describe('dueInstant: the first instant past a deadline', () => {
  it('is 00:00 of the next day in Asia/Shanghai', () => {
    expect(dueInstant('2024-08-30', TZ)).toBe(at('2024-08-31T00:00:00+08:00'));
    expect(new Date(dueInstant('2024-08-30', TZ)).toISOString()).toBe('2024-08-30T16:00:00.000Z');
  });

  it('leaves the last day on time to its last millisecond, and the next day late', () => {
    const calendar: Calendar = {
      dueAt: { mobilization: 0, verification: dueInstant('2024-08-30', TZ), recheck: 0, rectification: 0, report: 0 },
      escalationAfterDays: [0, 3, 7, 14],
      version: 1,
    };
    expect(deadlineStatus('verifying', calendar, at('2024-08-30T23:59:59.999+08:00')).overdue).toBe(false);
    expect(deadlineStatus('verifying', calendar, at('2024-08-31T00:00:00.000+08:00')).overdue).toBe(true);
  });

  it('crosses month, year and leap-day ends', () => {
    expect(dueInstant('2024-09-30', TZ)).toBe(at('2024-10-01T00:00:00+08:00'));
    expect(dueInstant('2024-12-31', TZ)).toBe(at('2025-01-01T00:00:00+08:00'));
    expect(dueInstant('2024-02-28', TZ)).toBe(at('2024-02-29T00:00:00+08:00'));
    expect(dueInstant('2023-02-28', TZ)).toBe(at('2023-03-01T00:00:00+08:00'));
  });

  it('follows a zone with daylight saving time to the local midnight', () => {
    // New York springs forward at 02:00 on 2024-03-10: the day before ends at UTC−5, that day at UTC−4.
    expect(dueInstant('2024-03-09', 'America/New_York')).toBe(at('2024-03-10T00:00:00-05:00'));
    expect(dueInstant('2024-03-10', 'America/New_York')).toBe(at('2024-03-11T00:00:00-04:00'));
    expect(startOfDay('2024-11-03', 'America/New_York')).toBe(at('2024-11-03T00:00:00-04:00'));
  });
});

describe('lastDayOf and localDate', () => {
  it('gives back the last day of a deadline', () => {
    expect(lastDayOf(dueInstant('2024-08-30', TZ), TZ)).toBe('2024-08-30');
    expect(lastDayOf(at('2024-08-31T00:00:00+08:00'), TZ)).toBe('2024-08-30');
  });

  it('reads the day of an instant in the zone, not in UTC', () => {
    expect(localDate(at('2024-08-30T23:59:59.999+08:00'), TZ)).toBe('2024-08-30');
    expect(localDate(at('2024-08-31T00:00:00+08:00'), TZ)).toBe('2024-08-31');
    expect(localDate(at('2024-08-31T00:00:00+08:00'), 'UTC')).toBe('2024-08-30');
    expect(localDateTime(at('2024-08-31T00:00:00+08:00'), TZ)).toBe('2024-08-31 00:00:00');
  });

  it('inverts dueInstant for every day, in every zone', () => {
    const day = fc.integer({ min: 0, max: 365 * 80 }).map((n) => addDays('2000-01-01', n));
    const zone = fc.constantFrom(TZ, 'UTC', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe');
    fc.assert(fc.property(day, zone, (d, z) => lastDayOf(dueInstant(d, z), z) === d && localDate(startOfDay(d, z), z) === d));
  });
});

describe('calendar days', () => {
  it('isIsoDate takes only real YYYY-MM-DD days', () => {
    for (const good of ['2024-08-30', '2024-02-29']) expect(isIsoDate(good)).toBe(true);
    for (const bad of ['2023-02-29', '2024-13-01', '2024-8-30', '30/08/2024', '', 20240830, null]) expect(isIsoDate(bad)).toBe(false);
  });

  it('addDays and daysBetween agree across month ends', () => {
    expect(addDays('2024-08-30', 2)).toBe('2024-09-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2024-08-08', '2024-08-30')).toBe(22);
    expect(daysBetween('2024-08-30', '2024-08-08')).toBe(-22);
  });
});

/**
 * The re-check sample size (domain/sampling, 二(三) 按20%以上的比例进行复核抽查): at least
 * ceil(rate × N) of a project's unsubstantiated clues, in exact integer arithmetic.
 */
import fc from 'fast-check';
import { drawViolations, rateToPpm, recheckAtRisk, requiredSampleSize } from '../../../domain/sampling';
import { coordinator, officer, rechecker } from '../support/clue';

describe('requiredSampleSize', () => {
  it('rounds 20% of a project’s clues up to a whole clue', () => {
    expect([0, 1, 4, 5, 6, 10, 11, 23].map((n) => requiredSampleSize(n, 0.2))).toEqual([0, 1, 1, 1, 2, 2, 3, 5]);
  });

  it('does not round an exact share up through floating point (0.07 × 100 is 7)', () => {
    expect(0.07 * 100).toBeGreaterThan(7);
    expect(requiredSampleSize(100, 0.07)).toBe(7);
    expect(requiredSampleSize(5, 0.2)).toBe(1);
  });

  it('takes every clue at rate 1 and none at rate 0', () => {
    expect(requiredSampleSize(17, 1)).toBe(17);
    expect(requiredSampleSize(17, 0)).toBe(0);
  });

  it('is the least whole number of clues at or above the share, for every whole percentage', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 100 }), (n, percent) => {
        const size = requiredSampleSize(n, percent / 100);
        return size * 100 >= n * percent && (size - 1) * 100 < n * percent;
      }),
    );
  });

  it('refuses a population or rate that cannot be', () => {
    expect(() => requiredSampleSize(-1, 0.2)).toThrow(RangeError);
    expect(() => requiredSampleSize(2.5, 0.2)).toThrow('population must be a whole number ≥ 0, got 2.5');
    expect(() => requiredSampleSize(10, 1.2)).toThrow('sample rate must be within [0, 1], got 1.2');
    expect(() => rateToPpm(Number.NaN)).toThrow(RangeError);
  });
});

describe('drawViolations', () => {
  const waiting = { projectNo: 4, population: 6, selected: 1, undecided: 2 };
  it('lets the task force or the re-check group draw while some clue awaits its draw', () => {
    expect(drawViolations(coordinator, waiting)).toEqual([]);
    expect(drawViolations(rechecker, waiting)).toEqual([]);
  });

  it('refuses anyone else, and a draw with nothing left to decide', () => {
    expect(drawViolations(officer, waiting).map((v) => v.code)).toEqual(['role_not_allowed']);
    expect(drawViolations(coordinator, { ...waiting, undecided: 0 })).toEqual([
      { status: 409, code: 'nothing_to_draw', message: '项目 4 暂无待抽取的查否线索（查否 6 条，已抽 1 条）' },
    ]);
  });
});

describe('recheckAtRisk', () => {
  const DAY = 86_400_000;
  const drawDueAt = 100 * DAY;
  const recheckDueAt = 121 * DAY;
  const base = { required: 5, drawn: 5, rechecked: 0, firstDrawAt: drawDueAt, drawDueAt, recheckDueAt };

  it('does not call a group late the day after its draw, and does once half its time is gone with nothing done', () => {
    expect(recheckAtRisk({ ...base, now: drawDueAt + DAY })).toBe(false);
    expect(recheckAtRisk({ ...base, now: drawDueAt + 11 * DAY })).toBe(true);
  });

  it('carries the pace so far on to the deadline', () => {
    // 2 of 5 in 10 days: 0.2 a day, 11 days left → 2.2 more, short of 3.
    expect(recheckAtRisk({ ...base, rechecked: 2, now: drawDueAt + 10 * DAY })).toBe(true);
    // 4 of 5 in 10 days: 0.4 a day, 11 days left → enough for the last one.
    expect(recheckAtRisk({ ...base, rechecked: 4, now: drawDueAt + 10 * DAY })).toBe(false);
    expect(recheckAtRisk({ ...base, rechecked: 5, now: recheckDueAt + DAY })).toBe(false);
    expect(recheckAtRisk({ ...base, rechecked: 4, now: recheckDueAt })).toBe(true);
  });

  it('flags a sample still short of its floor once the first draw was due', () => {
    expect(recheckAtRisk({ ...base, drawn: 0, firstDrawAt: null, now: drawDueAt - DAY })).toBe(false);
    expect(recheckAtRisk({ ...base, drawn: 0, firstDrawAt: null, now: drawDueAt })).toBe(true);
  });
});

/**
 * The escalation ladder (domain/escalation, 四(三) 不作为、慢作为): the level a late item has reached,
 * and who hears of each level — 1 the unit's officers, 2 its leaders, 3 the task force, 4 discipline.
 */
import { DAY_MS, escalationAudience, escalationLevelAt, escalationLevelLabel } from '../../../domain/escalation';

const due = Date.parse('2024-08-31T00:00:00+08:00');
const ladder = [0, 3, 7, 14];

describe('escalationLevelAt', () => {
  it('is 0 before the deadline and counts the steps passed after it', () => {
    expect(escalationLevelAt(due, ladder, due - 1)).toBe(0);
    expect(escalationLevelAt(due, ladder, due)).toBe(1);
    expect(escalationLevelAt(due, ladder, due + 3 * DAY_MS - 1)).toBe(1);
    expect(escalationLevelAt(due, ladder, due + 3 * DAY_MS)).toBe(2);
    expect(escalationLevelAt(due, ladder, due + 7 * DAY_MS)).toBe(3);
    expect(escalationLevelAt(due, ladder, due + 14 * DAY_MS)).toBe(4);
    expect(escalationLevelAt(due, ladder, due + 365 * DAY_MS)).toBe(4);
  });

  it('never rises on an empty ladder', () => {
    expect(escalationLevelAt(due, [], due + 30 * DAY_MS)).toBe(0);
  });
});

describe('escalationAudience', () => {
  it('climbs the chain for a unit’s clue: officers, leaders, task force, discipline', () => {
    expect([1, 2, 3, 4, 5].map((level) => escalationAudience(level, 'unit'))).toEqual(['officers', 'leaders', 'taskForce', 'discipline', 'discipline']);
  });

  it('keeps levels 1–3 of a clue not yet dispatched with the task force, whose work it is (二(一))', () => {
    expect([1, 2, 3, 4].map((level) => escalationAudience(level, 'taskForce'))).toEqual(['taskForce', 'taskForce', 'taskForce', 'discipline']);
  });

  it('labels each level with whom it reaches', () => {
    expect(escalationLevelLabel(0)).toBe('未升级');
    expect(escalationLevelLabel(2)).toBe('第 2 级（单位主要领导）');
    expect(escalationLevelLabel(4)).toBe('第 4 级（区纪委监委）');
  });
});

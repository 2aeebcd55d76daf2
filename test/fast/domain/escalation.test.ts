/**
 * The escalation ladder (domain/escalation, 四(三) 不作为、慢作为): the level a late item has reached,
 * whose work it is, and who hears of each level — for a unit 1 its officers, 2 its leaders, 3 the task
 * force, 4 discipline; the district-level owners climb from themselves.
 */
import { DAY_MS, escalationAudience, escalationLevelAt, escalationLevelLabel, stageOwners, type ClueOwnership } from '../../../domain/escalation';

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

describe('stageOwners: whose work a clue is', () => {
  const clue = (stage: ClueOwnership['stage'], fields: Partial<ClueOwnership> = {}): ClueOwnership => ({
    stage,
    unitCode: 'hsg-jd',
    departmentCode: 'civil',
    dispositions: [],
    completed: [],
    ...fields,
  });

  it('gives dispatch and classification to the task force, verification to the verifying body, the draw and re-check to the re-check group', () => {
    expect(stageOwners(clue('received', { unitCode: null }))).toEqual([{ kind: 'taskForce' }]);
    expect(stageOwners(clue('verifying'))).toEqual([{ kind: 'body', code: 'hsg-jd' }]);
    expect(stageOwners(clue('awaiting_signoff', { unitCode: 'civil' }))).toEqual([{ kind: 'body', code: 'civil' }]);
    expect(stageOwners(clue('awaiting_sampling'))).toEqual([{ kind: 'recheckGroup' }]);
    expect(stageOwners(clue('rechecking'))).toEqual([{ kind: 'recheckGroup' }]);
    expect(stageOwners(clue('classifying'))).toEqual([{ kind: 'taskForce' }]);
    expect(stageOwners(clue('closed'))).toEqual([]);
    expect(stageOwners(clue('transferred'))).toEqual([]);
  });

  it('gives each open disposition to its owner: rectification the verifying body, referral discipline, rule-building the responsible department', () => {
    const all = clue('disposing', { dispositions: ['rectification', 'referral', 'rule_building'] });
    expect(stageOwners(all)).toEqual([{ kind: 'body', code: 'hsg-jd' }, { kind: 'discipline' }, { kind: 'body', code: 'civil' }]);
    expect(stageOwners({ ...all, completed: ['rectification', 'referral'] })).toEqual([{ kind: 'body', code: 'civil' }]);
    // A rectification reported done and signed off waits for the task force to accept it.
    expect(stageOwners({ ...all, dispositions: ['rectification'], rectification: { completed: true, signedOff: true } })).toEqual([{ kind: 'taskForce' }]);
    expect(stageOwners({ ...all, dispositions: ['rectification'], rectification: { completed: true, signedOff: false } })).toEqual([{ kind: 'body', code: 'hsg-jd' }]);
  });
});

describe('escalationAudience', () => {
  it('climbs the chain for a unit’s or department’s clue: officers, leaders, task force, discipline', () => {
    expect([1, 2, 3, 4, 5].map((level) => escalationAudience(level, 'body'))).toEqual(['officers', 'leaders', 'taskForce', 'discipline', 'discipline']);
  });

  it('keeps levels 1–3 of the task force’s own work with the task force (二(一))', () => {
    expect([1, 2, 3, 4].map((level) => escalationAudience(level, 'taskForce'))).toEqual(['taskForce', 'taskForce', 'taskForce', 'discipline']);
  });

  it('chases the re-check group for a late draw or re-check, then the task force and discipline (三(二))', () => {
    expect([1, 2, 3, 4].map((level) => escalationAudience(level, 'recheckGroup'))).toEqual(['recheckGroup', 'recheckGroup', 'taskForce', 'discipline']);
  });

  it('reminds the discipline commission of its own late referral at every level, never escalating it to itself', () => {
    expect([1, 2, 3, 4].map((level) => escalationAudience(level, 'discipline'))).toEqual(['discipline', 'discipline', 'discipline', 'discipline']);
    expect(escalationLevelLabel(4, 'discipline')).toBe('逾期提醒（第 4 次）');
  });

  it('labels each level with whom it reaches', () => {
    expect(escalationLevelLabel(0)).toBe('未升级');
    expect(escalationLevelLabel(2)).toBe('第 2 级（单位主要领导）');
    expect(escalationLevelLabel(4)).toBe('第 4 级（区纪委监委）');
    expect(escalationLevelLabel(1, 'recheckGroup')).toBe('第 1 级（复核抽查组）');
  });
});

/** Where a clue's life starts and ends (domain/lifecycle), and the SQL derived from it. */
import { initialStage, isTerminal, openStageSql, TERMINAL_STAGES, unverifiedStageSql } from '../../../domain/lifecycle';
import { STAGES } from '../../../domain/vocabulary';

describe('initialStage', () => {
  it('starts a clue imported with its unit in verification, one without waiting for dispatch (二(一))', () => {
    expect(initialStage('hsg-jd')).toBe('verifying');
    for (const none of [undefined, null, '']) expect(initialStage(none)).toBe('received');
  });
});

describe('terminal stages', () => {
  it('ends a clue when closed off (销号) or transferred up, and at no other stage', () => {
    expect(STAGES.filter(isTerminal)).toEqual(['closed', 'transferred']);
    expect(TERMINAL_STAGES).toEqual(['closed', 'transferred']);
  });

  it('derives the SQL conditions from the stage lists', () => {
    expect(openStageSql('c.stage')).toBe("c.stage NOT IN ('closed', 'transferred')");
    expect(unverifiedStageSql('stage')).toBe("stage IN ('received', 'verifying', 'awaiting_signoff')");
  });
});

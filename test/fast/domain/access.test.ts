/**
 * Who sees which clue (domain/access): the district-wide roles every clue, a unit the clues it
 * verifies, a department the clues of its projects; ID numbers whole only for coordinator and discipline.
 */
import { addressedCode, canSeeClue, clueScopeSql, visibleIdNumber, type ClueOwnership } from '../../../domain/access';
import { ROLES, type Actor } from '../../../domain/vocabulary';
import { civil, coordinator, discipline, leader, officer, otherOfficer, rechecker } from '../support/clue';

const hsgClue: ClueOwnership = { unitCode: 'hsg-jd', departmentCode: 'civil' };
const waiting: ClueOwnership = { unitCode: null, departmentCode: 'civil' };
const eduClue: ClueOwnership = { unitCode: 'hsg-jd', departmentCode: 'edu' };
const inspector: Actor = { name: '督导组', role: 'inspector' };
const system: Actor = { name: '对接系统', role: 'system' };

/** Renders the SQL condition with its parameters, as a query builder would bind them. */
function scope(actor: Actor) {
  const params: string[] = [];
  const sql = clueScopeSql(actor, { unit: 'c.unit_code', department: 'p.department' }, (value) => {
    params.push(value);
    return `$${params.length}`;
  });
  return { sql, params };
}

describe('canSeeClue', () => {
  it('shows every clue, dispatched or not, to the district-wide roles', () => {
    for (const actor of [coordinator, rechecker, discipline, inspector, system]) {
      expect([hsgClue, waiting, eduClue].map((c) => canSeeClue(actor, c))).toEqual([true, true, true]);
    }
  });

  it('shows a unit only the clues it verifies, not those waiting for dispatch', () => {
    for (const actor of [officer, leader]) expect([hsgClue, waiting, eduClue].map((c) => canSeeClue(actor, c))).toEqual([true, false, true]);
    expect(canSeeClue(otherOfficer, hsgClue)).toBe(false);
    expect(canSeeClue({ ...officer, unitCode: undefined }, waiting)).toBe(false);
  });

  it('shows a department the clues of the projects it is responsible for, whoever verifies them', () => {
    expect([hsgClue, waiting, eduClue].map((c) => canSeeClue(civil, c))).toEqual([true, true, false]);
  });
});

describe('clueScopeSql', () => {
  it('adds no condition for a district-wide role', () => {
    expect(scope(coordinator)).toEqual({ sql: null, params: [] });
    expect(scope(discipline)).toEqual({ sql: null, params: [] });
  });

  it('binds a unit to the clue’s unit column and a department to the project’s department column', () => {
    expect(scope(officer)).toEqual({ sql: 'c.unit_code = $1', params: ['hsg-jd'] });
    expect(scope(civil)).toEqual({ sql: 'p.department = $1', params: ['civil'] });
  });

  it('gives a scoped token without a unit a condition that matches nothing, never every row', () => {
    expect(scope({ ...leader, unitCode: undefined })).toEqual({ sql: 'c.unit_code = $1', params: [''] });
  });

  it('says in SQL what canSeeClue says, for every role', () => {
    for (const role of ROLES) {
      const actor: Actor = { name: role, role, unitCode: role === 'department' ? 'civil' : 'hsg-jd' };
      const { sql, params } = scope(actor);
      const bySql = (c: ClueOwnership) => sql === null || (sql.startsWith('c.unit_code') ? c.unitCode === params[0] : c.departmentCode === params[0]);
      for (const c of [hsgClue, waiting, eduClue]) expect(bySql(c)).toBe(canSeeClue(actor, c));
    }
  });
});

describe('addressedCode', () => {
  it('limits a unit or department to what is addressed to its own code', () => {
    expect(addressedCode(officer)).toBe('hsg-jd');
    expect(addressedCode(civil)).toBe('civil');
    expect(addressedCode(coordinator)).toBeNull();
  });
});

describe('visibleIdNumber', () => {
  const idNo = '420202198001010015';
  it('shows the whole number to coordinator and discipline only', () => {
    expect(visibleIdNumber(coordinator, idNo)).toBe(idNo);
    expect(visibleIdNumber(discipline, idNo)).toBe(idNo);
    for (const actor of [officer, leader, rechecker, civil, inspector, system]) expect(visibleIdNumber(actor, idNo)).toBe('420202********0015');
  });
});

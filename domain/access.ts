/**
 * Who may see what (API.md "Authentication and scope"; DESIGN.md "A person or token acts only
 * within its unit unless its role is district-wide"). One rule, used by every list, read and export.
 */
import { maskIdNumber } from './idno';
import type { Actor, Role } from './vocabulary';

/** Roles bound to one unit, or for `department` to one responsible department (责任部门). */
export const UNIT_SCOPED_ROLES: readonly Role[] = ['unit_officer', 'unit_leader', 'department'];

/** Roles that see full ID numbers (身份证号); everyone else sees them masked. */
export const SEES_ID_NUMBERS: readonly Role[] = ['coordinator', 'discipline'];

export const isUnitScoped = (actor: Pick<Actor, 'role'>): boolean => UNIT_SCOPED_ROLES.includes(actor.role);

/**
 * The clues a token sees: a department the clues of the projects it is responsible for, a unit the
 * clues it verifies, every district-wide role all of them.
 */
export type ClueScope = { kind: 'all' } | { kind: 'unit'; code: string } | { kind: 'department'; code: string };

export function clueScopeOf(actor: Actor): ClueScope {
  if (actor.role === 'department') return { kind: 'department', code: actor.unitCode ?? '' };
  if (isUnitScoped(actor)) return { kind: 'unit', code: actor.unitCode ?? '' };
  return { kind: 'all' };
}

/** What a clue has that decides who sees it. */
export interface ClueOwnership {
  unitCode: string | null;
  departmentCode: string;
}

export function canSeeClue(actor: Actor, clue: ClueOwnership): boolean {
  const scope = clueScopeOf(actor);
  if (scope.kind === 'all') return true;
  return scope.kind === 'unit' ? clue.unitCode === scope.code : clue.departmentCode === scope.code;
}

/**
 * The scope as one SQL condition on a query over clues (`unit` column) joined to their projects
 * (`department` column); `param` binds the value and returns its placeholder. Null: no condition.
 */
export function clueScopeSql(actor: Actor, columns: { unit: string; department: string }, param: (value: string) => string): string | null {
  const scope = clueScopeOf(actor);
  if (scope.kind === 'all') return null;
  return `${scope.kind === 'unit' ? columns.unit : columns.department} = ${param(scope.code)}`;
}

/**
 * Rows addressed to a unit or department by code (mail, notices, reports): a unit-scoped token sees
 * only those addressed to its own code; null means every row.
 */
export function addressedCode(actor: Actor): string | null {
  return isUnitScoped(actor) ? (actor.unitCode ?? '') : null;
}

/** An ID number as `actor` may see it: whole for coordinator and discipline, masked for everyone else. */
export function visibleIdNumber(actor: Pick<Actor, 'role'>, idNo: string): string {
  return SEES_ID_NUMBERS.includes(actor.role) ? idNo : maskIdNumber(idNo);
}

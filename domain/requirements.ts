/**
 * The shapes most action rules take: who may act, in which stage, and which text must be filled in.
 * Each returns the broken rule as a Violation (empty when it holds), so a rule set reads as one list.
 */
import { amountProblem, AMOUNT_MAX, isBlank, TEXT_LIMITS, textProblem } from './input';
import type { Actor, Role, Stage } from './vocabulary';
import { violation, type Violation } from './violation';

export function requireRole(actor: Actor, roles: readonly Role[], what: string): Violation[] {
  return roles.includes(actor.role)
    ? []
    : [violation(403, 'role_not_allowed', `${what}只能由 ${roles.join(' / ')} 办理，当前身份为 ${actor.role}`)];
}

export function requireStage(stage: Stage, allowed: readonly Stage[], what: string): Violation[] {
  return allowed.includes(stage)
    ? []
    : [violation(409, 'wrong_stage', `线索当前处于 ${stage} 阶段，不能${what}（需处于 ${allowed.join(' / ')}）`)];
}

/** A text a person must write: blank or whitespace is as good as missing. */
export function requireText(value: unknown, field: string, label: string): Violation[] {
  return typeof value === 'string' && !isBlank(value) ? [] : [violation(422, `${field}_required`, `请填写${label}`, field)];
}

/** An optional sum of money (元): when given, a number ≥ 0 the ledger can hold (domain/input). */
export function requireAmount(value: number | undefined, field: string, label: string): Violation[] {
  if (value === undefined) return [];
  const problem = amountProblem(value);
  return problem ? [violation(422, 'amount_invalid', `${label}${problem.replace(/^金额/, '')}`, field)] : [];
}

/**
 * Everything in a payload can be stored as it is: no text the database refuses (control characters,
 * broken Unicode) or that exceeds the longest free text, no number beyond what its column holds. An
 * update is accepted only if its ledger projection cannot fail for its data (issue 10).
 */
export function requireStorable(payload: unknown, path = ''): Violation[] {
  if (typeof payload === 'string') {
    const problem = textProblem(payload, { max: TEXT_LIMITS.text });
    return problem ? [violation(422, 'unstorable_value', `${path || '内容'}：${problem}`, path || undefined)] : [];
  }
  if (typeof payload === 'number') {
    return Number.isFinite(payload) && Math.abs(payload) <= AMOUNT_MAX ? [] : [violation(422, 'unstorable_value', `${path || '数值'}：数值超出可保存的范围`, path || undefined)];
  }
  if (Array.isArray(payload)) return payload.flatMap((item, i) => requireStorable(item, `${path}[${i}]`));
  if (payload && typeof payload === 'object') {
    return Object.entries(payload).flatMap(([k, v]) => requireStorable(v, path ? `${path}.${k}` : k));
  }
  return [];
}

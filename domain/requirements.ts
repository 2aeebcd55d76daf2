/**
 * The shapes most action rules take: who may act, in which stage, and which text must be filled in.
 * Each returns the broken rule as a Violation (empty when it holds), so a rule set reads as one list.
 */
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
  return typeof value === 'string' && value.trim().length > 0 ? [] : [violation(422, `${field}_required`, `请填写${label}`, field)];
}

/** An optional sum of money (元): when given, a number ≥ 0 (NaN is not). */
export function requireAmount(value: number | undefined, field: string, label: string): Violation[] {
  return value !== undefined && !(value >= 0) ? [violation(422, 'amount_invalid', `${label}应 ≥ 0`, field)] : [];
}

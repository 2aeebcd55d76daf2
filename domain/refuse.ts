/** How workflow update validators refuse: one ApplicationFailure carrying every broken rule. */
import { ApplicationFailure } from '@temporalio/common';
import type { Actor, Role } from './vocabulary';
import { RULE_VIOLATION, violation, type Violation } from './violation';

export function refuse(violations: Violation[]): void {
  if (violations.length === 0) return;
  throw ApplicationFailure.create({
    type: RULE_VIOLATION,
    message: violations.map((v) => v.message).join('；'),
    details: violations,
    nonRetryable: true,
  });
}

export function requireRole(actor: Actor, roles: Role[], what: string): Violation[] {
  return roles.includes(actor.role)
    ? []
    : [violation(403, 'role_not_allowed', `${what}只能由 ${roles.join(' / ')} 办理，当前身份为 ${actor.role}`)];
}

/** How workflow update validators refuse: one ApplicationFailure carrying every broken rule. */
import { ApplicationFailure } from '@temporalio/common';
import { RULE_VIOLATION, type Violation } from './violation';

export function refuse(violations: Violation[]): void {
  if (violations.length === 0) return;
  throw ApplicationFailure.create({
    type: RULE_VIOLATION,
    message: violations.map((v) => v.message).join('；'),
    details: violations,
    nonRetryable: true,
  });
}

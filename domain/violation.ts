/**
 * A broken rule, as the person who broke it should read it. `status` is the HTTP status the API
 * answers with: 403 acting outside one's role or unit, 409 wrong stage, 422 content that breaks a rule.
 */
export interface Violation {
  code: string;
  message: string;
  status: 403 | 409 | 422;
  field?: string;
}

/** ApplicationFailure type that carries violations from an update validator to the API. */
export const RULE_VIOLATION = 'RuleViolation';

export const violation = (status: Violation['status'], code: string, message: string, field?: string): Violation => ({
  status,
  code,
  message,
  ...(field ? { field } : {}),
});

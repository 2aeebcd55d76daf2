/**
 * Everything Temporal-shaped that the API, the worker and the workflows agree on.
 * No environment reads here: workflow code imports this file, and it must stay deterministic.
 */
import { defineSearchAttributeKey, SearchAttributeType, type RetryPolicy } from '@temporalio/common';

export const DEFAULT_NAMESPACE = 'clueflow';
export const TASK_QUEUE = 'clueflow';

/**
 * Search attributes of a clue workflow. The dev server keeps visibility in SQLite, which allows at
 * most 10 Keyword and 3 each of Int, Double, Bool, Datetime, Text and KeywordList per namespace:
 * here 3 Keyword, 2 Int, 1 Bool, 1 Datetime.
 */
export const searchAttributes = {
  CampaignId: defineSearchAttributeKey('CampaignId', SearchAttributeType.KEYWORD),
  ClueStage: defineSearchAttributeKey('ClueStage', SearchAttributeType.KEYWORD),
  UnitCode: defineSearchAttributeKey('UnitCode', SearchAttributeType.KEYWORD),
  ProjectNo: defineSearchAttributeKey('ProjectNo', SearchAttributeType.INT),
  EscalationLevel: defineSearchAttributeKey('EscalationLevel', SearchAttributeType.INT),
  Overdue: defineSearchAttributeKey('Overdue', SearchAttributeType.BOOL),
  NextDeadline: defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME),
} as const;

/** `name=Type` pairs in the form `temporal server start-dev --search-attribute` takes. */
export const searchAttributeRegistrations: Array<[string, string]> = [
  ['CampaignId', 'Keyword'],
  ['ClueStage', 'Keyword'],
  ['UnitCode', 'Keyword'],
  ['ProjectNo', 'Int'],
  ['EscalationLevel', 'Int'],
  ['Overdue', 'Bool'],
  ['NextDeadline', 'Datetime'],
];

/** Retries for activities that touch the database or the Temporal service: transient faults heal. */
export const defaultRetry: RetryPolicy = {
  initialInterval: '1 second',
  backoffCoefficient: 2,
  maximumInterval: '1 minute',
  maximumAttempts: 20,
  nonRetryableErrorTypes: ['ValidationError'],
};

/** Ledger projection and other short database writes. */
export const ledgerActivityOptions = {
  startToCloseTimeout: '30 seconds',
  scheduleToCloseTimeout: '1 hour',
  retry: defaultRetry,
} as const;

/**
 * The clue's ledger projection: what it writes was checked storable before the workflow took it, so
 * only a fault that heals (the database away) can fail it — it retries until the database is back,
 * and the ledger catches up by itself. A request waiting on it answers 202 after its bound.
 */
const untilItHeals: RetryPolicy = { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', nonRetryableErrorTypes: ['ValidationError'] };
export const projectionActivityOptions = { startToCloseTimeout: '30 seconds', retry: untilItHeals } as const;
/**
 * The same projection run as a local activity (inside the workflow task). Same timeout and retries;
 * past `localRetryThreshold` its retries wait on a durable timer instead of holding the task.
 */
export const projectionLocalActivityOptions = { startToCloseTimeout: '30 seconds', retry: untilItHeals, localRetryThreshold: '10 seconds' } as const;

/** Long activities that walk many clues (starting their workflows, signalling a new calendar); they heartbeat. */
export const batchActivityOptions = {
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '1 minute',
  scheduleToCloseTimeout: '6 hours',
  retry: defaultRetry,
} as const;

/** Delivery attempts of one message before the outbox marks it failed. */
export const MAIL_MAX_ATTEMPTS = 30;

/**
 * Mail delivery: SMTP servers refuse for a while (greylisting, outages); retry for hours, backing
 * off to 10 minutes, then the outbox shows the message failed with its last error.
 */
export const mailActivityOptions = {
  startToCloseTimeout: '10 minutes',
  heartbeatTimeout: '1 minute',
  scheduleToCloseTimeout: '24 hours',
  retry: { ...defaultRetry, maximumInterval: '10 minutes', maximumAttempts: MAIL_MAX_ATTEMPTS },
} as const;

/** How long a clue's history may grow before it continues as new (well under Temporal's 50k limit). */
export const CLUE_HISTORY_LIMIT = 2_000;

/**
 * The campaign's own workflow (专项工作): it activates the campaign in the ledger, starts the
 * workflows of imported clues, owns the calendar (deadline extensions reach every running clue
 * from here) and lives until the campaign ends.
 */
import { defineUpdate } from '@temporalio/workflow';
import type { Calendar } from '../../domain/calendar';
import type { Actor, DeadlineKey } from '../../domain/vocabulary';

export const campaignWorkflowId = (campaignId: string): string => `campaign-${campaignId}`;

export interface CampaignWorkflowInput {
  campaignId: string;
  /** After this instant the campaign workflow completes (campaign window end plus a grace period). */
  endsAt: number;
  /** Set when the workflow continues as new: the campaign is already active. */
  summary?: CampaignSummary;
}

export interface CampaignSummary {
  campaignId: string;
  units: number;
  departments: number;
  projects: number;
  activatedAt: string;
}

export interface DeadlineExtension {
  /** Idempotency key of the request: the same extension sent twice is applied once. */
  requestId: string;
  actor: Actor;
  deadlines: Partial<Record<DeadlineKey, string>>;
  reason: string;
}

export interface DeadlineExtensionResult {
  deadlines: Record<string, string>;
  calendarVersion: number;
  cluesSignalled: number;
}

/** Replies once the campaign is active in the ledger. */
export const activationUpdate = defineUpdate<CampaignSummary>('awaitActivation');
export const extendDeadlinesUpdate = defineUpdate<DeadlineExtensionResult, [DeadlineExtension]>('extendDeadlines');
/**
 * Asks the campaign to start the workflow of every imported clue that has none yet. Accepted at
 * once and durable from then on; replies when a start pass that began after the request is done.
 */
export const startCluesUpdate = defineUpdate<CluesStarted>('startClues');

export interface CluesStarted {
  /** Clues this pass gave a workflow (including any an interrupted earlier pass had already started). */
  started: number;
}

export interface CampaignActivities {
  activateCampaign(req: { campaignId: string }): Promise<CampaignSummary>;
  applyDeadlines(req: DeadlineExtension & { campaignId: string }): Promise<{ deadlines: Record<string, string>; before: Record<string, string>; calendar: Calendar }>;
  signalCalendar(req: { campaignId: string; calendar: Calendar; reason: string }): Promise<number>;
  startClueWorkflows(req: { campaignId: string }): Promise<CluesStarted>;
  /** Clues in the ledger, imported at least `olderThanMs` ago, whose workflow has not been started. */
  countUnstartedClues(req: { campaignId: string; olderThanMs: number }): Promise<number>;
}

/**
 * The campaign's mail clock (UnitDigest): once a day at the campaign's digest hour it has the
 * day's unit digests and escalation notices composed from the ledger and delivered.
 */
import { defineSignal } from '@temporalio/workflow';

/** Mail was queued outside the daily run (a notice, an extension): deliver it now. */
export const deliverNowSignal = defineSignal('deliverNow');

/** Compose and deliver today's digests and escalations now rather than at the digest hour. */
export const runNowSignal = defineSignal('runNow');

export const digestWorkflowId = (campaignId: string): string => `digest-${campaignId}`;

export interface DigestWorkflowInput {
  campaignId: string;
  /** The clock stops after this instant (the campaign's end plus grace). */
  endsAt: number;
}

export interface DigestSlot {
  /** The instant of the next run (digest hour, campaign time zone). */
  at: number;
  /** Its local date, YYYY-MM-DD: the key of the run and of every mail it makes. */
  date: string;
}

export interface DigestRunResult {
  date: string;
  digests: number;
  escalations: number;
  /** Units with something to say but no contact to say it to (outbox status no_recipient). */
  unitsWithoutContacts: string[];
}

export interface DeliveryResult {
  sent: number;
  outboxOnly: number;
}

export interface MailActivities {
  nextDigestSlot(req: { campaignId: string; after: number }): Promise<DigestSlot>;
  /** `date` defaults to the local date of `at`. */
  composeDailyMail(req: { campaignId: string; date?: string; at: number }): Promise<DigestRunResult>;
  deliverOutbox(req: { campaignId: string }): Promise<DeliveryResult>;
  /** Mails each unit with open clues which deadlines an extension moved, and why; once per request. */
  composeExtensionMail(req: { campaignId: string; requestId: string; before: Record<string, string>; after: Record<string, string>; reason: string }): Promise<number>;
}

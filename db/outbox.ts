/**
 * The mail outbox (mail_outbox): every message clueflow sends or keeps, once per idempotency key
 * (kind + unit or recipient + date), with its delivery status. The API (notices) and the mail
 * activities (digests, escalations, extensions, delivery) read and write it only through here.
 */
import type { EntityManager } from 'typeorm';
import type { Rendered } from '../common/mail/render';
import type { Contact } from '../domain/digest';
import { OutboxEntity, type OutboxKind } from './entities';

export interface OutboxMessage {
  key: string;
  campaignId: string;
  unitCode: string | null;
  kind: OutboxKind;
  recipients: Contact[];
  /** The daily run that composed it (digests and escalations). */
  runDate?: string;
  mail: Rendered;
}

/**
 * Puts messages in the outbox once per key: a key already there is left as it is. A message with
 * no recipient is kept as no_recipient, so a unit without contacts shows in the outbox instead of
 * being skipped; without SMTP the rest stay outbox_only. Pass the transaction's EntityManager to
 * make the mail part of it.
 */
export async function enqueueMail(em: EntityManager, messages: OutboxMessage[], smtpConfigured: boolean): Promise<void> {
  if (messages.length === 0) return;
  await em
    .createQueryBuilder()
    .insert()
    .into(OutboxEntity)
    .values(
      messages.map((m) => ({
        idempotencyKey: m.key,
        campaignId: m.campaignId,
        unitCode: m.unitCode,
        kind: m.kind,
        recipients: m.recipients,
        subject: m.mail.subject,
        text: m.mail.text,
        html: m.mail.html,
        status: m.recipients.length === 0 ? 'no_recipient' : smtpConfigured ? 'queued' : 'outbox_only',
        runDate: m.runDate ?? null,
      })),
    )
    .orIgnore()
    // A key already there returns no row: there is nothing to map back onto the values.
    .updateEntity(false)
    .execute();
}

/** The campaign's messages waiting for SMTP, oldest first. */
export function queuedMail(em: EntityManager, campaignId: string): Promise<OutboxEntity[]> {
  return em.find(OutboxEntity, { where: { campaignId, status: 'queued' }, order: { createdAt: 'ASC', idempotencyKey: 'ASC' } });
}

/** How many of the campaign's messages stay in the outbox because no SMTP server is configured. */
export function outboxOnlyCount(em: EntityManager, campaignId: string): Promise<number> {
  return em.countBy(OutboxEntity, { campaignId, status: 'outbox_only' });
}

/** The SMTP server accepted the message. */
export async function recordSent(em: EntityManager, id: string, messageId: string): Promise<void> {
  await em.update(OutboxEntity, { id, status: 'queued' }, { status: 'sent', attempts: () => 'attempts + 1', sentAt: () => 'now()', messageId, lastError: null });
}

/** A send failed: the message keeps its place until its last attempt, then it is failed. */
export async function recordFailedAttempt(em: EntityManager, id: string, error: string, maxAttempts: number): Promise<void> {
  await em.update(
    OutboxEntity,
    { id },
    { attempts: () => 'attempts + 1', lastError: error, status: () => `CASE WHEN attempts + 1 >= ${Number(maxAttempts)} THEN 'failed' ELSE status END` },
  );
}

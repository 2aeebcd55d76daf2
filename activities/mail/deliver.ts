/**
 * SMTP delivery of the outbox (nodemailer). Nothing here decides what is said or to whom: it sends
 * what db/outbox holds as queued and records how each send went.
 */
import { createHash } from 'node:crypto';
import { activityInfo, cancellationSignal, heartbeat } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from '../../db/database';
import { outboxOnlyCount, queuedMail, recordFailedAttempt, recordSent } from '../../db/outbox';
import { MAIL_MAX_ATTEMPTS } from '../../temporal.config';
import type { DeliveryResult } from '../../workflows/digest/definitions';

export interface SmtpConfig {
  /** Unset → mail stays in the outbox (status outbox_only). */
  smtpUrl?: string;
  from: string;
}

/** The same key always gives the same Message-ID, whichever attempt sends it. */
function messageIdOf(idempotencyKey: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@clueflow>`;
}

export class MailDelivery {
  private readonly transport?: Transporter;

  constructor(
    private readonly db: Database,
    private readonly config: SmtpConfig,
  ) {
    // Every stage of a send gives up well inside the activity's 1-minute heartbeat timeout, so a
    // hung server fails the attempt instead of outliving it and racing its retry (a double send).
    if (config.smtpUrl) this.transport = nodemailer.createTransport({ url: config.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as never);
  }

  /**
   * Sends every queued message of the campaign. A message that fails keeps its place with its
   * attempts and last error, and the activity fails so Temporal retries it with back-off; messages
   * already sent are never sent again. The Message-ID is derived from the key, so a receiving server
   * can drop the rare duplicate of a send interrupted between SMTP's acceptance and our record of it.
   */
  async deliverOutbox({ campaignId }: { campaignId: string }): Promise<DeliveryResult> {
    const transport = this.transport;
    if (!transport) return { sent: 0, outboxOnly: await this.db.run((em) => outboxOnlyCount(em, campaignId)) };
    const queued = await this.db.run((em) => queuedMail(em, campaignId));
    let sent = 0;
    const failures: string[] = [];
    for (const m of queued) {
      // An attempt the server has given up on (heartbeat timeout) stops here; its retry sends the rest.
      if (cancellationSignal().aborted) throw ApplicationFailure.retryable(`delivery attempt cancelled after ${sent} messages`, 'MailDeliveryCancelled');
      heartbeat({ sent });
      const messageId = messageIdOf(m.idempotencyKey);
      try {
        await transport.sendMail({
          from: this.config.from,
          to: m.recipients.map((r) => ({ name: r.name, address: r.email })),
          subject: m.subject,
          text: m.text,
          ...(m.html ? { html: m.html } : {}),
          messageId,
        });
        await this.db.run((em) => recordSent(em, m.id, messageId));
        sent += 1;
      } catch (err) {
        const message = (err as Error).message;
        failures.push(`${m.idempotencyKey}: ${message}`);
        await this.db.run((em) => recordFailedAttempt(em, m.id, message, MAIL_MAX_ATTEMPTS));
      }
    }
    if (failures.length) {
      throw ApplicationFailure.retryable(`${failures.length} of ${queued.length} messages not delivered (attempt ${activityInfo().attempt}): ${failures[0]}`, 'MailDeliveryError');
    }
    return { sent, outboxOnly: 0 };
  }
}

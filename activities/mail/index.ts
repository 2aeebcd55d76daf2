/**
 * The mail clock's activities (`MailActivities` in workflows/digest/definitions): composing the
 * day's mail from the ledger into the outbox, and delivering the outbox through SMTP.
 */
import type { Database } from '../../db/database';
import type { MailActivities as Contract } from '../../workflows/digest/definitions';
import { MailComposer } from './compose';
import { MailDelivery } from './deliver';

export interface MailConfig {
  /** Unset → mail stays in the outbox (status outbox_only). */
  smtpUrl?: string;
  from: string;
  /** Base address for links in mails. */
  publicUrl: string;
}

type Request<K extends keyof Contract> = Parameters<Contract[K]>[0];

export class MailActivities implements Contract {
  private readonly composer: MailComposer;
  private readonly delivery: MailDelivery;

  constructor(db: Database, config: MailConfig) {
    this.composer = new MailComposer(db, { publicUrl: config.publicUrl, smtpConfigured: !!config.smtpUrl });
    this.delivery = new MailDelivery(db, config);
  }

  nextDigestSlot(req: Request<'nextDigestSlot'>) {
    return this.composer.nextDigestSlot(req);
  }

  composeDailyMail(req: Request<'composeDailyMail'>) {
    return this.composer.composeDailyMail(req);
  }

  composeExtensionMail(req: Request<'composeExtensionMail'>) {
    return this.composer.composeExtensionMail(req);
  }

  deliverOutbox(req: Request<'deliverOutbox'>) {
    return this.delivery.deliverOutbox(req);
  }
}

/**
 * Builds every activity with its dependencies (activities-dependency-injection pattern): the worker
 * registers the returned object's methods by name.
 */
import type { Client } from '@temporalio/client';
import type { Database } from '../db/database';
import type { CampaignActivities as CampaignContract } from '../workflows/campaign/definitions';
import type { ClueActivities } from '../workflows/clue/definitions';
import type { MailActivities as MailContract } from '../workflows/digest/definitions';
import type { SamplerActivities } from '../workflows/sampler/definitions';
import { CampaignActivities } from './campaign';
import { LedgerActivities } from './ledger';
import { MailActivities, type MailConfig } from './mail';
import { SamplingActivities } from './sampling';

export interface ActivityDeps {
  db: Database;
  temporal: Client;
  mail: MailConfig;
}

export type Activities = ClueActivities & CampaignContract & SamplerActivities & MailContract;

/** Binds each method so the worker can call it detached from its instance. */
function bound<T extends object>(instance: T): T {
  const out: Record<string, unknown> = {};
  for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(instance))) {
    const member = (instance as Record<string, unknown>)[name];
    if (name !== 'constructor' && typeof member === 'function') out[name] = member.bind(instance);
  }
  return out as T;
}

export function createActivities({ db, temporal, mail }: ActivityDeps): Activities {
  return Object.assign(
    {},
    bound(new LedgerActivities(db, { temporal, smtpConfigured: !!mail.smtpUrl, publicUrl: mail.publicUrl })),
    bound(new CampaignActivities(db, temporal)),
    bound(new SamplingActivities(db, temporal)),
    bound(new MailActivities(db, mail)),
  );
}

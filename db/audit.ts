import type { EntityManager } from 'typeorm';
import type { Actor } from '../domain/vocabulary';
import { AuditEntity } from './entities';

export interface AuditEntry {
  /** Same key twice → one entry: retries and replays never duplicate the log. */
  key: string;
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string;
  campaignId?: string | null;
  detail?: Record<string, unknown>;
  at?: Date;
}

/** Appends to the audit log; returns false when an entry with this key already exists. */
export async function appendAudit(em: EntityManager, e: AuditEntry): Promise<boolean> {
  const entry: Omit<AuditEntity, 'id'> = {
    idempotencyKey: e.key,
    at: e.at ?? new Date(),
    actorName: e.actor.name,
    actorRole: e.actor.role,
    actorUnit: e.actor.unitCode ?? null,
    action: e.action,
    campaignId: e.campaignId ?? null,
    entityType: e.entityType,
    entityId: e.entityId,
    detail: e.detail ?? {},
  };
  const { raw } = await em
    .createQueryBuilder()
    .insert()
    .into(AuditEntity)
    .values(entry)
    .orIgnore()
    .returning('id')
    // The returned ids tell a fresh entry from a repeated one; there is no entity object to update.
    .updateEntity(false)
    .execute();
  return raw.length > 0;
}

import type { EntityManager } from 'typeorm';
import type { Actor } from '../domain/vocabulary';

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
  const rows = await em.query(
    `INSERT INTO audit_log (idempotency_key, at, actor_name, actor_role, actor_unit, action, campaign_id, entity_type, entity_id, detail)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (idempotency_key) DO NOTHING
     RETURNING id`,
    [
      e.key,
      e.at ?? new Date(),
      e.actor.name,
      e.actor.role,
      e.actor.unitCode ?? null,
      e.action,
      e.campaignId ?? null,
      e.entityType,
      e.entityId,
      JSON.stringify(e.detail ?? {}),
    ],
  );
  return rows.length > 0;
}

/**
 * The audit log (审计日志): append-only (the database refuses UPDATE, DELETE and TRUNCATE), and each
 * campaign's entries form a hash chain — every entry carries the hash of the one before it, so an
 * entry altered behind the database's back breaks the chain from there on (`npm run verify-audit`).
 */
import { createHash } from 'node:crypto';
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

/** The hash a chain starts from. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const obj = value as Record<string, unknown>;
    return `{${Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value instanceof Date ? value.toISOString() : value);
}

/** What an entry's hash covers: everything it says, and the hash of the entry before it. */
export type ChainedFields = Pick<AuditEntity, 'idempotencyKey' | 'at' | 'actorName' | 'actorRole' | 'actorUnit' | 'action' | 'campaignId' | 'entityType' | 'entityId' | 'detail'>;

export function entryHash(prevHash: string, e: ChainedFields): string {
  const body = canonicalJson({
    key: e.idempotencyKey,
    at: e.at.toISOString(),
    actorName: e.actorName,
    actorRole: e.actorRole,
    actorUnit: e.actorUnit,
    action: e.action,
    campaignId: e.campaignId,
    entityType: e.entityType,
    entityId: e.entityId,
    detail: e.detail,
  });
  return createHash('sha256').update(`${prevHash}\n${body}`).digest('hex');
}

/** An audit_log row as SQL returns it (snake_case columns) in the shape its hash covers. */
export function chainedFieldsOf(r: Record<string, any>): ChainedFields {
  return {
    idempotencyKey: r.idempotency_key,
    at: new Date(r.at),
    actorName: r.actor_name,
    actorRole: r.actor_role,
    actorUnit: r.actor_unit,
    action: r.action,
    campaignId: r.campaign_id,
    entityType: r.entity_type,
    entityId: r.entity_id,
    detail: r.detail,
  };
}

/** The columns chainedFieldsOf reads. */
export const CHAINED_COLUMNS = 'idempotency_key, at, actor_name, actor_role, actor_unit, action, campaign_id, entity_type, entity_id, detail';

/** SQL condition selecting one chain: a campaign's entries, or those of no campaign (tokens). */
export const chainSql = (column: string, param: string) => `${column} IS NOT DISTINCT FROM ${param}`;

/** Appends to the audit log; returns false when an entry with this key already exists. */
export async function appendAudit(em: EntityManager, e: AuditEntry): Promise<boolean> {
  // Chaining reads the chain's last entry and writes the next: both in one transaction, one writer per chain.
  if (!em.queryRunner?.isTransactionActive) return em.transaction((tx) => appendAudit(tx, e));
  const campaignId = e.campaignId ?? null;
  await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`clueflow:audit:${campaignId ?? ''}`]);
  const existing = await em.findOne(AuditEntity, { where: { idempotencyKey: e.key }, select: { id: true } });
  if (existing) return false;
  const [last] = await em.query(`SELECT hash FROM audit_log WHERE ${chainSql('campaign_id', '$1')} ORDER BY id DESC LIMIT 1`, [campaignId]);
  const entry: ChainedFields = {
    idempotencyKey: e.key,
    // Milliseconds, as a JavaScript date holds them: what is hashed is exactly what is stored.
    at: e.at ?? new Date(),
    actorName: e.actor.name,
    actorRole: e.actor.role,
    actorUnit: e.actor.unitCode ?? null,
    action: e.action,
    campaignId,
    entityType: e.entityType,
    entityId: e.entityId,
    detail: JSON.parse(JSON.stringify(e.detail ?? {})),
  };
  const prevHash: string = last?.hash ?? GENESIS_HASH;
  await em.insert(AuditEntity, { ...entry, prevHash, hash: entryHash(prevHash, entry) });
  return true;
}

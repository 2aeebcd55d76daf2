import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '../../db/database';
import { DATABASE } from '../shared/providers';
import type { AuditListOut, AuditQuery } from './audit.dto';

/** The append-only audit log (审计日志), newest first. */
@Injectable()
export class AuditService {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async list(q: AuditQuery): Promise<AuditListOut> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.clueNo) where.push(`(entity_id = $${params.push(q.clueNo)} OR detail->'clueNos' ? $${params.length})`);
    if (q.actor) where.push(`actor_name = $${params.push(q.actor)}`);
    if (q.campaignId) where.push(`campaign_id = $${params.push(q.campaignId)}`);
    const items = await this.db.query(
      `SELECT id, at, actor_name AS actor, actor_role AS "actorRole", actor_unit AS "actorUnit", action, entity_type AS "entityType",
              entity_id AS "entityId", campaign_id AS "campaignId", detail
         FROM audit_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT 500`,
      params,
    );
    return { items };
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '../../db/database';
import { paging } from '../shared/paging';
import { DATABASE } from '../shared/providers';
import type { AuditListOut, AuditQuery } from './audit.dto';

/** The append-only, hash-chained audit log (审计日志), newest first, a page at a time. */
@Injectable()
export class AuditService {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async list(q: AuditQuery): Promise<AuditListOut> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.clueNo) where.push(`(entity_id = $${params.push(q.clueNo)} OR detail->'clueNos' ? $${params.length})`);
    if (q.actor) where.push(`actor_name = $${params.push(q.actor)}`);
    if (q.campaignId) where.push(`campaign_id = $${params.push(q.campaignId)}`);
    if (q.action) where.push(`starts_with(action, $${params.push(q.action)})`);
    if (q.from) where.push(`at >= $${params.push(new Date(q.from))}`);
    if (q.to) where.push(`at < $${params.push(new Date(q.to))}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const { page, pageSize, offset } = paging(q);
    const [[{ total }], items] = await Promise.all([
      this.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM audit_log ${clause}`, params),
      this.db.query(
        `SELECT id, at, actor_name AS actor, actor_role AS "actorRole", actor_unit AS "actorUnit", action, entity_type AS "entityType",
                entity_id AS "entityId", campaign_id AS "campaignId", detail, prev_hash AS "prevHash", hash
           FROM audit_log ${clause} ORDER BY id DESC LIMIT ${pageSize} OFFSET ${offset}`,
        params,
      ),
    ]);
    return { items, total, page, pageSize };
  }
}

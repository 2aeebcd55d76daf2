/**
 * Accountability items (问责事项, 三(四) and 四(二)): the discipline commission lists and reads them and
 * records its own outcome on each, once; the task force reads them too. Items are opened by the
 * ledger projection (an overturned re-check) and by grave notices (db/accountability).
 */
import { Inject, Injectable } from '@nestjs/common';
import { appendAudit } from '../../db/audit';
import type { Database } from '../../db/database';
import { AccountabilityItemEntity } from '../../db/entities';
import { namedActor } from '../../domain/accountability';
import type { Actor } from '../../domain/vocabulary';
import { ApiError, notFound } from '../shared/errors';
import { paging } from '../shared/paging';
import { DATABASE } from '../shared/providers';
import type { AccountabilityListOut, AccountabilityOut, AccountabilityQuery } from './accountability.dto';

function toOut(e: AccountabilityItemEntity): AccountabilityOut {
  return {
    id: e.id,
    campaignId: e.campaignId,
    source: e.source,
    subjectCode: e.subjectCode,
    subjectName: e.subjectName,
    clueNos: e.clueNos,
    summary: e.summary,
    people: e.people,
    finding: e.finding,
    evidence: e.evidence,
    createdAt: e.createdAt.toISOString(),
    outcome: e.outcome !== null && e.outcomeBy && e.outcomeAt ? { outcome: e.outcome, by: e.outcomeBy, at: e.outcomeAt.toISOString() } : null,
  };
}

@Injectable()
export class AccountabilityService {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  async list(q: AccountabilityQuery): Promise<AccountabilityListOut> {
    const { page, pageSize, offset } = paging(q);
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.campaignId) where.push(`campaign_id = $${params.push(q.campaignId)}`);
    if (q.open !== undefined) where.push(q.open ? 'outcome IS NULL' : 'outcome IS NOT NULL');
    const sql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [[{ total }], ids] = await this.db.run((em) =>
      Promise.all([
        em.query(`SELECT count(*)::int AS total FROM accountability_items ${sql}`, params),
        em.query(`SELECT id FROM accountability_items ${sql} ORDER BY created_at DESC, id LIMIT ${pageSize} OFFSET ${offset}`, params),
      ]),
    );
    const rows = ids.length ? await this.db.run((em) => em.find(AccountabilityItemEntity, { where: ids.map((r: { id: string }) => ({ id: r.id })) })) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    return { items: ids.map((r: { id: string }) => toOut(byId.get(r.id)!)), total, page, pageSize };
  }

  async one(id: string): Promise<AccountabilityOut> {
    const row = await this.db.run((em) => em.findOneBy(AccountabilityItemEntity, { id }));
    if (!row) throw notFound(`问责事项 ${id} `);
    return toOut(row);
  }

  /** The commission's own outcome, recorded once and audited; a second answers 409 with the first. */
  async recordOutcome(actor: Actor, id: string, outcome: string): Promise<AccountabilityOut> {
    return this.db.tx(async (em) => {
      const row = await em.findOne(AccountabilityItemEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw notFound(`问责事项 ${id} `);
      if (row.outcome !== null) {
        throw new ApiError(409, 'outcome_recorded', `问责事项 ${id} 已于 ${row.outcomeAt!.toISOString()} 由 ${row.outcomeBy!.name} 录入处理结果：${row.outcome}`);
      }
      const by = namedActor(actor);
      const at = new Date();
      await em.update(AccountabilityItemEntity, { id }, { outcome, outcomeBy: by, outcomeAt: at });
      await appendAudit(em, {
        key: `accountability#${id}#outcome`,
        actor,
        action: 'accountability.outcome_recorded',
        entityType: 'accountability_item',
        entityId: id,
        campaignId: row.campaignId,
        at,
        detail: { outcome },
      });
      return toOut({ ...row, outcome, outcomeBy: by, outcomeAt: at });
    });
  }
}

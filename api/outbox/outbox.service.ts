/** The mail outbox as people read it, and the coordinator's "send today's digests now". */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { appendAudit } from '../../db/audit';
import type { Database } from '../../db/database';
import { addressedCode } from '../../domain/access';
import type { Actor } from '../../domain/vocabulary';
import { digestWorkflowId, runNowSignal } from '../../workflows/digest/definitions';
import { ApiError, notFound } from '../shared/errors';
import { paging } from '../shared/paging';
import { DATABASE, TEMPORAL } from '../shared/providers';
import type { DigestRunOut, OutboxListOut, OutboxQuery } from './outbox.dto';

@Injectable()
export class OutboxService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(TEMPORAL) private readonly temporal: Client,
  ) {}

  /** Asks the campaign's mail clock for today's digests and escalations now (audited). */
  async runDigestsNow(actor: Actor, campaignId: string): Promise<DigestRunOut> {
    const [campaign] = await this.db.query(`SELECT id FROM campaigns WHERE id = $1`, [campaignId]);
    if (!campaign) throw notFound(`专项工作 ${campaignId} `);
    try {
      await this.temporal.workflow.getHandle(digestWorkflowId(campaignId)).signal(runNowSignal);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new ApiError(409, 'mail_clock_ended', `专项工作 ${campaignId} 已结束，不再发送每日汇总`);
      throw err;
    }
    await this.db.run((em) =>
      appendAudit(em, {
        key: `digest-run#${campaignId}#${randomUUID()}`,
        actor,
        action: 'campaign.digests_requested',
        entityType: 'campaign',
        entityId: campaignId,
        campaignId,
        detail: {},
      }),
    );
    return { campaignId, requested: true, message: '今日汇总与升级提醒将立即生成并投递；今日已生成过的不会重复发送，见 GET /outbox' };
  }

  /** The outbox: every message, sent or not, with its delivery status. A unit sees only its own. */
  async list(actor: Actor, f: OutboxQuery): Promise<OutboxListOut> {
    const { page, pageSize, offset } = paging(f);
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.campaignId) where.push(`campaign_id = $${params.push(f.campaignId)}`);
    if (f.unitCode) where.push(`unit_code = $${params.push(f.unitCode)}`);
    if (f.kind) where.push(`kind = $${params.push(f.kind)}`);
    if (f.status) where.push(`status = $${params.push(f.status)}`);
    const own = addressedCode(actor);
    if (own !== null) where.push(`unit_code = $${params.push(own)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [[{ total }], items] = await Promise.all([
      this.db.query<{ total: number }>(`SELECT count(*)::int AS total FROM mail_outbox ${clause}`, params),
      this.db.query(
        `SELECT id, campaign_id AS "campaignId", unit_code AS "unitCode", kind, to_char(run_date, 'YYYY-MM-DD') AS "runDate", recipients, subject, text,
                status, attempts, last_error AS "lastError", created_at AS "createdAt", sent_at AS "sentAt"
           FROM mail_outbox ${clause} ORDER BY created_at DESC, idempotency_key LIMIT ${pageSize} OFFSET ${offset}`,
        params,
      ),
    ]);
    return { items, total, page, pageSize };
  }
}

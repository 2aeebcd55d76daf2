/**
 * Inspection notices (通报) and the mail outbox as people read them. A notice is stored, audited and
 * mailed to the unit and the task force in one transaction; the campaign's mail clock delivers it.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { renderNotice } from '../common/mail/render';
import type { Config } from '../common/config';
import { logger } from '../common/logger';
import { appendAudit } from '../db/audit';
import type { Database } from '../db/database';
import { enqueueMail } from '../db/outbox';
import { deliverNowSignal, digestWorkflowId, runNowSignal } from '../workflows/digest/definitions';
import { addressedCode } from '../domain/access';
import type { Contact } from '../domain/digest';
import type { Actor } from '../domain/vocabulary';
import { NOTICE_SEVERITY_LABELS } from '../domain/labels';
import type { NoticeRequest } from './dto';
import { ApiError, notFound } from './errors';
import { CONFIG, DATABASE, TEMPORAL } from './providers';

export interface OutboxFilter {
  campaignId?: string;
  unitCode?: string;
  kind?: string;
  status?: string;
  page: number;
  pageSize: number;
}

@Injectable()
export class MailService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(TEMPORAL) private readonly temporal: Client,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** Which campaign a notice is for: the one named, or the only campaign that has the unit. */
  private async campaignFor(body: NoticeRequest): Promise<{ id: string; title: string; document: Record<string, any> }> {
    const rows = await this.db.query<{ id: string; title: string; document: Record<string, any> }>(
      `SELECT c.id, c.title, c.document FROM campaigns c JOIN units u ON u.campaign_id = c.id AND u.code = $1
        WHERE $2::text IS NULL OR c.id = $2 ORDER BY c.created_at`,
      [body.unitCode, body.campaignId ?? null],
    );
    if (rows.length === 0) {
      throw body.campaignId ? notFound(`专项工作 ${body.campaignId} 中的单位 ${body.unitCode} `) : notFound(`单位 ${body.unitCode} `);
    }
    if (rows.length > 1) {
      throw new ApiError(400, 'validation_failed', `单位 ${body.unitCode} 属于多个专项工作（${rows.map((r) => r.id).join('、')}），请在 campaignId 中指明`, [
        { field: 'campaignId', message: '必填：该单位属于多个专项工作' },
      ]);
    }
    return rows[0];
  }

  async fileNotice(actor: Actor, body: NoticeRequest) {
    const campaign = await this.campaignFor(body);
    const clueNos = [...new Set(body.clueNos ?? [])];
    if (clueNos.length) {
      const found = await this.db.query<{ clue_no: string }>(
        `SELECT clue_no FROM clues WHERE campaign_id = $1 AND unit_code = $2 AND clue_no = ANY($3::text[])`,
        [campaign.id, body.unitCode, clueNos],
      );
      const missing = clueNos.filter((n) => !found.some((f) => f.clue_no === n));
      if (missing.length) {
        throw new ApiError(422, 'clue_not_of_unit', `以下线索不存在或不属于 ${body.unitCode}：${missing.join('、')}`, [{ field: 'clueNos', message: missing.join(', ') }]);
      }
    }
    const notice = await this.db.tx(async (em) => {
      const [unit] = await em.query(`SELECT name, contacts FROM units WHERE campaign_id = $1 AND code = $2`, [campaign.id, body.unitCode]);
      const [row] = await em.query(
        `INSERT INTO notices (campaign_id, unit_code, clue_nos, finding, severity, created_by) VALUES ($1, $2, $3, $4, $5, $6)
         RETURNING id, created_at`,
        [campaign.id, body.unitCode, JSON.stringify(clueNos), body.finding, body.severity, JSON.stringify(actor)],
      );
      await appendAudit(em, {
        key: `notice#${row.id}`,
        actor,
        action: 'notice.filed',
        entityType: 'notice',
        entityId: row.id,
        campaignId: campaign.id,
        detail: { unitCode: body.unitCode, clueNos, finding: body.finding, severity: body.severity },
      });
      const mail = renderNotice({
        campaignTitle: campaign.title,
        unitName: unit.name,
        finding: body.finding,
        severity: NOTICE_SEVERITY_LABELS[body.severity],
        clueNos,
        by: actor.name,
      });
      const taskForce: Contact[] = campaign.document.contacts?.taskForce ?? [];
      await enqueueMail(em, [
        { key: `notice#${row.id}#unit`, campaignId: campaign.id, unitCode: body.unitCode, kind: 'notice', recipients: unit.contacts, mail },
        { key: `notice#${row.id}#taskForce`, campaignId: campaign.id, unitCode: body.unitCode, kind: 'notice', recipients: taskForce, mail },
      ], !!this.config.smtpUrl);
      return { id: row.id as string, campaignId: campaign.id, unitCode: body.unitCode, clueNos, finding: body.finding, severity: body.severity, createdBy: actor, createdAt: row.created_at as Date };
    });
    await this.temporal.workflow
      .getHandle(digestWorkflowId(campaign.id))
      .signal(deliverNowSignal)
      .catch((err) => {
        // The notice is filed whatever happens here: failing the request would invite a duplicate.
        // Its mail waits in the outbox (GET /outbox) for the clock's next delivery.
        if (!(err instanceof WorkflowNotFoundError)) logger.warn({ err, campaignId: campaign.id }, 'could not wake the mail clock for a notice');
      });
    return notice;
  }

  /** Asks the campaign's mail clock for today's digests and escalations now (audited). */
  async runDigestsNow(actor: Actor, campaignId: string) {
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

  async notices(actor: Actor, campaignId?: string, unitCode?: string) {
    const where: string[] = [];
    const params: unknown[] = [];
    if (campaignId) where.push(`campaign_id = $${params.push(campaignId)}`);
    if (unitCode) where.push(`unit_code = $${params.push(unitCode)}`);
    const own = addressedCode(actor);
    if (own !== null) where.push(`unit_code = $${params.push(own)}`);
    const rows = await this.db.query(
      `SELECT id, campaign_id AS "campaignId", unit_code AS "unitCode", clue_nos AS "clueNos", finding, severity, created_by AS "createdBy", created_at AS "createdAt"
         FROM notices ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY created_at DESC LIMIT 500`,
      params,
    );
    return { items: rows };
  }

  /** The outbox: every message, sent or not, with its delivery status. A unit sees only its own. */
  async outbox(actor: Actor, f: OutboxFilter) {
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
           FROM mail_outbox ${clause} ORDER BY created_at DESC, idempotency_key LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`,
        params,
      ),
    ]);
    return { items, total, page: f.page, pageSize: f.pageSize };
  }
}

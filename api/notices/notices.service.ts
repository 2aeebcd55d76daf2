/**
 * Inspection notices (通报, 四(二)): an inspector's finding against a unit is stored, audited and
 * mailed to the unit and the task force in one transaction; the campaign's mail clock delivers it.
 */
import { Inject, Injectable } from '@nestjs/common';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { renderNotice } from '../../common/mail/render';
import type { Config } from '../../common/config';
import { logger } from '../../common/logger';
import { appendAudit } from '../../db/audit';
import type { Database } from '../../db/database';
import { enqueueMail } from '../../db/outbox';
import { addressedCode } from '../../domain/access';
import type { Contact } from '../../domain/digest';
import { NOTICE_SEVERITY_LABELS } from '../../domain/labels';
import type { Actor } from '../../domain/vocabulary';
import { deliverNowSignal, digestWorkflowId } from '../../workflows/digest/definitions';
import { ApiError, notFound } from '../shared/errors';
import { CONFIG, DATABASE, TEMPORAL } from '../shared/providers';
import type { NoticeListOut, NoticeListQuery, NoticeOut, NoticeRequest } from './notices.dto';

@Injectable()
export class NoticeService {
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

  async file(actor: Actor, body: NoticeRequest): Promise<NoticeOut> {
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
      return { id: row.id as string, campaignId: campaign.id, unitCode: body.unitCode, clueNos, finding: body.finding, severity: body.severity, createdBy: actor, createdAt: (row.created_at as Date).toISOString() };
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

  async list(actor: Actor, q: NoticeListQuery): Promise<NoticeListOut> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.campaignId) where.push(`campaign_id = $${params.push(q.campaignId)}`);
    if (q.unitCode) where.push(`unit_code = $${params.push(q.unitCode)}`);
    const own = addressedCode(actor);
    if (own !== null) where.push(`unit_code = $${params.push(own)}`);
    const rows = await this.db.query(
      `SELECT id, campaign_id AS "campaignId", unit_code AS "unitCode", clue_nos AS "clueNos", finding, severity, created_by AS "createdBy", created_at AS "createdAt"
         FROM notices ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY created_at DESC LIMIT 500`,
      params,
    );
    return { items: rows };
  }

}

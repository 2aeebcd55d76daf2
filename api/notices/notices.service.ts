/**
 * Inspection notices (通报, 四(二)): an inspector's finding against a unit, a department or the
 * re-check group is stored, audited and mailed to them and the task force in one transaction; a grave
 * one (问题严重的将移交纪检监察机关) is mailed to the discipline commission too and opens an
 * accountability item for it. The campaign's mail clock delivers at once.
 */
import { Inject, Injectable } from '@nestjs/common';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { renderNotice } from '../../common/mail/render';
import type { Config } from '../../common/config';
import { logger } from '../../common/logger';
import { openAccountability } from '../../db/accountability';
import { appendAudit } from '../../db/audit';
import type { Database } from '../../db/database';
import { enqueueMail } from '../../db/outbox';
import { addressedCode } from '../../domain/access';
import { graveNoticeItem, opensAccountability } from '../../domain/accountability';
import { RECHECK_GROUP_CODE } from '../../domain/campaign';
import { RECHECK_GROUP_SUBJECT, type Contact } from '../../domain/digest';
import { NOTICE_SEVERITY_LABELS } from '../../domain/labels';
import type { Actor } from '../../domain/vocabulary';
import { deliverNowSignal, digestWorkflowId } from '../../workflows/digest/definitions';
import { ApiError, notFound } from '../shared/errors';
import { CONFIG, DATABASE, TEMPORAL } from '../shared/providers';
import type { NoticeListOut, NoticeListQuery, NoticeOut, NoticeRequest, NoticeSubjectType } from './notices.dto';

interface Campaign {
  id: string;
  title: string;
  document: Record<string, any>;
}

/** Whom a notice is filed against, in which campaign, and how to reach them. */
interface Target {
  campaign: Campaign;
  type: NoticeSubjectType;
  code: string;
  name: string;
  contacts: Contact[];
}

@Injectable()
export class NoticeService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(TEMPORAL) private readonly temporal: Client,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  /** The unit, department or re-check group named, in the campaign named or the only campaign that has it. */
  private async targetOf(body: NoticeRequest): Promise<Target> {
    const rows =
      body.unitCode === RECHECK_GROUP_CODE
        ? await this.db.query<Campaign & { type: NoticeSubjectType; name: string; contacts: Contact[] }>(
            `SELECT c.id, c.title, c.document, 'recheck_group' AS type, $1::text AS name, coalesce(c.document->'contacts'->'recheckGroup', '[]') AS contacts
               FROM campaigns c WHERE $2::text IS NULL OR c.id = $2 ORDER BY c.created_at`,
            [RECHECK_GROUP_SUBJECT.name, body.campaignId ?? null],
          )
        : await this.db.query<Campaign & { type: NoticeSubjectType; name: string; contacts: Contact[] }>(
            `SELECT c.id, c.title, c.document, s.type, s.name, s.contacts
               FROM campaigns c JOIN (
                 SELECT campaign_id, 'unit' AS type, name, contacts FROM units WHERE code = $1
                 UNION ALL SELECT campaign_id, 'department', name, contacts FROM departments WHERE code = $1) s ON s.campaign_id = c.id
              WHERE $2::text IS NULL OR c.id = $2 ORDER BY c.created_at`,
            [body.unitCode, body.campaignId ?? null],
          );
    if (rows.length === 0) {
      throw body.campaignId ? notFound(`专项工作 ${body.campaignId} 中的 ${body.unitCode} `) : notFound(`被通报对象 ${body.unitCode} `);
    }
    if (rows.length > 1) {
      throw new ApiError(400, 'validation_failed', `${body.unitCode} 属于多个专项工作（${rows.map((r) => r.id).join('、')}），请在 campaignId 中指明`, [
        { field: 'campaignId', message: `必填：${body.unitCode} 属于多个专项工作` },
      ]);
    }
    const [r] = rows;
    return { campaign: { id: r.id, title: r.title, document: r.document }, type: r.type, code: body.unitCode, name: r.name, contacts: r.contacts };
  }

  /**
   * The clues a notice may name: those a unit or department verifies (a department's also those of
   * its projects), and for the re-check group those drawn for re-check.
   */
  private async missingClues(target: Target, clueNos: string[]): Promise<string[]> {
    const condition =
      target.type === 'recheck_group'
        ? 'c.sampled'
        : target.type === 'department'
          ? '(c.unit_code = $2 OR p.department_code = $2)'
          : 'c.unit_code = $2';
    const found = await this.db.query<{ clue_no: string }>(
      `SELECT c.clue_no FROM clues c JOIN projects p ON p.campaign_id = c.campaign_id AND p.no = c.project_no
        WHERE c.campaign_id = $1 AND ($2::text IS NOT NULL) AND ${condition} AND c.clue_no = ANY($3::text[])`,
      [target.campaign.id, target.code, clueNos],
    );
    return clueNos.filter((n) => !found.some((f) => f.clue_no === n));
  }

  async file(actor: Actor, body: NoticeRequest): Promise<NoticeOut> {
    const target = await this.targetOf(body);
    const { campaign } = target;
    const clueNos = [...new Set(body.clueNos ?? [])];
    const missing = clueNos.length ? await this.missingClues(target, clueNos) : [];
    if (missing.length) {
      throw new ApiError(422, 'clue_not_of_unit', `以下线索不存在或不属于 ${target.name}（${body.unitCode}）：${missing.join('、')}`, [
        { field: 'clueNos', message: missing.join(', ') },
      ]);
    }
    const grave = opensAccountability(body.severity);
    const notice = await this.db.tx(async (em) => {
      const [row] = await em.query(
        `INSERT INTO notices (campaign_id, unit_code, subject_type, clue_nos, finding, severity, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)
         RETURNING id, created_at`,
        [campaign.id, body.unitCode, target.type, JSON.stringify(clueNos), body.finding, body.severity, JSON.stringify(actor)],
      );
      await appendAudit(em, {
        key: `notice#${row.id}`,
        actor,
        action: 'notice.filed',
        entityType: 'notice',
        entityId: row.id,
        campaignId: campaign.id,
        detail: { unitCode: body.unitCode, subjectType: target.type, clueNos, finding: body.finding, severity: body.severity },
      });
      const mail = renderNotice({
        campaignTitle: campaign.title,
        unitName: target.name,
        finding: body.finding,
        severity: NOTICE_SEVERITY_LABELS[body.severity],
        clueNos,
        by: actor.name,
        inReport: target.type !== 'recheck_group',
      });
      const contacts = campaign.document.contacts ?? {};
      // The re-check group is the district's: its mail is not addressed to a unit's outbox.
      const unitCode = target.type === 'recheck_group' ? null : body.unitCode;
      await enqueueMail(
        em,
        [
          { key: `notice#${row.id}#unit`, campaignId: campaign.id, unitCode, kind: 'notice', recipients: target.contacts, mail },
          { key: `notice#${row.id}#taskForce`, campaignId: campaign.id, unitCode, kind: 'notice', recipients: contacts.taskForce ?? [], mail },
        ],
        !!this.config.smtpUrl,
      );
      const accountabilityId = grave
        ? await openAccountability(em, graveNoticeItem({ id: row.id, subjectCode: body.unitCode, clueNos, finding: body.finding, by: actor }), {
            campaign,
            subjectName: target.name,
            actor,
            smtpConfigured: !!this.config.smtpUrl,
            publicUrl: this.config.publicUrl,
          })
        : null;
      return {
        id: row.id as string,
        campaignId: campaign.id,
        unitCode: body.unitCode,
        subjectType: target.type,
        clueNos,
        finding: body.finding,
        severity: body.severity,
        createdBy: actor,
        createdAt: (row.created_at as Date).toISOString(),
        ...(accountabilityId ? { accountabilityId } : {}),
      };
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
      `SELECT id, campaign_id AS "campaignId", unit_code AS "unitCode", subject_type AS "subjectType", clue_nos AS "clueNos", finding, severity, created_by AS "createdBy", created_at AS "createdAt"
         FROM notices ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY created_at DESC LIMIT 500`,
      params,
    );
    return { items: rows };
  }

}

/**
 * Ledger projection (台账): each clue transition becomes the clue's row, one timeline event and
 * one audit entry, in one transaction. Keyed by (clue, seq), so a retried activity changes nothing
 * twice and an out-of-order retry never overwrites a newer row.
 *
 * What a transition owes the discipline commission and the task force is written here too, in the
 * same transaction, so the workflow issues no command for it (recorded histories replay unchanged):
 * an overturned re-check opens an accountability item (三(四) 工作不实、弄虚作假…追责问责), and a
 * verification flagged 突出问题 is reported the same day (三(二) 及时上报). Their mail is delivered at
 * once by waking the campaign's mail clock, as notices do.
 */
import { consoleClue } from '../common/console-links';
import { createHash } from 'node:crypto';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { EntityManager } from 'typeorm';
import { renderSeriousProblem } from '../common/mail/render';
import { logger } from '../common/logger';
import { openAccountability } from '../db/accountability';
import type { Database } from '../db/database';
import { appendAudit } from '../db/audit';
import { completeClueRecord } from '../db/clue-record';
import { enqueueMail } from '../db/outbox';
import { overturnedRecheckItem } from '../domain/accountability';
import type { Contact } from '../domain/digest';
import { deliverNowSignal, digestWorkflowId } from '../workflows/digest/definitions';
import type { ClueProjection } from '../workflows/clue/definitions';

export interface LedgerConfig {
  /** Signals the campaign's mail clock to deliver what a projection queued. */
  temporal: Client;
  smtpConfigured: boolean;
  /** Base address for links in mails. */
  publicUrl: string;
}

export class LedgerActivities {
  constructor(
    private readonly db: Database,
    private readonly config: LedgerConfig,
  ) {}

  async projectClue(p: ClueProjection): Promise<void> {
    const s = p.state;
    const at = new Date(p.at);
    const mailed = await this.db.tx(async (em) => {
      await em.query(
        `UPDATE clues SET
           stage = $3, unit_code = $4, verifying_unit_code = $5, conclusion = $6,
           dispositions = $7, completed_dispositions = $8, overdue = $9, next_deadline = $10,
           escalation_level = $11, verification_inaccurate = $12, sampled = $13, violation_type = $14,
           amount_confirmed = $15, amount_recovered = $16, record = $17, seq = $18,
           closed_at = $19, closed_by = $20, closed_reason = $21, updated_at = $22
         WHERE campaign_id = $1 AND clue_no = $2 AND seq < $18`,
        [
          p.campaignId,
          p.clueNo,
          s.stage,
          s.unitCode ?? null,
          s.verifyingUnitCode ?? null,
          s.conclusion ?? null,
          JSON.stringify(s.dispositions),
          JSON.stringify(s.completed),
          s.overdue,
          s.dueAt === null ? null : new Date(s.dueAt),
          s.escalationLevel,
          s.verificationInaccurate,
          s.sampling ? s.sampling.drawn : null,
          s.verification?.violationType ?? null,
          s.amountConfirmed ?? null,
          s.amountRecovered ?? null,
          JSON.stringify(completeClueRecord(s)),
          p.seq,
          s.closed ? new Date(s.closed.at) : null,
          s.closed ? s.closed.by.name : null,
          s.closed?.reason ?? s.transfer?.reason ?? null,
          at,
        ],
      );
      await em.query(
        `INSERT INTO clue_events (campaign_id, clue_no, seq, at, actor_name, actor_role, actor_unit, action, detail)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (campaign_id, clue_no, seq) DO NOTHING`,
        [p.campaignId, p.clueNo, p.seq, at, p.actor.name, p.actor.role, p.actor.unitCode ?? null, p.action, JSON.stringify(p.detail)],
      );
      await appendAudit(em, {
        key: `${p.workflowId}#${p.seq}`,
        at,
        actor: p.actor,
        action: `clue.${p.action}`,
        entityType: 'clue',
        entityId: p.clueNo,
        campaignId: p.campaignId,
        detail: { ...p.detail, stage: s.stage },
      });
      return this.reportUpwards(em, p);
    });
    if (mailed) await this.deliverNow(p.campaignId);
  }

  /** The accountability item or the 突出问题 report a transition owes; true when mail was queued. */
  private async reportUpwards(em: EntityManager, p: ClueProjection): Promise<boolean> {
    const s = p.state;
    const overturned = p.action === 'recheck_overturned' && s.verifyingUnitCode;
    const serious = p.action === 'verification_submitted' && s.verification?.seriousProblem;
    if (!overturned && !serious) return false;
    const [campaign] = await em.query(`SELECT id, title, document FROM campaigns WHERE id = $1`, [p.campaignId]);
    const nameOf = async (code: string): Promise<string> => {
      const [row] = await em.query(`SELECT name FROM units WHERE campaign_id = $1 AND code = $2 UNION ALL SELECT name FROM departments WHERE campaign_id = $1 AND code = $2`, [
        p.campaignId,
        code,
      ]);
      return row?.name ?? code;
    };
    const link = consoleClue(this.config.publicUrl, p.campaignId, p.clueNo);
    if (overturned) {
      const draft = overturnedRecheckItem(
        { clueNo: p.clueNo, verifyingUnitCode: s.verifyingUnitCode!, verification: s.verification, signoff: s.signoff, recheck: s.recheck },
        `${p.workflowId}#${p.seq}`,
      );
      const id = await openAccountability(em, draft, {
        campaign,
        subjectName: await nameOf(draft.subjectCode),
        actor: p.actor,
        at: new Date(p.at),
        smtpConfigured: this.config.smtpConfigured,
        publicUrl: this.config.publicUrl,
      });
      return id !== null;
    }
    const v = s.verification!;
    const contacts = campaign.document.contacts ?? {};
    const recipients: Contact[] = [...(contacts.taskForce ?? []), ...(contacts.discipline ?? [])];
    // Keyed by what was reported: a verification sent back and submitted again with the same problem reports it once.
    const digest = createHash('sha256').update(v.seriousProblem!).digest('hex').slice(0, 16);
    await enqueueMail(
      em,
      [
        {
          key: `alert#${p.campaignId}#${p.clueNo}#${digest}`,
          campaignId: p.campaignId,
          unitCode: s.unitCode ?? null,
          kind: 'alert',
          recipients,
          mail: renderSeriousProblem({
            campaignTitle: campaign.title,
            clueNo: p.clueNo,
            unitName: await nameOf(s.unitCode ?? ''),
            conclusion: v.conclusion,
            problem: v.seriousProblem!,
            by: p.actor.name,
            link,
          }),
        },
      ],
      this.config.smtpConfigured,
    );
    return true;
  }

  /** The mail is in the outbox whatever happens here; without the clock it waits for the next daily delivery. */
  private async deliverNow(campaignId: string): Promise<void> {
    try {
      await this.config.temporal.workflow.getHandle(digestWorkflowId(campaignId)).signal(deliverNowSignal);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) logger.warn({ err, campaignId }, 'could not wake the mail clock for mail the ledger queued');
    }
  }
}

/** The details kept beside the flat columns: what was found, decided and done, by whom. */

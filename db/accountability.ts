/**
 * Opening an accountability item (问责事项) for the discipline commission: the item, its audit entry
 * and the mail to the commission's contacts, in the caller's transaction, once per cause. The ledger
 * projection opens one for an overturned re-check, the notices API for a grave notice.
 */
import type { EntityManager } from 'typeorm';
import { renderAccountability } from '../common/mail/render';
import type { AccountabilityDraft } from '../domain/accountability';
import type { Contact } from '../domain/digest';
import type { Actor } from '../domain/vocabulary';
import { appendAudit } from './audit';
import { enqueueMail } from './outbox';

export interface AccountabilityContext {
  campaign: { id: string; title: string; document: Record<string, any> };
  /** The name of the unit, department or group the item is about. */
  subjectName: string;
  actor: Actor;
  at?: Date;
  smtpConfigured: boolean;
  /** Base address for the link in the mail. */
  publicUrl: string;
}

/** Opens the item unless its cause already opened one; returns the new item's id, or null. */
export async function openAccountability(em: EntityManager, draft: AccountabilityDraft, ctx: AccountabilityContext): Promise<string | null> {
  const { campaign } = ctx;
  const inserted: Array<{ id: string }> = await em.query(
    `INSERT INTO accountability_items (campaign_id, source, source_key, subject_code, subject_name, clue_nos, summary, people, finding, evidence, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, coalesce($11, now()))
     ON CONFLICT (source_key) DO NOTHING RETURNING id`,
    [
      campaign.id,
      draft.source,
      draft.sourceKey,
      draft.subjectCode,
      ctx.subjectName,
      JSON.stringify(draft.clueNos),
      draft.summary,
      JSON.stringify(draft.people),
      draft.finding,
      JSON.stringify(draft.evidence ?? []),
      ctx.at ?? null,
    ],
  );
  if (inserted.length === 0) return null;
  const id = inserted[0].id;
  await appendAudit(em, {
    key: `accountability#${id}`,
    actor: ctx.actor,
    action: 'accountability.opened',
    entityType: 'accountability_item',
    entityId: id,
    campaignId: campaign.id,
    ...(ctx.at ? { at: ctx.at } : {}),
    detail: { source: draft.source, subjectCode: draft.subjectCode, clueNos: draft.clueNos, summary: draft.summary },
  });
  const discipline: Contact[] = campaign.document.contacts?.discipline ?? [];
  await enqueueMail(
    em,
    [
      {
        key: `accountability#${id}`,
        campaignId: campaign.id,
        // The commission's matter: not addressed to the unit it is about.
        unitCode: null,
        kind: 'accountability',
        recipients: discipline,
        mail: renderAccountability({ campaignTitle: campaign.title, id, subjectName: ctx.subjectName, item: draft, link: `${ctx.publicUrl}/api/v1/accountability/${id}` }),
      },
    ],
    ctx.smtpConfigured,
  );
  return id;
}

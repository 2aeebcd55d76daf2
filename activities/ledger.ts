/**
 * Ledger projection (台账): each clue transition becomes the clue's row, one timeline event and
 * one audit entry, in one transaction. Keyed by (clue, seq), so a retried activity changes nothing
 * twice and an out-of-order retry never overwrites a newer row.
 */
import type { Database } from '../db/database';
import { appendAudit } from '../db/audit';
import type { ClueProjection } from '../workflows/clue/definitions';

export class LedgerActivities {
  constructor(private readonly db: Database) {}

  async projectClue(p: ClueProjection): Promise<void> {
    const s = p.state;
    const at = new Date(p.at);
    await this.db.tx(async (em) => {
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
          JSON.stringify(ledgerRecord(p)),
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
    });
  }
}

/** The details kept beside the flat columns: what was found, decided and done, by whom. */
function ledgerRecord(p: ClueProjection): Record<string, unknown> {
  const s = p.state;
  return {
    verification: s.verification ?? null,
    signoff: s.signoff ?? null,
    sampling: s.sampling ?? null,
    recheck: s.recheck ?? null,
    classificationReason: s.classificationReason ?? null,
    rectification: s.rectification ?? null,
    referral: s.referral ?? null,
    rule: s.rule ?? null,
    transfer: s.transfer ?? null,
    closed: s.closed ?? null,
  };
}

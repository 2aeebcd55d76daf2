import { heartbeat, activityInfo } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { calendarOf, type StoredCampaign } from '../common/campaign';
import { appendAudit } from '../db/audit';
import type { Database } from '../db/database';
import { CampaignEntity } from '../db/entities';
import type { CampaignActivities as Contract, CampaignSummary, DeadlineExtension } from '../workflows/campaign/definitions';
import { calendarChangedSignal, clueWorkflowId } from '../workflows/clue/definitions';
import type { Calendar } from '../workflows/rules/calendar';
import { samplerWorkflowId } from '../workflows/sampler/definitions';

const SYSTEM = { name: '系统', role: 'system' as const };
const PAGE = 500;
const CONCURRENCY = 32;

export class CampaignActivities implements Contract {
  constructor(
    private readonly db: Database,
    private readonly temporal: Client,
  ) {}

  /** Loads the campaign's units, departments and projects into their tables; safe to repeat. */
  async activateCampaign({ campaignId }: { campaignId: string }): Promise<CampaignSummary> {
    return this.db.tx(async (em) => {
      const campaign = await em.findOneByOrFail(CampaignEntity, { id: campaignId });
      const doc = campaign.document;
      for (const u of doc.units ?? []) {
        await em.query(
          `INSERT INTO units (campaign_id, code, name, kind, contacts) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
          [campaignId, u.code, u.name, u.kind ?? 'street', JSON.stringify(u.contacts ?? [])],
        );
      }
      for (const d of doc.departments ?? []) {
        await em.query(
          `INSERT INTO departments (campaign_id, code, name, contacts) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
          [campaignId, d.code, d.name, JSON.stringify(d.contacts ?? [])],
        );
      }
      for (const p of doc.projects ?? []) {
        await em.query(
          `INSERT INTO projects (campaign_id, no, name, department_code) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
          [campaignId, p.no, p.name, p.department],
        );
      }
      const activatedAt = campaign.activatedAt ?? new Date();
      if (campaign.status !== 'active') {
        await em.update(CampaignEntity, { id: campaignId }, { status: 'active', activatedAt });
      }
      await appendAudit(em, {
        key: `campaign-${campaignId}#activated`,
        actor: SYSTEM,
        action: 'campaign.activated',
        entityType: 'campaign',
        entityId: campaignId,
        campaignId,
        detail: { units: doc.units?.length ?? 0, projects: doc.projects?.length ?? 0 },
      });
      return {
        campaignId,
        units: doc.units?.length ?? 0,
        departments: doc.departments?.length ?? 0,
        projects: doc.projects?.length ?? 0,
        activatedAt: activatedAt.toISOString(),
      };
    });
  }

  /** Moves deadlines and raises the calendar version, once per request id; audited with the reason. */
  async applyDeadlines(req: DeadlineExtension & { campaignId: string }): Promise<{ deadlines: Record<string, string>; calendar: Calendar }> {
    return this.db.tx(async (em) => {
      const campaign = await em.findOneByOrFail(CampaignEntity, { id: req.campaignId });
      const before = campaign.deadlines;
      const fresh = await appendAudit(em, {
        key: `campaign-${req.campaignId}#deadlines#${req.requestId}`,
        actor: req.actor,
        action: 'campaign.deadlines_extended',
        entityType: 'campaign',
        entityId: req.campaignId,
        campaignId: req.campaignId,
        detail: { before, after: { ...before, ...req.deadlines }, reason: req.reason },
      });
      if (fresh) {
        campaign.deadlines = { ...before, ...req.deadlines };
        campaign.calendarVersion += 1;
        await em.update(
          CampaignEntity,
          { id: req.campaignId },
          { deadlines: campaign.deadlines, calendarVersion: campaign.calendarVersion },
        );
      }
      return { deadlines: campaign.deadlines, calendar: calendarOf(campaign as StoredCampaign) };
    });
  }

  /**
   * Sends the new calendar to every open clue and sampler of the campaign, a page at a time.
   * Heartbeats the last clue reached, so a retry resumes there instead of starting over.
   */
  async signalCalendar({ campaignId, calendar, reason }: { campaignId: string; calendar: Calendar; reason: string }): Promise<number> {
    const info = activityInfo();
    let after: string = info.heartbeatDetails?.after ?? '';
    let sent: number = info.heartbeatDetails?.sent ?? 0;
    const signal = async (workflowId: string) => {
      try {
        await this.temporal.workflow.getHandle(workflowId).signal(calendarChangedSignal, { ...calendar, reason });
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
    };
    for (;;) {
      const rows = await this.db.query<{ clue_no: string }>(
        `SELECT clue_no FROM clues
          WHERE campaign_id = $1 AND clue_no > $2 AND workflow_started_at IS NOT NULL AND stage NOT IN ('closed', 'transferred')
          ORDER BY clue_no LIMIT ${PAGE}`,
        [campaignId, after],
      );
      if (rows.length === 0) break;
      for (let i = 0; i < rows.length; i += CONCURRENCY) {
        await Promise.all(rows.slice(i, i + CONCURRENCY).map((r) => signal(clueWorkflowId(campaignId, r.clue_no))));
      }
      sent += rows.length;
      after = rows[rows.length - 1].clue_no;
      heartbeat({ after, sent });
    }
    const projects = await this.db.query<{ no: number }>(`SELECT no FROM projects WHERE campaign_id = $1`, [campaignId]);
    await Promise.all(projects.map((p) => signal(samplerWorkflowId(campaignId, p.no))));
    return sent;
  }
}

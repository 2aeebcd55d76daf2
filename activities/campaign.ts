import { heartbeat, activityInfo } from '@temporalio/activity';
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { calendarOf, deadlineStatus, type Calendar } from '../domain/calendar';
import { initialStage, openStageSql } from '../domain/lifecycle';
import { SYSTEM } from '../domain/vocabulary';
import { policyOf, verifyingBodyCodes } from '../domain/campaign';
import { appendAudit } from '../db/audit';
import type { Database } from '../db/database';
import { CampaignEntity } from '../db/entities';
import { TASK_QUEUE, searchAttributes as sa } from '../temporal.config';
import type { CampaignActivities as Contract, CampaignSummary, CluesStarted, DeadlineExtension } from '../workflows/campaign/definitions';
import { calendarChangedSignal, clueWorkflowId, type ClueStart } from '../workflows/clue/definitions';
import type { clueWorkflow } from '../workflows/clue/workflow';
import { samplerWorkflowId } from '../workflows/sampler/definitions';

const PAGE = 500;
/** Workflows started or signalled at once: enough to keep the server busy, bounded so 20,000 clues never flood it. */
const CONCURRENCY = 32;
/** Clues read per page of a start pass, and started clues marked in the ledger per statement. */
const START_PAGE = 1_000;
const MARK_EVERY = 100;

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
  async applyDeadlines(req: DeadlineExtension & { campaignId: string }): Promise<{ deadlines: Record<string, string>; before: Record<string, string>; calendar: Calendar }> {
    return this.db.tx(async (em) => {
      const campaign = await em.findOneByOrFail(CampaignEntity, { id: req.campaignId });
      const before = campaign.deadlines;
      const key = `campaign-${req.campaignId}#deadlines#${req.requestId}`;
      const fresh = await appendAudit(em, {
        key,
        actor: req.actor,
        action: 'campaign.deadlines_extended',
        entityType: 'campaign',
        entityId: req.campaignId,
        campaignId: req.campaignId,
        detail: { before, after: { ...before, ...req.deadlines }, reason: req.reason },
      });
      if (!fresh) {
        // A retry after the change committed: what it replaced is in the audit entry, so the
        // extension mail can still say what moved.
        const [entry] = await em.query(`SELECT detail->'before' AS before FROM audit_log WHERE idempotency_key = $1`, [key]);
        return { deadlines: campaign.deadlines, before: entry?.before ?? before, calendar: calendarOf(campaign) };
      }
      campaign.deadlines = { ...before, ...req.deadlines };
      campaign.calendarVersion += 1;
      await em.update(CampaignEntity, { id: req.campaignId }, { deadlines: campaign.deadlines, calendarVersion: campaign.calendarVersion });
      return { deadlines: campaign.deadlines, before, calendar: calendarOf(campaign) };
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
          WHERE campaign_id = $1 AND clue_no > $2 AND workflow_started_at IS NOT NULL AND ${openStageSql('stage')}
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

  async countUnstartedClues({ campaignId, olderThanMs }: { campaignId: string; olderThanMs: number }): Promise<number> {
    const [{ n }] = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM clues WHERE campaign_id = $1 AND workflow_started_at IS NULL AND imported_at < now() - make_interval(secs => $2)`,
      [campaignId, olderThanMs / 1000],
    );
    return n;
  }

  /**
   * Starts the workflow of every clue in the ledger that has none yet (imports write the ledger
   * first), at most CONCURRENCY starts in flight — a sliding window, so one slow start holds up
   * nothing but its own slot — and marks them started in the ledger in bulk. Each start carries
   * its search attributes, so the workflow's first task upserts none. Idempotent by workflow id,
   * so a retry or a second pass after a crash starts nothing twice. Heartbeats its progress.
   */
  async startClueWorkflows({ campaignId }: { campaignId: string }): Promise<CluesStarted> {
    const campaign = await this.db.run((em) => em.findOneByOrFail(CampaignEntity, { id: campaignId }));
    const projects = await this.db.query<{ no: number; department_code: string }>(`SELECT no, department_code FROM projects WHERE campaign_id = $1`, [campaignId]);
    // Units and departments alike (核查主体, 二(一); 三(三)).
    const unitCodes = verifyingBodyCodes(campaign.document);
    const departments = new Map(projects.map((p) => [p.no, p.department_code]));
    const calendar = calendarOf(campaign);
    const policy = policyOf(campaign.document);
    let started: number = activityInfo().heartbeatDetails?.started ?? 0;
    const start = async (c: { clue_no: string; project_no: number; unit_code: string | null }): Promise<number> => {
      const stage = initialStage(c.unit_code);
      const status = deadlineStatus(stage, calendar, Date.now());
      const input: ClueStart = {
        campaignId,
        clueNo: c.clue_no,
        projectNo: c.project_no,
        departmentCode: departments.get(c.project_no)!,
        ...(c.unit_code ? { unitCode: c.unit_code } : {}),
        unitCodes,
        policy,
        calendar,
        attributesAtStart: true,
      };
      try {
        await this.temporal.workflow.start<typeof clueWorkflow>('clueWorkflow', {
          workflowId: clueWorkflowId(campaignId, c.clue_no),
          taskQueue: TASK_QUEUE,
          args: [input],
          workflowIdConflictPolicy: 'USE_EXISTING',
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
          typedSearchAttributes: [
            { key: sa.CampaignId, value: campaignId },
            { key: sa.ProjectNo, value: c.project_no },
            { key: sa.ClueStage, value: stage },
            { key: sa.UnitCode, value: c.unit_code ?? '' },
            { key: sa.Overdue, value: status.overdue },
            { key: sa.EscalationLevel, value: status.escalationLevel },
            ...(status.dueAt === null ? [] : [{ key: sa.NextDeadline, value: new Date(status.dueAt) }]),
          ],
        });
        return 1;
      } catch (err) {
        // Closed long ago and reused id refused: the clue has had its workflow.
        if (err instanceof WorkflowExecutionAlreadyStartedError) return 0;
        throw err;
      }
    };
    const markStarted = (clueNos: string[]) =>
      this.db.query(
        `UPDATE clues SET workflow_started_at = now()
          FROM unnest($2::text[]) AS s(clue_no)
          WHERE clues.campaign_id = $1 AND clues.clue_no = s.clue_no AND clues.workflow_started_at IS NULL`,
        [campaignId, clueNos],
      );
    let after = '';
    for (;;) {
      const page = await this.db.query<{ clue_no: string; project_no: number; unit_code: string | null }>(
        `SELECT clue_no, project_no, unit_code FROM clues
          WHERE campaign_id = $1 AND workflow_started_at IS NULL AND clue_no > $2 ORDER BY clue_no LIMIT ${START_PAGE}`,
        [campaignId, after],
      );
      if (page.length === 0) return { started };
      after = page[page.length - 1].clue_no;
      // Marked in bulk as they finish, a few hundred at a time, while the next starts go on.
      let done: string[] = [];
      const marks: Promise<unknown>[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(CONCURRENCY, page.length) }, async () => {
          while (next < page.length) {
            const c = page[next++];
            started += await start(c);
            done.push(c.clue_no);
            if (done.length >= MARK_EVERY) {
              marks.push(markStarted(done));
              done = [];
            }
          }
        }),
      );
      if (done.length) marks.push(markStarted(done));
      await Promise.all(marks);
      heartbeat({ started });
    }
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { WorkflowUpdateStage, type Client } from '@temporalio/client';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { calendarOf } from '../domain/calendar';
import { appendAudit } from '../db/audit';
import type { Database } from '../db/database';
import { CampaignEntity, ClueEntity, ClueEventEntity } from '../db/entities';
import { startCluesUpdate } from '../workflows/campaign/definitions';
import { campaignWorkflowStart } from './campaign-workflow';
import { clueWorkflowId, type ClueView } from '../workflows/clue/definitions';
import { deadlineStatus } from '../domain/calendar';
import { canSeeClue, clueScopeSql, visibleIdNumber } from '../domain/access';
import { initialStage } from '../domain/lifecycle';
import type { Actor } from '../domain/vocabulary';
import { idNumberProblem } from '../domain/idno';
import { readClueFile, type ImportRow } from './clue-file';
import { ClueIn } from './dto';
import { logger } from '../common/logger';
import { ApiError, notFound } from './errors';
import { DATABASE, TEMPORAL } from './providers';

/** How long an import reply waits for its clues' workflows to start before answering with the count still starting. */
const IMPORT_WAIT_MS = 10_000;
const INSERT_CHUNK = 500;
export interface ImportResult {
  accepted: number;
  duplicates: string[];
  rejected: Array<{ row: number; clueNo?: string; errors: string[] }>;
  /** Accepted clues whose workflow was still starting when the reply was sent (large imports). */
  workflowsPending: number;
}

export interface ClueFilter {
  campaignId?: string;
  unitCode?: string;
  projectNo?: number;
  stage?: string;
  overdue?: boolean;
  q?: string;
  page: number;
  pageSize: number;
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map((m) => `${prefix}${m}`),
    ...flatten(e.children ?? [], `${prefix}${e.property}.`),
  ]);
}

@Injectable()
export class ClueService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(TEMPORAL) private readonly temporal: Client,
  ) {}

  private async campaignContext(campaignId: string) {
    const campaign = await this.db.run((em) => em.findOneBy(CampaignEntity, { id: campaignId }));
    if (!campaign) throw notFound(`专项工作 ${campaignId} `);
    if (campaign.status !== 'active') throw new ApiError(409, 'campaign_not_active', `专项工作 ${campaignId} 尚未启用完成，请稍后重试`);
    const [units, projects] = await this.db.run((em) =>
      Promise.all([
        em.query(`SELECT code FROM units WHERE campaign_id = $1`, [campaignId]),
        em.query(`SELECT no, department_code FROM projects WHERE campaign_id = $1`, [campaignId]),
      ]),
    );
    return {
      campaign,
      unitCodes: units.map((u: { code: string }) => u.code) as string[],
      departments: new Map<number, string>(projects.map((p: { no: number; department_code: string }) => [p.no, p.department_code])),
    };
  }

  /**
   * Imports clues: each row is checked whole; accepted rows are written to the ledger first and then
   * get their workflow, so a failure half-way is finished by simply importing the same file again.
   */
  async import(actor: Actor, campaignId: string, clues: unknown[]): Promise<ImportResult> {
    return this.importRows(actor, campaignId, clues.map((value, i) => ({ row: i + 1, value })));
  }

  /** An uploaded CSV or XLSX file, one clue a row; rejected rows carry their row number in the file. */
  async importFile(actor: Actor, campaignId: string, file: { buffer: Buffer; originalname?: string }): Promise<ImportResult> {
    await this.campaignContext(campaignId);
    return this.importRows(actor, campaignId, await readClueFile(file));
  }

  private async importRows(actor: Actor, campaignId: string, rows: ImportRow[]): Promise<ImportResult> {
    const ctx = await this.campaignContext(campaignId);
    const calendar = calendarOf(ctx.campaign);
    const units = new Set(ctx.unitCodes);
    const rejected: ImportResult['rejected'] = [];
    const duplicates: string[] = [];
    const seen = new Set<string>();
    const valid: ClueIn[] = [];
    rows.forEach(({ row, value: raw, errors: readErrors = [] }) => {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        rejected.push({ row, errors: ['每一行应为一个线索对象'] });
        return;
      }
      const clue = plainToInstance(ClueIn, raw);
      // A cell that could not be read (an ID number stored as a number) is explained once, by the reader.
      const unreadable = readErrors.map((e) => e.slice(0, e.indexOf(':')));
      const errors = [
        ...readErrors,
        ...flatten(validateSync(clue, { whitelist: true, forbidNonWhitelisted: true })).filter((e) => !unreadable.some((f) => e.startsWith(`${f} `))),
      ];
      if (typeof clue.subjectIdNo === 'string') {
        const problem = idNumberProblem(clue.subjectIdNo);
        if (problem) errors.push(`subjectIdNo: ${problem}`);
      }
      if (Number.isInteger(clue.projectNo) && !ctx.departments.has(clue.projectNo)) errors.push(`projectNo: 项目 ${clue.projectNo} 不在本专项的项目清单中`);
      if (clue.unitCode !== undefined && !units.has(clue.unitCode)) errors.push(`unitCode: 未知的核查单位 ${clue.unitCode}`);
      const clueNo = typeof clue.clueNo === 'string' ? clue.clueNo : undefined;
      if (errors.length) {
        rejected.push({ row, ...(clueNo ? { clueNo } : {}), errors });
        return;
      }
      if (seen.has(clue.clueNo)) {
        duplicates.push(clue.clueNo);
        return;
      }
      seen.add(clue.clueNo);
      valid.push(clue);
    });

    let accepted = 0;
    const now = Date.now();
    for (let i = 0; i < valid.length; i += INSERT_CHUNK) {
      const chunk = valid.slice(i, i + INSERT_CHUNK);
      const inserted = await this.db.tx(async (em) => {
        const values: unknown[] = [];
        const tuples = chunk.map((c, j) => {
          const stage = initialStage(c.unitCode);
          const status = deadlineStatus(stage, calendar, now);
          values.push(
            campaignId, c.clueNo, c.projectNo, c.unitCode ?? null, c.subjectName, c.subjectIdNo, c.community ?? null,
            c.clueType, c.description, c.amountInvolved, c.issuedAt ?? null, stage, status.overdue,
            status.dueAt === null ? null : new Date(status.dueAt), status.escalationLevel,
          );
          const b = j * 15;
          return `(${Array.from({ length: 15 }, (_, k) => `$${b + k + 1}`).join(', ')})`;
        });
        const result: Array<{ clue_no: string }> = await em.query(
          `INSERT INTO clues (campaign_id, clue_no, project_no, unit_code, subject_name, subject_id_no, community,
                              clue_type, description, amount_involved, issued_at, stage, overdue, next_deadline, escalation_level)
           VALUES ${tuples.join(', ')}
           ON CONFLICT (campaign_id, clue_no) DO NOTHING RETURNING clue_no`,
          values,
        );
        const fresh = new Set(result.map((r) => r.clue_no));
        if (fresh.size) {
          await em.query(
            `INSERT INTO clue_events (campaign_id, clue_no, seq, at, actor_name, actor_role, actor_unit, action, detail)
             SELECT $1, c, 0, now(), $2, $3, $4, 'imported', '{}'::jsonb FROM unnest($5::text[]) AS c`,
            [campaignId, actor.name, actor.role, actor.unitCode ?? null, [...fresh]],
          );
          await appendAudit(em, {
            key: `import#${campaignId}#${[...fresh][0]}#${fresh.size}#${now}`,
            actor,
            action: 'clue.imported',
            entityType: 'campaign',
            entityId: campaignId,
            campaignId,
            detail: { clueNos: [...fresh] },
          });
        }
        return fresh;
      });
      accepted += inserted.size;
      for (const c of chunk) if (!inserted.has(c.clueNo)) duplicates.push(c.clueNo);
    }
    const workflowsPending = await this.startWorkflows(ctx.campaign, valid.map((c) => c.clueNo));
    return { accepted, duplicates, rejected, workflowsPending };
  }

  /**
   * Hands the starting of workflows to the campaign workflow, which does it durably in bounded
   * batches, and waits a while for it: a few thousand clues are running when the reply comes; for a
   * very large import the reply says how many are still starting (GET /clues shows `workflowStarted`).
   */
  private async startWorkflows(campaign: CampaignEntity, clueNos: string[]): Promise<number> {
    const campaignId = campaign.id;
    const pending = () =>
      this.db
        .query<{ n: number }>(
          // A join, not = ANY($2): PostgreSQL scans a parameter array linearly per row, quadratic for 20,000 clues.
          `SELECT count(*)::int AS n FROM clues c JOIN unnest($2::text[]) AS i(clue_no) ON i.clue_no = c.clue_no
            WHERE c.campaign_id = $1 AND c.workflow_started_at IS NULL`,
          [campaignId, clueNos],
        )
        .then(([{ n }]) => n);
    if (clueNos.length === 0 || (await pending()) === 0) return 0;
    let update;
    try {
      update = await this.temporal.workflow.startUpdateWithStart(startCluesUpdate, {
        startWorkflowOperation: campaignWorkflowStart(campaign),
        waitForStage: WorkflowUpdateStage.ACCEPTED,
      });
    } catch (err) {
      // The clues are in the ledger whatever Temporal says; the reply tells how many wait to start.
      logger.warn({ err, campaignId }, 'could not ask the campaign to start imported clues; importing the same clues again does');
      return pending();
    }
    let timer: NodeJS.Timeout | undefined;
    // The reply reports what is still starting, so a failed start pass does not fail the import (nor
    // go unhandled after the reply): the rows stay unstarted and the next import of them finishes it.
    const finished = update.result().catch((err) => logger.warn({ err, campaignId }, 'start pass for imported clues failed; importing the same clues again finishes it'));
    await Promise.race([finished, new Promise((resolve) => (timer = setTimeout(resolve, IMPORT_WAIT_MS)))]);
    clearTimeout(timer);
    return pending();
  }

  /** The ledger row a person may see, or 404 — a unit never learns of another unit's clues. */
  async visibleClue(actor: Actor, campaignId: string, clueNo: string): Promise<ClueEntity> {
    const clue = await this.db.run((em) => em.findOneBy(ClueEntity, { campaignId, clueNo }));
    if (!clue || !canSeeClue(actor, { unitCode: clue.unitCode, departmentCode: await this.departmentOf(clue) })) throw notFound(`线索 ${clueNo} `);
    return clue;
  }

  private async departmentOf(clue: ClueEntity): Promise<string> {
    const [p] = await this.db.query(`SELECT department_code FROM projects WHERE campaign_id = $1 AND no = $2`, [clue.campaignId, clue.projectNo]);
    return p.department_code;
  }

  async act<I extends object>(actor: Actor, campaignId: string, clueNo: string, update: import('@temporalio/client').UpdateDefinition<ClueView, [I & { actor: Actor }]>, input: I) {
    const clue = await this.visibleClue(actor, campaignId, clueNo);
    if (!clue.workflowStartedAt) {
      throw new ApiError(409, 'clue_starting', `线索 ${clueNo} 刚导入，流程仍在启动中（大批量导入需数分钟），请稍后重试`);
    }
    const view = await this.temporal.workflow
      .getHandle(clueWorkflowId(campaignId, clueNo))
      .executeUpdate(update, { args: [{ ...input, actor }] });
    return view;
  }

  async list(actor: Actor, f: ClueFilter) {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (f.campaignId) add('c.campaign_id = ?', f.campaignId);
    if (f.unitCode) add('c.unit_code = ?', f.unitCode);
    if (f.projectNo !== undefined) add('c.project_no = ?', f.projectNo);
    if (f.stage) add('c.stage = ?', f.stage);
    if (f.overdue !== undefined) add('c.overdue = ?', f.overdue);
    if (f.q) add(`(c.clue_no ILIKE ? OR c.subject_name ILIKE $${params.length + 1} OR c.community ILIKE $${params.length + 1})`, `%${f.q}%`);
    const scope = clueScopeSql(actor, { unit: 'c.unit_code', department: 'p.department_code' }, (v) => `$${params.push(v)}`);
    if (scope) where.push(scope);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const from = `FROM clues c JOIN projects p ON p.campaign_id = c.campaign_id AND p.no = c.project_no ${clause}`;
    const [[{ total }], rows] = await this.db.run((em) =>
      Promise.all([
        em.query(`SELECT count(*)::int AS total ${from}`, params),
        em.query(`SELECT c.campaign_id, c.clue_no ${from} ORDER BY c.campaign_id, c.clue_no LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`, params),
      ]),
    );
    const keys = rows.map((r: { campaign_id: string; clue_no: string }) => ({ campaignId: r.campaign_id, clueNo: r.clue_no }));
    const entities = keys.length ? await this.db.run((em) => em.find(ClueEntity, { where: keys })) : [];
    const byKey = new Map(entities.map((e) => [`${e.campaignId}/${e.clueNo}`, e]));
    return { items: keys.map((k: { campaignId: string; clueNo: string }) => this.toOut(actor, byKey.get(`${k.campaignId}/${k.clueNo}`)!)), total, page: f.page, pageSize: f.pageSize };
  }

  async get(actor: Actor, campaignId: string, clueNo: string) {
    const clue = await this.visibleClue(actor, campaignId, clueNo);
    const events = await this.db.run((em) => em.find(ClueEventEntity, { where: { campaignId, clueNo }, order: { seq: 'ASC' } }));
    return {
      ...this.toOut(actor, clue),
      record: clue.record,
      timeline: events.map((e) => ({
        seq: e.seq,
        at: e.at.toISOString(),
        actor: e.actorName,
        actorRole: e.actorRole,
        actorUnit: e.actorUnit,
        action: e.action,
        detail: e.detail,
      })),
    };
  }

  toOut(actor: Actor, c: ClueEntity) {
    return {
      clueNo: c.clueNo,
      campaignId: c.campaignId,
      projectNo: c.projectNo,
      unitCode: c.unitCode,
      verifyingUnitCode: c.verifyingUnitCode,
      stage: c.stage,
      conclusion: c.conclusion,
      dispositions: c.dispositions,
      completedDispositions: c.completedDispositions,
      overdue: c.overdue,
      nextDeadline: c.nextDeadline ? c.nextDeadline.toISOString() : null,
      escalationLevel: c.escalationLevel,
      amountInvolved: c.amountInvolved,
      amountConfirmed: c.amountConfirmed,
      amountRecovered: c.amountRecovered,
      verificationInaccurate: c.verificationInaccurate,
      sampled: c.sampled,
      violationType: c.violationType,
      subjectName: c.subjectName,
      subjectIdNo: visibleIdNumber(actor, c.subjectIdNo),
      community: c.community,
      clueType: c.clueType,
      description: c.description,
      issuedAt: c.issuedAt,
      closedAt: c.closedAt ? c.closedAt.toISOString() : null,
      closedBy: c.closedBy,
      closedReason: c.closedReason,
      workflowStarted: c.workflowStartedAt !== null,
      importedAt: c.importedAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    };
  }
}

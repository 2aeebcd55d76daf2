/**
 * Importing clues (问题线索导入): every row is checked whole; the accepted rows are written to the
 * ledger in one transaction (all or none of them), then the campaign workflow is asked to start
 * their workflows, durably, in bounded batches.
 */
import { Inject, Injectable } from '@nestjs/common';
import { WorkflowUpdateStage, type Client } from '@temporalio/client';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { logger } from '../../common/logger';
import { appendAudit } from '../../db/audit';
import type { Database } from '../../db/database';
import { CampaignEntity } from '../../db/entities';
import { calendarOf, deadlineStatus } from '../../domain/calendar';
import { verifyingBodyCodes } from '../../domain/campaign';
import { idNumberProblem } from '../../domain/idno';
import { initialStage } from '../../domain/lifecycle';
import type { Actor } from '../../domain/vocabulary';
import { startCluesUpdate } from '../../workflows/campaign/definitions';
import { campaignWorkflowStart } from '../campaigns/campaign-workflow';
import { ApiError, invalid, notFound } from '../shared/errors';
import { DATABASE, TEMPORAL } from '../shared/providers';
import { fieldErrors } from '../shared/validation';
import { readClueFile, type ImportRow } from './clue-file';
import { ClueIn, ImportRequest, type ImportResultOut, type RejectedRow, type RowNote } from './clue-import.dto';

/** How long an import reply waits for its clues' workflows to start before answering with the count still starting. */
const IMPORT_WAIT_MS = 10_000;
const INSERT_CHUNK = 500;

/** An uploaded file as multer hands it over. */
export interface UploadedClueFile {
  buffer: Buffer;
  originalname?: string;
}

/** A row's problems as `field: message`, nested fields dotted. */
function rowErrors(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => [
    ...Object.values(e.constraints ?? {}).map((m) => `${prefix}${e.property}: ${m}`),
    ...rowErrors(e.children ?? [], `${prefix}${e.property}.`),
  ]);
}

@Injectable()
export class ClueImportService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(TEMPORAL) private readonly temporal: Client,
  ) {}

  /** The route takes either JSON `{ clues: [...] }` or a multipart file upload (field `file`). */
  async importRequest(actor: Actor, campaignId: string, body: unknown, file?: UploadedClueFile): Promise<ImportResultOut> {
    if (file) {
      await this.campaignContext(campaignId);
      return this.importRows(actor, campaignId, await readClueFile(file));
    }
    const request = plainToInstance(ImportRequest, body ?? {});
    const details = fieldErrors(validateSync(request, { whitelist: true, forbidNonWhitelisted: true }));
    if (details.length) {
      throw invalid(details, `请以 JSON { "clues": [...] } 提交线索，或以 multipart 文件字段 file 上传 CSV / XLSX：${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`);
    }
    return this.import(actor, campaignId, request.clues);
  }

  async import(actor: Actor, campaignId: string, clues: unknown[]): Promise<ImportResultOut> {
    return this.importRows(actor, campaignId, clues.map((value, i) => ({ row: i + 1, value })));
  }

  private async campaignContext(campaignId: string) {
    const campaign = await this.db.run((em) => em.findOneBy(CampaignEntity, { id: campaignId }));
    if (!campaign) throw notFound(`专项工作 ${campaignId} `);
    if (campaign.status !== 'active') throw new ApiError(409, 'campaign_not_active', `专项工作 ${campaignId} 尚未启用完成，请稍后重试`);
    const projects = await this.db.query<{ no: number; department_code: string }>(`SELECT no, department_code FROM projects WHERE campaign_id = $1`, [campaignId]);
    return {
      campaign,
      // 核查主体 (二(一)): a street, a management zone, or a department handed the clue (三(三)).
      unitCodes: new Set<string>(verifyingBodyCodes(campaign.document)),
      departments: new Map<number, string>(projects.map((p: { no: number; department_code: string }) => [p.no, p.department_code])),
    };
  }

  /** Sorts the rows into accepted, duplicate and rejected (with every reason, by row number). */
  private check(rows: ImportRow[], ctx: Awaited<ReturnType<ClueImportService['campaignContext']>>) {
    const rejected: RejectedRow[] = [];
    const duplicates: string[] = [];
    const seen = new Set<string>();
    const valid: ClueIn[] = [];
    const notes: RowNote[] = [];
    for (const { row, value: raw, errors: readErrors = [], notes: rowNotes } of rows) {
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        rejected.push({ row, errors: ['每一行应为一个线索对象'] });
        continue;
      }
      const clue = plainToInstance(ClueIn, raw);
      // A cell that could not be read (an ID number stored as a number) is explained once, by the reader.
      const unreadable = readErrors.map((e) => e.slice(0, e.indexOf(':') + 1));
      const errors = [
        ...readErrors,
        ...rowErrors(validateSync(clue, { whitelist: true, forbidNonWhitelisted: true })).filter((e) => !unreadable.some((f) => e.startsWith(f))),
      ];
      if (typeof clue.subjectIdNo === 'string') {
        const problem = idNumberProblem(clue.subjectIdNo);
        if (problem) errors.push(`subjectIdNo: ${problem}`);
      }
      if (Number.isInteger(clue.projectNo) && !ctx.departments.has(clue.projectNo)) errors.push(`projectNo: 项目 ${clue.projectNo} 不在本专项的项目清单中`);
      if (typeof clue.unitCode === 'string' && !ctx.unitCodes.has(clue.unitCode)) errors.push(`unitCode: 未知的核查主体 ${clue.unitCode}（应为本专项的街道、管理区或部门代码）`);
      const clueNo = typeof clue.clueNo === 'string' ? clue.clueNo : undefined;
      if (errors.length) {
        rejected.push({ row, ...(clueNo ? { clueNo } : {}), errors });
        continue;
      }
      if (seen.has(clue.clueNo)) {
        duplicates.push(clue.clueNo);
        continue;
      }
      seen.add(clue.clueNo);
      valid.push(clue);
      if (rowNotes) notes.push({ row, clueNo: clue.clueNo, notes: rowNotes });
    }
    return { rejected, duplicates, valid, notes };
  }

  private async importRows(actor: Actor, campaignId: string, rows: ImportRow[]): Promise<ImportResultOut> {
    const ctx = await this.campaignContext(campaignId);
    const { rejected, duplicates, valid, notes } = this.check(rows, ctx);
    const calendar = calendarOf(ctx.campaign);
    const now = Date.now();
    // One transaction for the whole request: a failure part-way stores none of it, never a prefix.
    const fresh = await this.db.tx(async (em) => {
      const stored = new Set<string>();
      for (let i = 0; i < valid.length; i += INSERT_CHUNK) {
        const chunk = valid.slice(i, i + INSERT_CHUNK);
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
        const inserted = result.map((r) => r.clue_no);
        for (const n of inserted) stored.add(n);
        if (inserted.length) {
          await em.query(
            `INSERT INTO clue_events (campaign_id, clue_no, seq, at, actor_name, actor_role, actor_unit, action, detail)
             SELECT $1, c, 0, now(), $2, $3, $4, 'imported', '{}'::jsonb FROM unnest($5::text[]) AS c`,
            [campaignId, actor.name, actor.role, actor.unitCode ?? null, inserted],
          );
          await appendAudit(em, {
            key: `import#${campaignId}#${inserted[0]}#${inserted.length}#${now}`,
            actor,
            action: 'clue.imported',
            entityType: 'campaign',
            entityId: campaignId,
            campaignId,
            detail: { clueNos: inserted },
          });
        }
      }
      return stored;
    });
    for (const c of valid) if (!fresh.has(c.clueNo)) duplicates.push(c.clueNo);
    const workflowsPending = await this.startWorkflows(ctx.campaign, valid.map((c) => c.clueNo));
    return { accepted: fresh.size, duplicates, rejected, workflowsPending, ...(notes.length ? { notes } : {}) };
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
}

/** Clues as the ledger shows them (GET /clues, GET /clues/:clueNo), scoped to what the token may see. */
import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '../../db/database';
import { completeClueRecord, type ClueRecord } from '../../db/clue-record';
import { ClueEntity, ClueEventEntity } from '../../db/entities';
import { canSeeClue, visibleIdNumber } from '../../domain/access';
import { pendingRecovery } from '../../domain/figures';
import type { Actor, Conclusion, Disposition, Stage, ViolationType } from '../../domain/vocabulary';
import { clueWorkflowId } from '../../workflows/clue/definitions';
import { notFound } from '../shared/errors';
import { paging } from '../shared/paging';
import { DATABASE, TEMPORAL_UI_URL } from '../shared/providers';
import { CLUES_FROM, TALLY_FROM, clueFilterSql } from './clue-filter';
import type { ClueDetailOut, ClueListOut, ClueListQuery, ClueOut, ClueRecordOut } from './clues.dto';

const ORDER: Record<NonNullable<ClueListQuery['sort']>, string> = {
  clueNo: 'c.campaign_id, c.clue_no',
  deadline: 'c.next_deadline ASC NULLS LAST, c.campaign_id, c.clue_no',
  '-deadline': 'c.next_deadline DESC NULLS LAST, c.campaign_id, c.clue_no',
};

/** A ledger row as the API returns it; the ID number as the token may see it. */
export function toClueOut(actor: Actor, c: ClueEntity): ClueOut {
  return {
    clueNo: c.clueNo,
    campaignId: c.campaignId,
    projectNo: c.projectNo,
    unitCode: c.unitCode,
    verifyingUnitCode: c.verifyingUnitCode,
    stage: c.stage as Stage,
    conclusion: c.conclusion as Conclusion | null,
    dispositions: c.dispositions as Disposition[],
    completedDispositions: c.completedDispositions as Disposition[],
    overdue: c.overdue,
    nextDeadline: c.nextDeadline ? c.nextDeadline.toISOString() : null,
    escalationLevel: c.escalationLevel,
    amountInvolved: c.amountInvolved,
    amountConfirmed: c.amountConfirmed,
    amountRecovered: c.amountRecovered,
    amountRecoveredPending: pendingRecovery(c.record?.rectification),
    verificationInaccurate: c.verificationInaccurate,
    sampled: c.sampled,
    violationType: c.violationType as ViolationType | null,
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

@Injectable()
export class ClueService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(TEMPORAL_UI_URL) private readonly temporalUiUrl: string | null,
  ) {}

  async list(actor: Actor, q: ClueListQuery): Promise<ClueListOut> {
    const { page, pageSize, offset } = paging(q);
    const params: unknown[] = [];
    const from = `${CLUES_FROM} WHERE ${clueFilterSql(actor, q.campaignId, q, params)}`;
    // The total from the clue tally (a few thousand rows) unless a text search needs the ledger itself.
    const countParams: unknown[] = [];
    const count = q.q
      ? { sql: `SELECT count(*)::int AS total ${from}`, params }
      : { sql: `SELECT coalesce(sum(t.clues), 0)::int AS total ${TALLY_FROM} WHERE ${clueFilterSql(actor, q.campaignId, q, countParams, 't')}`, params: countParams };
    const [[{ total }], rows] = await this.db.run((em) =>
      Promise.all([
        em.query(count.sql, count.params),
        em.query(`SELECT c.campaign_id, c.clue_no ${from} ORDER BY ${ORDER[q.sort ?? 'clueNo']} LIMIT ${pageSize} OFFSET ${offset}`, params),
      ]),
    );
    const keys = rows.map((r: { campaign_id: string; clue_no: string }) => ({ campaignId: r.campaign_id, clueNo: r.clue_no }));
    const entities = keys.length ? await this.db.run((em) => em.find(ClueEntity, { where: keys })) : [];
    const byKey = new Map(entities.map((e) => [`${e.campaignId}/${e.clueNo}`, e]));
    return { items: keys.map((k: { campaignId: string; clueNo: string }) => toClueOut(actor, byKey.get(`${k.campaignId}/${k.clueNo}`)!)), total, page, pageSize };
  }

  async get(actor: Actor, campaignId: string, clueNo: string): Promise<ClueDetailOut> {
    const { clue, project } = await this.visible(actor, campaignId, clueNo);
    const [events, [unit]] = await this.db.run((em) =>
      Promise.all([
        em.find(ClueEventEntity, { where: { campaignId, clueNo }, order: { seq: 'ASC' } }),
        clue.unitCode
          ? em.query(`SELECT name FROM units WHERE campaign_id = $1 AND code = $2 UNION ALL SELECT name FROM departments WHERE campaign_id = $1 AND code = $2`, [campaignId, clue.unitCode])
          : Promise.resolve([]),
      ]),
    );
    return {
      ...toClueOut(actor, clue),
      projectName: project.name,
      departmentCode: project.department_code,
      unitName: unit?.name ?? null,
      // Every entry, null until its step happens (schemathesis: a fresh clue's stored record is {}).
      record: completeClueRecord(clue.record as Partial<ClueRecord> | null) as ClueRecordOut,
      timeline: events.map((e) => ({
        seq: e.seq,
        at: e.at.toISOString(),
        actor: e.actorName,
        actorRole: e.actorRole,
        actorUnit: e.actorUnit,
        action: e.action,
        detail: e.detail,
      })),
      workflowUrl: this.temporalUiUrl ? `${this.temporalUiUrl}/${encodeURIComponent(clueWorkflowId(campaignId, clueNo))}` : null,
    };
  }

  /** The ledger row a person may see, or 404 — a unit never learns of another unit's clues. */
  async visibleClue(actor: Actor, campaignId: string, clueNo: string): Promise<ClueEntity> {
    return (await this.visible(actor, campaignId, clueNo)).clue;
  }

  private async visible(actor: Actor, campaignId: string, clueNo: string) {
    const clue = await this.db.run((em) => em.findOneBy(ClueEntity, { campaignId, clueNo }));
    const [project] = clue
      ? await this.db.query<{ name: string; department_code: string }>(`SELECT name, department_code FROM projects WHERE campaign_id = $1 AND no = $2`, [campaignId, clue.projectNo])
      : [];
    if (!clue || !canSeeClue(actor, { unitCode: clue.unitCode, departmentCode: project.department_code })) throw notFound(`线索 ${clueNo} `);
    return { clue, project };
  }
}

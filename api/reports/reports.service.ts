/**
 * Special reports (专题报告): each verifying unit and each department reports its campaign to
 * 区纪委监委 and 区政数局 by the `report` deadline, signed off by its principal leader — a
 * `unit_leader` bound to its code, a department's as a street's (工作方案 四、(四)). The report
 * recipients write none. Every figure is read from the ledger at the time of asking and counted as
 * domain/figures counts it; a sign-off keeps a copy of the figures signed, so a later change shows as
 * "changed since sign-off", and is mailed to the recipients.
 */
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Config } from '../../common/config';
import { renderReportSigned } from '../../common/mail/render';
import { dueInstant } from '../../domain/time';
import { appendAudit } from '../../db/audit';
import type { Database } from '../../db/database';
import { CampaignEntity } from '../../db/entities';
import { enqueueMail } from '../../db/outbox';
import { addressedCode } from '../../domain/access';
import { namedActor } from '../../domain/accountability';
import { reportRecipientCodes } from '../../domain/campaign';
import type { Contact } from '../../domain/digest';
import { pendingRecoverySql, verificationRate } from '../../domain/figures';
import { openStageSql } from '../../domain/lifecycle';
import { DISPOSITIONS, type Actor, type Role } from '../../domain/vocabulary';
import { ApiError, forbidden, notFound } from '../shared/errors';
import { CONFIG, DATABASE } from '../shared/providers';
import { buildReportDocument } from './report-document';
import type {
  ClueFigures,
  DispositionCounts,
  FigureChange,
  ProjectFigures,
  ReportFigures,
  ReportNotice,
  ReportRule,
  ReportSignoffRecord,
  ReportSignoffStatus,
  ReportSubject,
  UnitReport,
} from './reports.dto';

/** Roles that may read a report: district-wide readers see all, unit-scoped roles their own only. */
export const REPORT_READERS: Role[] = ['coordinator', 'discipline', 'inspector', 'unit_officer', 'unit_leader', 'department'];

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The counts and sums of ClueFigures over the clues `c` of a query, one SQL fragment for totals and per project. */
const CLUE_FIGURES_SQL = `
  count(c.clue_no)::int AS received,
  count(c.clue_no) FILTER (WHERE c.conclusion IS NOT NULL)::int AS verified,
  count(c.clue_no) FILTER (WHERE c.conclusion IN ('substantiated', 'partially_substantiated'))::int AS substantiated,
  count(c.clue_no) FILTER (WHERE c.conclusion = 'unsubstantiated')::int AS unsubstantiated,
  count(c.clue_no) FILTER (WHERE c.verification_inaccurate)::int AS "verificationInaccurate",
  count(c.clue_no) FILTER (WHERE c.stage = 'transferred')::int AS transferred,
  count(c.clue_no) FILTER (WHERE c.stage = 'closed')::int AS closed,
  coalesce(sum(c.amount_involved), 0)::float8 AS "amountInvolved",
  coalesce(sum(c.amount_confirmed), 0)::float8 AS "amountConfirmed",
  coalesce(sum(c.amount_recovered), 0)::float8 AS "amountRecovered",
  coalesce(sum(${pendingRecoverySql('c.record')}), 0)::float8 AS "amountRecoveredPending"`;

/** The rate of verification (domain/figures) beside the counts it is computed from. */
const withRate = <T extends { received: number; verified: number; transferred: number }>(f: T): T & { verificationRate: number } => ({
  ...f,
  verificationRate: verificationRate({ total: f.received, verified: f.verified, transferred: f.transferred }),
});

const dispositionSql = (column: string, alias: string) =>
  `jsonb_build_object(${DISPOSITIONS.map((d) => `'${d}', count(c.clue_no) FILTER (WHERE c.${column} ? '${d}')`).join(', ')}) AS "${alias}"`;

interface Subject extends ReportSubject {
  campaign: CampaignEntity;
}

interface SignoffRow {
  seq: number;
  signed_by: ReportSignoffRecord['signedBy'];
  signed_at: Date;
  comment: string | null;
  figures: ReportFigures;
}

/** Figures as `path → number`, so two snapshots compare (and differ) field by field whatever their key order. */
function flatten(figures: ReportFigures): Map<string, number> {
  const out = new Map<string, number>();
  const { byProject, dispositions, dispositionsCompleted, ...scalars } = figures;
  for (const [k, v] of Object.entries(scalars)) out.set(k, v);
  for (const [k, v] of Object.entries(dispositions)) out.set(`dispositions.${k}`, v);
  for (const [k, v] of Object.entries(dispositionsCompleted)) out.set(`dispositionsCompleted.${k}`, v);
  for (const { projectNo, name: _name, departmentCode: _dept, ...p } of byProject) {
    for (const [k, v] of Object.entries(p)) out.set(`byProject.${projectNo}.${k}`, v);
  }
  return out;
}

/**
 * What changed since a sign-off. A figure the signed copy does not have at all (added to reports after
 * it was signed) was not signed either way: it is no change; a project that appeared since is.
 */
function figureChanges(signed: ReportFigures, current: ReportFigures): FigureChange[] {
  const [a, b] = [flatten(signed), flatten(current)];
  const knownWhenSigned = new Set([...a.keys()].map((k) => k.replace(/^byProject\.\d+\./, '')));
  return [...new Set([...a.keys(), ...b.keys()])]
    .filter((field) => knownWhenSigned.has(field.replace(/^byProject\.\d+\./, '')))
    .filter((field) => a.get(field) !== b.get(field))
    .map((field) => ({ field, signed: a.get(field) ?? null, current: b.get(field) ?? null }));
}

/** RFC 5987 encoding of a filename for `filename*=UTF-8''…` (Chinese names survive every browser). */
export function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

@Injectable()
export class ReportService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async report(actor: Actor, campaignId: string, unitCode: string): Promise<UnitReport> {
    rejectOtherFormats(unitCode);
    const subject = await this.visibleSubject(actor, campaignId, unitCode);
    return this.db.run((em) => this.assemble(em, subject));
  }

  async document(actor: Actor, campaignId: string, unitCode: string): Promise<{ content: Buffer; filename: string; asciiFilename: string }> {
    const report = await this.report(actor, campaignId, unitCode);
    return {
      content: await buildReportDocument(report),
      filename: `${report.unit.name}专题报告-${report.unit.code}.docx`,
      asciiFilename: `report-${report.unit.code}.docx`,
    };
  }

  /**
   * Records the principal leader's sign-off with a copy of the figures signed. The figures are read
   * in the same transaction as the insert, so what is stored is exactly what the ledger said.
   */
  async signoff(actor: Actor, campaignId: string, unitCode: string, comment?: string): Promise<ReportSignoffRecord> {
    const subject = await this.visibleSubject(actor, campaignId, unitCode);
    // 四(四) 各单位主要领导要严格审核把关: a department's principal leader is a unit_leader bound to its code, like a street's.
    if (!(actor.role === 'unit_leader' && actor.unitCode === subject.code)) {
      throw new ApiError(
        403,
        'not_unit_leader',
        `专题报告须由${subject.name}主要领导审核签发（绑定 ${subject.code} 的 unit_leader 身份）；当前身份为 ${actor.role}，不能签发`,
      );
    }
    return this.db.tx(async (em) => {
      const figures = (await this.gather(em, subject)).figures;
      const [latest] = await this.signoffs(em, subject, 'latest');
      if (latest && figureChanges(latest.figures, figures).length === 0) throw alreadySigned(subject, latest);
      const seq = (latest?.seq ?? 0) + 1;
      const signedBy = namedActor(actor);
      const inserted: Array<{ signed_at: Date }> = await em.query(
        `INSERT INTO report_signoffs (campaign_id, subject_type, unit_code, seq, signed_by, comment, figures)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT DO NOTHING RETURNING signed_at`,
        [campaignId, subject.type, subject.code, seq, JSON.stringify(signedBy), comment ?? null, JSON.stringify(figures)],
      );
      // Another sign-off of the same figures got in first (two clicks at once): the report is signed.
      if (inserted.length === 0) throw alreadySigned(subject, latest);
      await appendAudit(em, {
        key: `report-signoff#${campaignId}#${subject.type}#${subject.code}#${seq}`,
        actor,
        action: 'report.signed_off',
        entityType: subject.type === 'unit' ? 'unit_report' : 'department_report',
        entityId: subject.code,
        campaignId,
        at: inserted[0].signed_at,
        detail: { seq, comment: comment ?? null, figures },
      });
      await this.mailRecipients(em, subject, seq, actor.name);
      return { seq, signedBy, signedAt: inserted[0].signed_at.toISOString(), comment: comment ?? null, figures };
    });
  }

  /**
   * 分别报区纪委监委和区政数局: the signed report goes to the discipline commission and to the task
   * force, whose office is 区政数局 (四(一) 专班办公室设在区政数局); the mail clock delivers it.
   */
  private async mailRecipients(em: EntityManager, subject: Subject, seq: number, signedBy: string): Promise<void> {
    const c = subject.campaign;
    const contacts = c.document.contacts ?? {};
    const recipients: Contact[] = [...(contacts.discipline ?? []), ...(contacts.taskForce ?? [])];
    const link = `${this.config.publicUrl}/api/v1/campaigns/${encodeURIComponent(c.id)}/reports/${encodeURIComponent(subject.code)}.docx`;
    await enqueueMail(
      em,
      [
        {
          key: `report#${c.id}#${subject.type}#${subject.code}#${seq}`,
          campaignId: c.id,
          unitCode: subject.code,
          kind: 'report',
          recipients,
          mail: renderReportSigned({ campaignTitle: c.title, unitName: subject.name, seq, signedBy, link }),
        },
      ],
      !!this.config.smtpUrl,
    );
  }

  /**
   * The unit or department a person may see, or 404: a unit-scoped token learns nothing of another
   * unit's report, not even whether it exists. A department token's report is its department's.
   */
  private async visibleSubject(actor: Actor, campaignId: string, code: string): Promise<Subject> {
    if (!REPORT_READERS.includes(actor.role)) {
      throw forbidden(`专题报告只能由 ${REPORT_READERS.join(', ')} 查看；当前令牌身份为 ${actor.role}`);
    }
    const campaign = await this.db.run((em) => em.findOneBy(CampaignEntity, { id: campaignId }));
    if (!campaign) throw notFound(`专项工作 ${campaignId} `);
    const missing = notFound(`${code} 的专题报告`);
    const own = addressedCode(actor);
    if (own !== null && own !== code) throw missing;
    const [unit, department] = await this.db.run((em) =>
      Promise.all([
        em.query(`SELECT code, name, kind FROM units WHERE campaign_id = $1 AND code = $2`, [campaignId, code]),
        em.query(`SELECT code, name FROM departments WHERE campaign_id = $1 AND code = $2`, [campaignId, code]),
      ]),
    );
    if (actor.role !== 'department' && unit[0]) return { campaign, code, name: unit[0].name, type: 'unit', kind: unit[0].kind };
    if (department[0] && reportRecipientCodes(campaign.document).includes(code)) {
      throw new ApiError(404, 'no_report', `${department[0].name}是专题报告的报送对象（四、有关要求：分别报区纪委监委和区政数局），不撰写专题报告`);
    }
    if (department[0]) return { campaign, code, name: department[0].name, type: 'department' };
    throw missing;
  }

  private async assemble(em: EntityManager, subject: Subject): Promise<UnitReport> {
    const { figures, progress, rules, notices } = await this.gather(em, subject);
    const history = await this.signoffs(em, subject, 'all');
    const latest = history.at(-1) ?? null;
    const changes = latest ? figureChanges(latest.figures, figures) : [];
    const c = subject.campaign;
    const dueDate = c.deadlines.report;
    const dueAt = dueInstant(dueDate, c.timezone);
    const first = history[0];
    return {
      campaign: { id: c.id, title: c.title, timezone: c.timezone },
      unit: { code: subject.code, name: subject.name, type: subject.type, ...(subject.kind ? { kind: subject.kind } : {}) },
      period: { start: c.document.window.start, end: c.document.window.end },
      due: {
        date: dueDate,
        dueAt: new Date(dueAt).toISOString(),
        // Overdue means never reported: a report signed in time and changed later is stale, not late.
        overdue: !first && Date.now() >= dueAt,
        signedOnTime: first ? Date.parse(first.signedAt) < dueAt : null,
      },
      figures,
      progress,
      rules,
      notices,
      signoff: {
        state: !latest ? 'unsigned' : changes.length ? 'changed_since_signoff' : 'signed',
        latest,
        changes,
        history,
      } satisfies ReportSignoffStatus,
      generatedAt: new Date().toISOString(),
    };
  }

  /**
   * The ledger's figures for the subject's clues: a unit's are the clues it verifies (clues.unit_code),
   * a department's the clues of the projects it is responsible for (projects.department_code) and the
   * clues handed to it to verify (三(三) 开展区专班交办问题线索的入户核查及整改), each counted once.
   * One statement after another: inside a transaction they share one connection.
   */
  private async gather(em: EntityManager, subject: Subject) {
    const params = [subject.campaign.id, subject.code];
    const scope = subject.type === 'unit' ? 'c.unit_code = $2' : '(p.department_code = $2 OR c.unit_code = $2)';
    const from = `FROM clues c JOIN projects p ON p.campaign_id = c.campaign_id AND p.no = c.project_no WHERE c.campaign_id = $1 AND ${scope}`;
    const [totals] = await em.query(
      `SELECT ${CLUE_FIGURES_SQL},
              coalesce(sum((c.record->'referral'->>'personsHandled')::int), 0)::int AS "personsHandled",
              ${dispositionSql('dispositions', 'dispositions')},
              ${dispositionSql('completed_dispositions', 'dispositionsCompleted')},
              count(c.clue_no) FILTER (WHERE ${openStageSql('c.stage')})::int AS open,
              count(c.clue_no) FILTER (WHERE c.overdue)::int AS overdue
         ${from}`,
      params,
    );
    // A department answers for every project it is responsible for, with or without clues, and for
    // the clues of other projects it verified; a street office's table lists only the projects it
    // actually has clues in (most of the 30 it has none of).
    const byProject: ProjectFigures[] = await em.query(
      subject.type === 'department'
        ? `SELECT p.no AS "projectNo", p.name, p.department_code AS "departmentCode", ${CLUE_FIGURES_SQL}
             FROM projects p LEFT JOIN clues c ON c.campaign_id = p.campaign_id AND c.project_no = p.no AND (p.department_code = $2 OR c.unit_code = $2)
            WHERE p.campaign_id = $1
              AND (p.department_code = $2 OR EXISTS (SELECT 1 FROM clues x WHERE x.campaign_id = p.campaign_id AND x.project_no = p.no AND x.unit_code = $2))
            GROUP BY p.no, p.name, p.department_code ORDER BY p.no`
        : `SELECT p.no AS "projectNo", p.name, p.department_code AS "departmentCode", ${CLUE_FIGURES_SQL}
             ${from} GROUP BY p.no, p.name, p.department_code ORDER BY p.no`,
      params,
    );
    const rules: ReportRule[] = await em.query(
      `SELECT c.record->'rule'->>'title' AS title, c.record->'rule'->>'summary' AS summary,
              c.record->'rule'->>'department' AS department, array_agg(c.clue_no ORDER BY c.clue_no) AS "clueNos"
         ${from} AND jsonb_typeof(c.record->'rule') = 'object'
        GROUP BY 1, 2, 3 ORDER BY min(c.updated_at), 1`,
      params,
    );
    const notices: Array<Omit<ReportNotice, 'createdAt'> & { createdAt: Date }> = await em.query(
      `SELECT id, finding, severity, clue_nos AS "clueNos", created_at AS "createdAt"
         FROM notices WHERE campaign_id = $1 AND unit_code = $2 ORDER BY created_at, id`,
      params,
    );
    const { open, overdue, personsHandled, dispositions, dispositionsCompleted, ...clueFigures } = totals as ClueFigures & {
      open: number;
      overdue: number;
      personsHandled: number;
      dispositions: DispositionCounts;
      dispositionsCompleted: DispositionCounts;
    };
    const figures: ReportFigures = {
      ...withRate(clueFigures),
      personsHandled,
      dispositions,
      dispositionsCompleted,
      rulesEstablished: rules.length,
      noticesReceived: notices.length,
      byProject: byProject.map(withRate),
    };
    return {
      figures,
      // Not part of the signed figures: they move with the calendar, not with what the unit found.
      progress: { open, overdue },
      rules,
      notices: notices.map((n) => ({ ...n, createdAt: n.createdAt.toISOString() })),
    };
  }

  private async signoffs(em: EntityManager, subject: Subject, which: 'latest' | 'all'): Promise<ReportSignoffRecord[]> {
    const rows: SignoffRow[] = await em.query(
      `SELECT seq, signed_by, signed_at, comment, figures FROM report_signoffs
        WHERE campaign_id = $1 AND subject_type = $2 AND unit_code = $3
        ORDER BY seq ${which === 'latest' ? 'DESC LIMIT 1' : 'ASC'}`,
      [subject.campaign.id, subject.type, subject.code],
    );
    return rows.map((r) => ({ seq: r.seq, signedBy: r.signed_by, signedAt: r.signed_at.toISOString(), comment: r.comment, figures: r.figures }));
  }
}

/** A code with a suffix asks for a format: only .docx (its own route) exists; no PDF is pretended. */
function rejectOtherFormats(unitCode: string): void {
  const dot = unitCode.lastIndexOf('.');
  if (dot < 0) return;
  const code = unitCode.slice(0, dot);
  throw new ApiError(
    406,
    'report_format_unavailable',
    `专题报告暂不提供 ${unitCode.slice(dot)} 格式；请下载 Word 文档 reports/${code}.docx，或以 reports/${code} 获取数据`,
  );
}

function alreadySigned(subject: Subject, latest: ReportSignoffRecord | undefined): ApiError {
  const when = latest ? `（第 ${latest.seq} 次，${latest.signedBy.name}，${latest.signedAt}）` : '';
  return new ApiError(409, 'already_signed_off', `${subject.name}的专题报告已签发${when}，此后数据未变化，无需重复签发`);
}

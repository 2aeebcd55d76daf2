import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { recheckRateOf } from '../domain/campaign';
import { appendAudit } from '../db/audit';
import type { Database } from '../db/database';
import { CampaignEntity, DepartmentEntity, ProjectEntity, UnitEntity } from '../db/entities';
import { activationUpdate, extendDeadlinesUpdate, type DeadlineExtensionResult } from '../workflows/campaign/definitions';
import { campaignWorkflowStart } from './campaign-workflow';
import { clueScopeOf, clueScopeSql } from '../domain/access';
import { DEFAULT_ESCALATION_AFTER_DAYS, calendarOf, deadlineProblems } from '../domain/calendar';
import { DEADLINE_KEYS, type Actor, type DeadlineKey } from '../domain/vocabulary';
import { requiredSampleSize } from '../domain/sampling';
import type { CampaignDocument, ContactIn, DeadlinesRequest } from './dto';
import { ApiError, notFound } from './errors';
import { DATABASE, TEMPORAL } from './providers';

function invalid(details: Array<{ field: string; message: string }>): ApiError {
  return new ApiError(400, 'validation_failed', details.map((d) => `${d.field}: ${d.message}`).join('; '), details);
}

/** Cross-field rules the per-field validators cannot see. */
function documentProblems(doc: CampaignDocument): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: doc.timezone });
  } catch {
    out.push({ field: 'timezone', message: `未知时区 ${doc.timezone}，应为 IANA 时区名，如 Asia/Shanghai` });
  }
  out.push(...deadlineProblems({ ...doc.deadlines }, 'deadlines.'));
  if (doc.window.start > doc.window.end) out.push({ field: 'window', message: '工作开始日期不应晚于结束日期' });
  const dup = (list: Array<string | number>) => list.filter((x, i) => list.indexOf(x) !== i);
  for (const c of dup(doc.units.map((u) => u.code))) out.push({ field: 'units', message: `单位代码 ${c} 重复` });
  for (const c of dup(doc.departments.map((d) => d.code))) out.push({ field: 'departments', message: `部门代码 ${c} 重复` });
  for (const n of dup(doc.projects.map((p) => p.no))) out.push({ field: 'projects', message: `项目序号 ${n} 重复` });
  // Reports, mail and tokens address units and departments by code alone.
  const unitCodes = new Set(doc.units.map((u) => u.code));
  for (const d of doc.departments.filter((d) => unitCodes.has(d.code))) {
    out.push({ field: 'departments', message: `部门代码 ${d.code} 与核查单位代码相同，请改用不同的代码` });
  }
  const depts = new Set(doc.departments.map((d) => d.code));
  for (const p of doc.projects) {
    if (!depts.has(p.department)) out.push({ field: `projects[${p.no}].department`, message: `项目 ${p.no} 的责任部门 ${p.department} 不在 departments 中` });
  }
  return out;
}

@Injectable()
export class CampaignService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(TEMPORAL) private readonly temporal: Client,
  ) {}

  async create(actor: Actor, doc: CampaignDocument) {
    const problems = documentProblems(doc);
    if (problems.length) throw invalid(problems);
    const inserted = await this.db.tx(async (em) => {
      const existing = await em.findOneBy(CampaignEntity, { id: doc.id });
      // A pending campaign is one whose workflow never confirmed activation: a retry finishes it.
      if (existing && existing.status !== 'pending') return false;
      if (!existing) {
        await em.insert(CampaignEntity, {
          id: doc.id,
          title: doc.title,
          timezone: doc.timezone,
          status: 'pending',
          deadlines: { ...doc.deadlines },
          originalDeadlines: { ...doc.deadlines },
          calendarVersion: 1,
          escalationAfterDays: doc.escalationAfterDays ?? DEFAULT_ESCALATION_AFTER_DAYS,
          document: JSON.parse(JSON.stringify(doc)),
          createdBy: { ...actor },
        });
        await appendAudit(em, {
          key: `campaign-${doc.id}#created`,
          actor,
          action: 'campaign.created',
          entityType: 'campaign',
          entityId: doc.id,
          campaignId: doc.id,
          detail: { title: doc.title, deadlines: doc.deadlines },
        });
      }
      return true;
    });
    if (!inserted) throw new ApiError(409, 'campaign_exists', `专项工作 ${doc.id} 已存在；如需调整期限请用 POST /campaigns/${doc.id}/deadlines`);
    const stored = await this.stored(doc.id);
    await this.temporal.workflow.executeUpdateWithStart(activationUpdate, { startWorkflowOperation: campaignWorkflowStart(stored) });
    return this.get(doc.id);
  }

  async stored(id: string): Promise<CampaignEntity> {
    const c = await this.db.run((em) => em.findOneBy(CampaignEntity, { id }));
    if (!c) throw notFound(`专项工作 ${id} `);
    return c;
  }

  async list() {
    const rows = await this.db.run((em) => em.find(CampaignEntity, { order: { createdAt: 'ASC' } }));
    return rows.map((c) => ({ id: c.id, title: c.title, status: c.status, deadlines: c.deadlines, createdAt: c.createdAt }));
  }

  async get(id: string) {
    const c = await this.stored(id);
    const [units, departments, projects] = await this.db.run((em) =>
      Promise.all([
        em.find(UnitEntity, { where: { campaignId: id }, order: { code: 'ASC' } }),
        em.find(DepartmentEntity, { where: { campaignId: id }, order: { code: 'ASC' } }),
        em.find(ProjectEntity, { where: { campaignId: id }, order: { no: 'ASC' } }),
      ]),
    );
    return {
      id: c.id,
      title: c.title,
      issuer: c.document.issuer ?? null,
      timezone: c.timezone,
      status: c.status,
      window: c.document.window,
      deadlines: c.deadlines,
      originalDeadlines: c.originalDeadlines,
      calendarVersion: c.calendarVersion,
      escalationAfterDays: c.escalationAfterDays,
      targets: { verificationRate: 1, ...c.document.targets, recheckSampleRate: recheckRateOf(c.document) },
      verificationTeam: c.document.verificationTeam,
      verificationMethods: c.document.verificationMethods,
      units: units.map(({ code, name, kind, contacts }) => ({ code, name, kind, contacts })),
      departments: departments.map(({ code, name, contacts }) => ({ code, name, contacts })),
      projects: projects.map(({ no, name, departmentCode }) => ({ no, name, department: departmentCode })),
      createdAt: c.createdAt,
      activatedAt: c.activatedAt,
    };
  }

  async extendDeadlines(actor: Actor, id: string, body: DeadlinesRequest): Promise<DeadlineExtensionResult> {
    const c = await this.stored(id);
    const { reason, ...rest } = body;
    const deadlines: Partial<Record<DeadlineKey, string>> = {};
    for (const key of DEADLINE_KEYS) if (rest[key]) deadlines[key] = rest[key];
    if (Object.keys(deadlines).length === 0) {
      throw invalid([{ field: 'deadlines', message: `请至少给出一个阶段的新期限：${DEADLINE_KEYS.join(', ')}` }]);
    }
    const problems = deadlineProblems({ ...c.deadlines, ...deadlines });
    if (problems.length) throw invalid(problems);
    return this.temporal.workflow.executeUpdateWithStart(extendDeadlinesUpdate, {
      startWorkflowOperation: campaignWorkflowStart(c),
      args: [{ requestId: randomUUID(), actor, deadlines, reason }],
    });
  }

  async setContacts(actor: Actor, id: string, unitCode: string, contacts: ContactIn[]) {
    await this.stored(id);
    const updated = await this.db.tx(async (em) => {
      const unit = await em.findOneBy(UnitEntity, { campaignId: id, code: unitCode });
      const dept = unit ? null : await em.findOneBy(DepartmentEntity, { campaignId: id, code: unitCode });
      if (!unit && !dept) return false;
      await em.update(unit ? UnitEntity : DepartmentEntity, { campaignId: id, code: unitCode }, { contacts });
      await appendAudit(em, {
        key: `contacts#${randomUUID()}`,
        actor,
        action: 'unit.contacts_set',
        entityType: unit ? 'unit' : 'department',
        entityId: unitCode,
        campaignId: id,
        detail: { before: (unit ?? dept)!.contacts, after: contacts },
      });
      return true;
    });
    if (!updated) throw notFound(`单位 ${unitCode} `);
    return { unitCode, contacts };
  }

  async stats(actor: Actor, id: string) {
    const c = await this.stored(id);
    const params: unknown[] = [id];
    const scope = clueScopeSql(actor, { unit: 'c.unit_code', department: 'p.department_code' }, (v) => `$${params.push(v)}`);
    // Every figure is over the clues this token sees, as GET /clues lists them.
    const scoped = `WITH scoped AS (
      SELECT c.* FROM clues c JOIN projects p ON p.campaign_id = c.campaign_id AND p.no = c.project_no
       WHERE c.campaign_id = $1${scope ? ` AND ${scope}` : ''})`;
    const scopeKind = clueScopeOf(actor).kind;
    const [byStage, byUnit, byProject, totals] = await this.db.run((em) =>
      Promise.all([
        em.query(`${scoped} SELECT stage, count(*)::int AS n FROM scoped GROUP BY stage`, params),
        em.query(
          `${scoped} SELECT u.code AS "unitCode", u.name,
                  count(c.clue_no)::int AS total,
                  count(c.clue_no) FILTER (WHERE c.conclusion IS NOT NULL)::int AS verified,
                  count(c.clue_no) FILTER (WHERE c.overdue)::int AS overdue,
                  count(c.clue_no) FILTER (WHERE c.conclusion IN ('substantiated', 'partially_substantiated'))::int AS substantiated,
                  count(c.clue_no) FILTER (WHERE c.verification_inaccurate)::int AS "verificationInaccurate",
                  count(c.clue_no) FILTER (WHERE c.stage = 'closed')::int AS closed,
                  jsonb_array_length(u.contacts) = 0 AS "noContacts"
             FROM units u LEFT JOIN scoped c ON c.unit_code = u.code
            WHERE u.campaign_id = $1${scopeKind === 'unit' ? ' AND u.code = $2' : ''}
            GROUP BY u.code, u.name, u.contacts ORDER BY u.code`,
          params,
        ),
        em.query(
          `${scoped} SELECT p.no AS "projectNo", p.name, count(c.clue_no)::int AS total,
                  count(c.clue_no) FILTER (WHERE c.conclusion = 'unsubstantiated' OR c.verification_inaccurate)::int AS unsubstantiated,
                  count(c.clue_no) FILTER (WHERE c.sampled)::int AS sampled
             FROM projects p LEFT JOIN scoped c ON c.project_no = p.no
            WHERE p.campaign_id = $1${scopeKind === 'department' ? ' AND p.department_code = $2' : ''}
            GROUP BY p.no, p.name ORDER BY p.no`,
          params,
        ),
        em.query(
          `${scoped} SELECT count(*)::int AS total,
                  count(*) FILTER (WHERE conclusion IS NOT NULL)::int AS verified,
                  coalesce(sum(amount_involved), 0)::float8 AS "amountInvolved",
                  coalesce(sum(amount_confirmed), 0)::float8 AS "amountConfirmed",
                  coalesce(sum(amount_recovered), 0)::float8 AS "amountRecovered"
             FROM scoped`,
          params,
        ),
      ]),
    );
    const rate = recheckRateOf(c.document);
    const t = totals[0];
    return {
      total: t.total,
      byStage: Object.fromEntries(byStage.map((r: { stage: string; n: number }) => [r.stage, r.n])),
      byUnit,
      // Shown on every digest run and here: work for these units reaches nobody by mail.
      unitsWithoutContacts: byUnit.filter((u: { noContacts: boolean }) => u.noContacts).map((u: { unitCode: string }) => u.unitCode),
      byProject: byProject.map((p: { unsubstantiated: number }) => ({ ...p, requiredSample: requiredSampleSize(p.unsubstantiated, rate) })),
      verificationRate: t.total === 0 ? 0 : t.verified / t.total,
      amountInvolved: t.amountInvolved,
      amountConfirmed: t.amountConfirmed,
      amountRecovered: t.amountRecovered,
      calendar: calendarOf(c),
    };
  }
}

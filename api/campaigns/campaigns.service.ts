import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Client } from '@temporalio/client';
import { appendAudit } from '../../db/audit';
import type { Database } from '../../db/database';
import { CampaignEntity, DepartmentEntity, ProjectEntity, UnitEntity } from '../../db/entities';
import { DEFAULT_ESCALATION_AFTER_DAYS, deadlineProblems, type FieldProblem } from '../../domain/calendar';
import { RECHECK_GROUP_CODE, recheckRateOf } from '../../domain/campaign';
import { DEADLINE_KEYS, type Actor, type DeadlineKey } from '../../domain/vocabulary';
import { activationUpdate, extendDeadlinesUpdate } from '../../workflows/campaign/definitions';
import { ApiError, notFound, unprocessable } from '../shared/errors';
import { DATABASE, TEMPORAL } from '../shared/providers';
import { campaignWorkflowStart } from './campaign-workflow';
import type { CampaignDeadlines, CampaignDocument, CampaignListItem, CampaignOut, ContactIn, ContactsOut, DeadlineExtensionOut, DeadlinesRequest } from './campaigns.dto';

/** Cross-field rules the per-field validators cannot see. */
function documentProblems(doc: CampaignDocument): FieldProblem[] {
  const out: FieldProblem[] = [];
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
  // Notices and mail address the district re-check group by this code.
  for (const code of [...unitCodes, ...doc.departments.map((d) => d.code)].filter((c) => c === RECHECK_GROUP_CODE)) {
    out.push({ field: 'units', message: `代码 ${code} 留给区复核抽查组，请为该单位或部门改用其他代码` });
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

  async create(actor: Actor, doc: CampaignDocument): Promise<CampaignOut> {
    const problems = documentProblems(doc);
    if (problems.length) throw unprocessable('campaign_inconsistent', problems);
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
    return this.get(actor, doc.id);
  }

  /** The stored campaign, or 404. */
  async stored(id: string): Promise<CampaignEntity> {
    const c = await this.db.run((em) => em.findOneBy(CampaignEntity, { id }));
    if (!c) throw notFound(`专项工作 ${id} `);
    return c;
  }

  async list(): Promise<CampaignListItem[]> {
    const rows = await this.db.run((em) => em.find(CampaignEntity, { order: { createdAt: 'ASC' } }));
    return rows.map((c) => ({ id: c.id, title: c.title, status: c.status, deadlines: c.deadlines as unknown as CampaignDeadlines, createdAt: c.createdAt.toISOString() }));
  }

  async get(actor: Actor, id: string): Promise<CampaignOut> {
    const c = await this.stored(id);
    const [units, departments, projects] = await this.db.run((em) =>
      Promise.all([
        em.find(UnitEntity, { where: { campaignId: id }, order: { code: 'ASC' } }),
        em.find(DepartmentEntity, { where: { campaignId: id }, order: { code: 'ASC' } }),
        em.find(ProjectEntity, { where: { campaignId: id }, order: { no: 'ASC' } }),
      ]),
    );
    // Mail addresses are the task force's to manage: other roles see who exists, not how to reach them.
    const contacts = <T>(list: T[]): T[] => (actor.role === 'coordinator' ? list : []);
    return {
      id: c.id,
      title: c.title,
      issuer: c.document.issuer ?? null,
      timezone: c.timezone,
      status: c.status,
      window: c.document.window,
      deadlines: c.deadlines as unknown as CampaignDeadlines,
      originalDeadlines: c.originalDeadlines as unknown as CampaignDeadlines,
      calendarVersion: c.calendarVersion,
      escalationAfterDays: c.escalationAfterDays,
      targets: { verificationRate: c.document.targets?.verificationRate ?? 1, recheckSampleRate: recheckRateOf(c.document) },
      verificationTeam: c.document.verificationTeam,
      verificationMethods: c.document.verificationMethods,
      units: units.map(({ code, name, kind, contacts: list }) => ({ code, name, kind, contacts: contacts(list) })),
      departments: departments.map(({ code, name, contacts: list }) => ({ code, name, contacts: contacts(list) })),
      projects: projects.map(({ no, name, departmentCode }) => ({ no, name, department: departmentCode })),
      createdAt: c.createdAt.toISOString(),
      activatedAt: c.activatedAt ? c.activatedAt.toISOString() : null,
    };
  }

  async extendDeadlines(actor: Actor, id: string, body: DeadlinesRequest): Promise<DeadlineExtensionOut> {
    const c = await this.stored(id);
    const deadlines: Partial<Record<DeadlineKey, string>> = {};
    for (const key of DEADLINE_KEYS) if (body[key]) deadlines[key] = body[key];
    // Well-formed dates in the wrong order, or none at all, break a rule of the plan's calendar (422).
    if (Object.keys(deadlines).length === 0) {
      throw new ApiError(422, 'deadlines_missing', `请至少给出一个阶段的新期限：${DEADLINE_KEYS.join(', ')}`, [{ field: 'deadlines', message: '至少一个阶段' }]);
    }
    const problems = deadlineProblems({ ...c.deadlines, ...deadlines });
    if (problems.length) throw new ApiError(422, 'deadline_order', problems.map((p) => p.message).join('；'), problems);
    const result = await this.temporal.workflow.executeUpdateWithStart(extendDeadlinesUpdate, {
      startWorkflowOperation: campaignWorkflowStart(c),
      args: [{ requestId: randomUUID(), actor, deadlines, reason: body.reason }],
    });
    return { ...result, deadlines: result.deadlines as unknown as CampaignDeadlines };
  }

  async setContacts(actor: Actor, id: string, unitCode: string, contacts: ContactIn[]): Promise<ContactsOut> {
    await this.stored(id);
    const updated = await this.db.tx(async (em) => {
      const unit = await em.findOneBy(UnitEntity, { campaignId: id, code: unitCode });
      const dept = unit ? null : await em.findOneBy(DepartmentEntity, { campaignId: id, code: unitCode });
      if (!unit && !dept) return false;
      const plain = contacts.map(({ name, role, email }) => ({ name, role, email }));
      await em.update(unit ? UnitEntity : DepartmentEntity, { campaignId: id, code: unitCode }, { contacts: plain });
      await appendAudit(em, {
        key: `contacts#${randomUUID()}`,
        actor,
        action: 'unit.contacts_set',
        entityType: unit ? 'unit' : 'department',
        entityId: unitCode,
        campaignId: id,
        detail: { before: (unit ?? dept)!.contacts, after: plain },
      });
      return true;
    });
    if (!updated) throw notFound(`单位 ${unitCode} `);
    return { unitCode, contacts };
  }
}

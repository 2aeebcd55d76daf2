/**
 * Composing mail (issue 5): reads the ledger, lets domain/digest decide what is said to whom,
 * renders it and puts it in the outbox. Every message has an idempotency key (kind + unit or
 * recipient + date), so a retried activity or a restarted worker never queues it twice.
 */
import { consoleClueList } from '../../common/console-links';
import { ApplicationFailure } from '@temporalio/common';
import { renderEscalation, renderExtension, renderUnitDigest } from '../../common/mail/render';
import type { Database } from '../../db/database';
import { CampaignEntity, DepartmentEntity, DigestRunEntity, UnitEntity } from '../../db/entities';
import { enqueueMail, type OutboxMessage } from '../../db/outbox';
import { reportRecipientCodes } from '../../domain/campaign';
import { composeDailyMail, digestSlotAfter, remindersOf, type Contact, type EscalationRise, type LedgerClue, type Subject, type SubjectLedger } from '../../domain/digest';
import type { ClueOwnership } from '../../domain/escalation';
import { openStageSql } from '../../domain/lifecycle';
import { dueInstant, lastDayOf, localDate } from '../../domain/time';
import type { Disposition, Stage } from '../../domain/vocabulary';
import type { DigestRunResult, DigestSlot } from '../../workflows/digest/definitions';

export interface ComposeConfig {
  /** Base address for links in mails. */
  publicUrl: string;
  /** Without SMTP, mail is kept as outbox_only instead of queued. */
  smtpConfigured: boolean;
}

/** A clue as the ledger holds what decides whose work it is (domain/escalation `stageOwners`). */
interface ClueRow {
  clue_no: string;
  unit_code: string | null;
  department_code: string;
  dispositions: Disposition[];
  completed_dispositions: Disposition[];
  rectification: { completed?: boolean; signoff?: { approve?: boolean } } | null;
  project_no: number;
  stage: Stage;
  next_deadline: Date | null;
  escalation_level: number;
}

/** The columns of ClueRow, over `clues c` joined to `projects p`. */
const CLUE_ROW_SQL = `c.clue_no, c.unit_code, p.department_code, c.dispositions, c.completed_dispositions, c.record->'rectification' AS rectification,
  c.project_no, c.stage, c.next_deadline, c.escalation_level`;
const CLUES_FROM = `clues c JOIN projects p ON p.campaign_id = c.campaign_id AND p.no = c.project_no`;

const ownership = (r: ClueRow, stage: Stage): ClueOwnership => ({
  stage,
  unitCode: r.unit_code,
  departmentCode: r.department_code,
  dispositions: r.dispositions,
  completed: r.completed_dispositions,
  rectification: r.rectification ? { completed: r.rectification.completed === true, signedOff: r.rectification.signoff?.approve === true } : null,
});

/** Where a subject's digest links to: the clues it owns. */
const DIGEST_FILTER: Record<Subject['type'], (code: string) => string> = {
  unit: (code) => `unitCode=${encodeURIComponent(code)}`,
  department: (code) => `unitCode=${encodeURIComponent(code)}`,
  taskForce: () => 'sort=deadline',
  recheckGroup: () => 'stage=rechecking',
  discipline: () => 'stage=disposing',
};

export class MailComposer {
  constructor(
    private readonly db: Database,
    private readonly config: ComposeConfig,
  ) {}

  private async campaign(campaignId: string): Promise<CampaignEntity> {
    const c = await this.db.run((em) => em.findOneBy(CampaignEntity, { id: campaignId }));
    if (!c) throw ApplicationFailure.nonRetryable(`campaign ${campaignId} not found`, 'ValidationError');
    return c;
  }

  /** The next digest instant after `after`: the campaign's digest hour, local time, today or tomorrow. */
  async nextDigestSlot({ campaignId, after }: { campaignId: string; after: number }): Promise<DigestSlot> {
    const c = await this.campaign(campaignId);
    return digestSlotAfter(after, c.timezone, remindersOf(c.document).digestHour);
  }

  /**
   * The day's mail: one digest per unit with something to say (something overdue, or a deadline
   * exactly at a reminder window), and one escalation notice per recipient for every level risen
   * since the previous run. The span a run covers is stored on its first attempt and reused, and the
   * mail is queued with the run's summary in one transaction.
   */
  async composeDailyMail({ campaignId, date: given, at }: { campaignId: string; date?: string; at: number }): Promise<DigestRunResult> {
    const c = await this.campaign(campaignId);
    const date = given ?? localDate(at, c.timezone);
    const span = await this.runSpan(c, date, at);
    const lastDay = (due: Date | null) => (due ? lastDayOf(due.getTime(), c.timezone) : null);
    const { subjects, clues: open, rises } = await this.ledger(c, span, lastDay);
    const mail = composeDailyMail({
      date,
      at,
      span,
      reminderDays: remindersOf(c.document).days,
      escalationAfterDays: c.escalationAfterDays,
      report: { lastDay: c.deadlines.report, dueAt: dueInstant(c.deadlines.report, c.timezone) },
      subjects,
      clues: open,
      taskForce: c.document.contacts?.taskForce ?? [],
      recheckGroup: c.document.contacts?.recheckGroup ?? [],
      discipline: c.document.contacts?.discipline ?? [],
      rises,
    });

    const clues = (filter: string) => consoleClueList(this.config.publicUrl, campaignId, filter);
    const isBody = (type: Subject['type']) => type === 'unit' || type === 'department';
    const messages: OutboxMessage[] = mail.digests.map((d) => ({
      key: `digest#${campaignId}#${d.subject.code}#${date}`,
      campaignId,
      unitCode: isBody(d.subject.type) ? d.subject.code : null,
      kind: 'digest',
      recipients: d.recipients,
      runDate: date,
      mail: renderUnitDigest({
        campaignTitle: c.title,
        unitName: d.subject.name,
        subjectType: d.subject.type,
        date,
        byStage: d.byStage,
        dueSoon: d.dueSoon,
        overdue: d.overdue,
        ...(d.report ? { report: d.report } : {}),
        link: clues(DIGEST_FILTER[d.subject.type](d.subject.code)),
      }),
    }));
    for (const e of mail.escalations) {
      const to =
        'person' in e.to
          ? { key: e.to.person.email, recipients: [e.to.person], name: e.to.person.name }
          : { key: `none#${e.to.nobodyIn}`, recipients: [], name: `（${e.to.nobodyIn} 无联系人）` };
      messages.push({
        key: `escalation#${campaignId}#${date}#${to.key}`,
        campaignId,
        unitCode: e.unitCode,
        kind: 'escalation',
        recipients: to.recipients,
        runDate: date,
        mail: renderEscalation({ campaignTitle: c.title, date, recipientName: to.name, items: e.items, link: clues('overdue=true') }),
      });
    }
    const result: DigestRunResult = { date, digests: mail.digests.length, escalations: mail.escalations.length, unitsWithoutContacts: mail.unitsWithoutContacts };
    await this.db.tx(async (em) => {
      await enqueueMail(em, messages, this.config.smtpConfigured);
      await em.update(DigestRunEntity, { campaignId, runDate: date }, { summary: { ...result } });
    });
    return result;
  }

  /** The span of escalations the day's run tells: from where the previous run stopped to the run's instant, fixed by its first attempt. */
  private runSpan(c: CampaignEntity, date: string, at: number): Promise<{ from: number; until: number }> {
    return this.db.run(async (em) => {
      const [{ from_ts }] = await em.query(`SELECT max(covered_until) AS from_ts FROM digest_runs WHERE campaign_id = $1 AND run_date < $2`, [c.id, date]);
      await em
        .createQueryBuilder()
        .insert()
        .into(DigestRunEntity)
        .values({ campaignId: c.id, runDate: date, coveredFrom: from_ts ?? c.activatedAt ?? new Date(0), coveredUntil: new Date(at) })
        .orIgnore()
        .updateEntity(false)
        .execute();
      const run = await em.findOneByOrFail(DigestRunEntity, { campaignId: c.id, runDate: date });
      return { from: run.coveredFrom.getTime(), until: run.coveredUntil.getTime() };
    });
  }

  /** What the day's mail is composed from: who owes what, and which levels clues rose to in the span. */
  private ledger(c: CampaignEntity, span: { from: number; until: number }, lastDay: (due: Date | null) => string | null) {
    const campaignId = c.id;
    return this.db.run(async (em) => {
      const units = await em.find(UnitEntity, { where: { campaignId }, order: { code: 'ASC' } });
      const departments = await em.find(DepartmentEntity, { where: { campaignId }, order: { code: 'ASC' } });
      const signed: Array<{ subject_type: string; unit_code: string }> = await em.query(
        `SELECT DISTINCT subject_type, unit_code FROM report_signoffs WHERE campaign_id = $1`,
        [campaignId],
      );
      const open: ClueRow[] = await em.query(
        `SELECT ${CLUE_ROW_SQL} FROM ${CLUES_FROM}
          WHERE c.campaign_id = $1 AND ${openStageSql('c.stage')} ORDER BY c.next_deadline NULLS LAST, c.clue_no`,
        [campaignId],
      );
      // The stage a clue rose in, not the one it is in now: the level was owed by whoever owned that stage.
      const rises: Array<ClueRow & { rose_in: Stage; level: number }> = await em.query(
        `SELECT ${CLUE_ROW_SQL}, (e.detail->>'stage') AS rose_in, (e.detail->>'level')::int AS level
           FROM clue_events e JOIN ${CLUES_FROM} ON c.campaign_id = e.campaign_id AND c.clue_no = e.clue_no
          WHERE e.campaign_id = $1 AND e.action = 'escalated' AND e.at > $2 AND e.at <= $3
          ORDER BY (e.detail->>'level')::int, e.clue_no`,
        [campaignId, new Date(span.from), new Date(span.until)],
      );

      const recipients = new Set(reportRecipientCodes(c.document));
      const isSigned = (type: string, code: string) => signed.some((s) => s.subject_type === type && s.unit_code === code);
      const subjects: SubjectLedger[] = [
        ...units.map((u) => ({ type: 'unit' as const, code: u.code, name: u.name, contacts: u.contacts, reportSigned: isSigned('unit', u.code) })),
        ...departments.map((d) => ({
          type: 'department' as const,
          code: d.code,
          name: d.name,
          contacts: d.contacts,
          reportSigned: isSigned('department', d.code),
          reportRecipient: recipients.has(d.code),
        })),
      ];
      return {
        subjects,
        clues: open.map((r): LedgerClue => ({
          ...ownership(r, r.stage),
          clueNo: r.clue_no,
          projectNo: r.project_no,
          lastDay: lastDay(r.next_deadline),
          escalationLevel: r.escalation_level,
        })),
        rises: rises.map((r): EscalationRise => ({ ...ownership(r, r.rose_in), clueNo: r.clue_no, lastDay: lastDay(r.next_deadline), level: r.level })),
      };
    });
  }

  /** Tells each verifying unit or department with open clues, once per extension, which deadlines moved and why. */
  async composeExtensionMail(req: { campaignId: string; requestId: string; before: Record<string, string>; after: Record<string, string>; reason: string }): Promise<number> {
    const c = await this.campaign(req.campaignId);
    const changes = Object.keys(req.after)
      .filter((k) => req.before[k] !== req.after[k])
      .map((k) => ({ deadline: k, before: req.before[k], after: req.after[k] }));
    if (changes.length === 0) return 0;
    return this.db.run(async (em) => {
      const units: Array<{ code: string; name: string; contacts: Contact[]; open: number }> = await em.query(
        `SELECT u.code, u.name, u.contacts, count(c.clue_no)::int AS open
           FROM (SELECT campaign_id, code, name, contacts FROM units UNION ALL SELECT campaign_id, code, name, contacts FROM departments) u
           JOIN clues c ON c.campaign_id = u.campaign_id AND c.unit_code = u.code AND ${openStageSql('c.stage')}
          WHERE u.campaign_id = $1 GROUP BY u.code, u.name, u.contacts ORDER BY u.code`,
        [req.campaignId],
      );
      const messages: OutboxMessage[] = units.map((u) => ({
        key: `extension#${req.campaignId}#${req.requestId}#${u.code}`,
        campaignId: req.campaignId,
        unitCode: u.code,
        kind: 'extension',
        recipients: u.contacts,
        mail: renderExtension({ campaignTitle: c.title, unitName: u.name, changes, reason: req.reason, openClues: u.open }),
      }));
      await enqueueMail(em, messages, this.config.smtpConfigured);
      return messages.length;
    });
  }
}

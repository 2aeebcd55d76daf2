/**
 * Mail (issue 5): compose the day's unit digests and escalation notices from the ledger into the
 * outbox, and deliver the outbox through SMTP. Every message has an idempotency key (kind + unit or
 * recipient + date), so a retried activity or a restarted worker never queues or sends it twice.
 */
import { createHash } from 'node:crypto';
import { activityInfo, cancellationSignal, heartbeat } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { addDays, daysBetween, dueInstant, lastDayOf, localDate, startOfDay } from '../domain/time';
import type { Database } from '../db/database';
import { MAIL_MAX_ATTEMPTS } from '../temporal.config';
import type { DeliveryResult, DigestRunResult, DigestSlot, MailActivities as Contract } from '../workflows/digest/definitions';
import { escalationAudience, escalationLevelAt } from '../domain/escalation';
import { DEADLINE_LABELS, STAGE_LABELS, labelOf } from '../domain/labels';
import { openStageSql } from '../domain/lifecycle';
import type { Stage } from '../domain/vocabulary';
import { renderEscalation, renderExtension, renderUnitDigest, type DigestItem, type EscalationItem, type Rendered } from './mail/render';

export interface MailConfig {
  /** Unset → mail stays in the outbox (status outbox_only). */
  smtpUrl?: string;
  from: string;
  /** Base address for links in mails. */
  publicUrl: string;
}

export interface Contact {
  name: string;
  email: string;
  role?: 'officer' | 'leader';
}

/** Default reminder settings when the campaign document has no `reminders`. */
export const DEFAULT_DIGEST_HOUR = 8;
export const DEFAULT_REMINDER_DAYS = [7, 3, 1];

export interface OutboxMessage {
  key: string;
  campaignId: string;
  unitCode: string | null;
  kind: 'digest' | 'escalation' | 'notice' | 'extension';
  recipients: Contact[];
  runDate?: string;
  mail: Rendered;
}

/**
 * Puts messages in the outbox once per key. With no recipient the message is kept with status
 * no_recipient, so a unit without contacts shows up in the outbox instead of being skipped.
 * Works inside or outside a transaction (`run` is db.query or an EntityManager's query).
 */
export async function enqueueMail(
  run: (sql: string, params: unknown[]) => Promise<unknown>,
  messages: OutboxMessage[],
  smtpConfigured: boolean,
): Promise<void> {
  for (const m of messages) {
    const status = m.recipients.length === 0 ? 'no_recipient' : smtpConfigured ? 'queued' : 'outbox_only';
    await run(
      `INSERT INTO mail_outbox (idempotency_key, campaign_id, unit_code, kind, recipients, subject, text, html, status, run_date)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (idempotency_key) DO NOTHING`,
      [m.key, m.campaignId, m.unitCode, m.kind, JSON.stringify(m.recipients), m.mail.subject, m.mail.text, m.mail.html, status, m.runDate ?? null],
    );
  }
}

interface Subject {
  /** taskForce: the district task force, for the clues that wait for it to dispatch them (待分派). */
  type: 'unit' | 'department' | 'taskForce';
  code: string;
  name: string;
  contacts: Contact[];
}

/** How an unsigned special report shows in escalation mail, in place of a clue number. */
const REPORT_ITEM = '专题报告';

/** The special report's deadline (专题报告, deadlines.report) and its escalation level at an instant. */
function reportClock(c: CampaignRow) {
  const dueAt = dueInstant(c.deadlines.report, c.timezone);
  return {
    lastDay: c.deadlines.report,
    dueAt,
    levelAt: (t: number) => escalationLevelAt(dueAt, c.escalation_after_days, t),
  };
}

interface CampaignRow {
  id: string;
  title: string;
  timezone: string;
  document: Record<string, any>;
  deadlines: Record<string, string>;
  activated_at: Date | null;
  escalation_after_days: number[];
}

export class MailActivities implements Contract {
  private transport?: Transporter;

  constructor(
    private readonly db: Database,
    private readonly config: MailConfig,
  ) {
    // Every stage of a send gives up well inside the activity's 1-minute heartbeat timeout, so a
    // hung server fails the attempt instead of outliving it and racing its retry (a double send).
    if (config.smtpUrl) this.transport = nodemailer.createTransport({ url: config.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as never);
  }

  private async campaign(campaignId: string): Promise<CampaignRow> {
    const [c] = await this.db.query<CampaignRow>(`SELECT id, title, timezone, document, deadlines, activated_at, escalation_after_days FROM campaigns WHERE id = $1`, [campaignId]);
    if (!c) throw ApplicationFailure.nonRetryable(`campaign ${campaignId} not found`, 'ValidationError');
    return c;
  }

  /** The next digest instant after `after`: the campaign's digest hour, local time, today or tomorrow. */
  async nextDigestSlot({ campaignId, after }: { campaignId: string; after: number }): Promise<DigestSlot> {
    const c = await this.campaign(campaignId);
    const hour: number = c.document.reminders?.digestHour ?? DEFAULT_DIGEST_HOUR;
    let date = localDate(after, c.timezone);
    let at = startOfDay(date, c.timezone) + hour * 3_600_000;
    if (at <= after) {
      date = addDays(date, 1);
      at = startOfDay(date, c.timezone) + hour * 3_600_000;
    }
    return { at, date };
  }

  /**
   * The day's mail: one digest per unit with something to say (something overdue, or a deadline
   * exactly at a reminder window), and one escalation notice per recipient for every level risen
   * since the previous run. The span a run covers is stored on its first attempt and reused.
   */
  async composeDailyMail({ campaignId, date: given, at }: { campaignId: string; date?: string; at: number }): Promise<DigestRunResult> {
    const c = await this.campaign(campaignId);
    const date = given ?? localDate(at, c.timezone);
    const windows: number[] = c.document.reminders?.days ?? DEFAULT_REMINDER_DAYS;
    const [{ from_ts }] = await this.db.query<{ from_ts: Date | null }>(
      `SELECT max(covered_until) AS from_ts FROM digest_runs WHERE campaign_id = $1 AND run_date < $2`,
      [campaignId, date],
    );
    await this.db.query(
      `INSERT INTO digest_runs (campaign_id, run_date, covered_from, covered_until) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [campaignId, date, from_ts ?? c.activated_at ?? new Date(0), new Date(at)],
    );
    const [run] = await this.db.query<{ covered_from: Date; covered_until: Date }>(
      `SELECT covered_from, covered_until FROM digest_runs WHERE campaign_id = $1 AND run_date = $2`,
      [campaignId, date],
    );

    // Verifying units get clue digests; units and responsible departments both owe a special report.
    const subjects = await this.db.query<Subject>(
      `SELECT 'unit' AS type, code, name, contacts FROM units WHERE campaign_id = $1
       UNION ALL SELECT 'department', code, name, contacts FROM departments WHERE campaign_id = $1 ORDER BY 1 DESC, 2`,
      [campaignId],
    );
    const signed = new Set(
      (await this.db.query<{ k: string }>(`SELECT DISTINCT subject_type || ':' || unit_code AS k FROM report_signoffs WHERE campaign_id = $1`, [campaignId])).map(
        (r) => r.k,
      ),
    );
    const report = reportClock(c);
    const lastDay = (due: Date | null) => (due ? lastDayOf(due.getTime(), c.timezone) : null);
    const messages: OutboxMessage[] = [];
    const unitsWithoutContacts: string[] = [];

    const taskForce: Subject = {
      type: 'taskForce',
      code: 'task-force',
      name: '区专班（待分派线索）',
      contacts: (c.document.contacts?.taskForce ?? []).map((p: Contact) => ({ ...p, role: 'officer' as const })),
    };
    for (const unit of [...subjects, taskForce]) {
      const open =
        unit.type === 'department'
          ? []
          : await this.db.query<{ clue_no: string; project_no: number; stage: Stage; next_deadline: Date | null; escalation_level: number }>(
              `SELECT clue_no, project_no, stage, next_deadline, escalation_level FROM clues
                WHERE campaign_id = $1 AND ${unit.type === 'taskForce' ? 'unit_code IS NULL' : 'unit_code = $2'}
                  AND ${openStageSql('stage')} ORDER BY next_deadline NULLS LAST, clue_no`,
              unit.type === 'taskForce' ? [campaignId] : [campaignId, unit.code],
            );
      const reportDue = unit.type === 'taskForce' || signed.has(`${unit.type}:${unit.code}`)
        ? undefined
        : { lastDay: report.lastDay, daysLeft: daysBetween(date, report.lastDay), level: report.levelAt(at) };
      const items: DigestItem[] = open.map((r) => {
        const day = lastDay(r.next_deadline);
        return { clueNo: r.clue_no, projectNo: r.project_no, stage: r.stage, lastDay: day, daysLeft: day === null ? null : daysBetween(date, day), escalationLevel: r.escalation_level };
      });
      const overdue = items.filter((i) => i.daysLeft !== null && i.daysLeft < 0);
      const dueSoon = items.filter((i) => i.daysLeft !== null && i.daysLeft >= 0 && i.daysLeft <= Math.max(...windows));
      const remind = dueSoon.some((i) => windows.includes(i.daysLeft!));
      const reportToSay = reportDue && (reportDue.daysLeft < 0 || windows.includes(reportDue.daysLeft)) ? reportDue : undefined;
      if (overdue.length === 0 && !remind && !reportToSay) continue;
      const officers = unit.contacts.filter((p) => p.role !== 'leader');
      const leaders = unit.contacts.filter((p) => p.role === 'leader');
      const leadersToo = overdue.some((i) => i.escalationLevel >= 2) || (reportToSay?.level ?? 0) >= 2;
      const recipients = [...officers, ...(leadersToo ? leaders : [])];
      if (recipients.length === 0 && unit.type !== 'taskForce') unitsWithoutContacts.push(unit.code);
      const byStage = new Map<Stage, number>();
      for (const i of items) byStage.set(i.stage, (byStage.get(i.stage) ?? 0) + 1);
      messages.push({
        key: `digest#${campaignId}#${unit.code}#${date}`,
        campaignId,
        unitCode: unit.type === 'taskForce' ? null : unit.code,
        kind: 'digest',
        recipients,
        runDate: date,
        mail: renderUnitDigest({
          campaignTitle: c.title,
          unitName: unit.name,
          date,
          byStage: [...byStage].map(([stage, count]) => ({ stage, count })),
          dueSoon,
          overdue,
          ...(reportToSay ? { report: reportToSay } : {}),
          link:
            unit.type === 'taskForce'
              ? `${this.config.publicUrl}/api/v1/clues?campaignId=${encodeURIComponent(campaignId)}&stage=received`
              : this.unitLink(campaignId, unit.code),
        }),
      });
    }

    const escalations = await this.escalationMail(c, date, run.covered_from, run.covered_until, subjects, signed, report);
    messages.push(...escalations);
    await enqueueMail((sql, params) => this.db.query(sql, params), messages, !!this.transport);
    const result: DigestRunResult = {
      date,
      digests: messages.filter((m) => m.kind === 'digest').length,
      escalations: escalations.length,
      unitsWithoutContacts,
    };
    await this.db.query(`UPDATE digest_runs SET summary = $3 WHERE campaign_id = $1 AND run_date = $2`, [campaignId, date, JSON.stringify(result)]);
    return result;
  }

  /** Level 1 → the unit's officers, 2 → its leaders, 3 → the task force, 4 → the discipline commission; one mail per recipient. */
  private async escalationMail(
    c: CampaignRow,
    date: string,
    from: Date,
    until: Date,
    subjects: Subject[],
    signed: Set<string>,
    report: ReturnType<typeof reportClock>,
  ): Promise<OutboxMessage[]> {
    const rises = await this.db.query<{ clue_no: string; unit_code: string | null; stage: Stage | null; next_deadline: Date | null; level: number }>(
      `SELECT e.clue_no, c.unit_code, (e.detail->>'stage') AS stage, c.next_deadline, (e.detail->>'level')::int AS level
         FROM clue_events e JOIN clues c ON c.campaign_id = e.campaign_id AND c.clue_no = e.clue_no
        WHERE e.campaign_id = $1 AND e.action = 'escalated' AND e.at > $2 AND e.at <= $3
        ORDER BY (e.detail->>'level')::int, e.clue_no`,
      [c.id, from, until],
    );
    const byCode = new Map(subjects.map((u) => [u.code, u]));
    // An unsigned special report escalates like a clue: each level its deadline passed since the last run.
    for (const subject of subjects) {
      if (signed.has(`${subject.type}:${subject.code}`)) continue;
      for (let level = report.levelAt(from.getTime()) + 1; level <= report.levelAt(until.getTime()); level++) {
        rises.push({ clue_no: REPORT_ITEM, unit_code: subject.code, stage: null, next_deadline: new Date(report.dueAt), level });
      }
    }
    const chain = (level: number, unitCode: string | null): { group: string; people: Contact[] } => {
      const unit = unitCode ? byCode.get(unitCode) : undefined;
      switch (escalationAudience(level, unitCode ? 'unit' : 'taskForce')) {
        case 'officers':
          return { group: `officers:${unitCode}`, people: unit?.contacts.filter((p) => p.role !== 'leader') ?? [] };
        case 'leaders':
          return { group: `leaders:${unitCode}`, people: unit?.contacts.filter((p) => p.role === 'leader') ?? [] };
        case 'taskForce':
          return { group: 'taskForce', people: c.document.contacts?.taskForce ?? [] };
        case 'discipline':
          return { group: 'discipline', people: c.document.contacts?.discipline ?? [] };
      }
    };
    const perRecipient = new Map<string, { person: Contact; items: EscalationItem[]; units: Set<string> }>();
    const unreachable = new Map<string, { units: Set<string>; items: EscalationItem[] }>();
    for (const r of rises) {
      const item: EscalationItem = {
        clueNo: r.clue_no,
        unitName: (r.unit_code && byCode.get(r.unit_code)?.name) || '未分派',
        stageName: r.stage ? STAGE_LABELS[r.stage] : '待签批',
        level: r.level,
        lastDay: r.next_deadline ? lastDayOf(r.next_deadline.getTime(), c.timezone) : null,
      };
      const { group, people } = chain(r.level, r.unit_code);
      if (people.length === 0) {
        const entry = unreachable.get(group) ?? { units: new Set<string>(), items: [] };
        entry.items.push(item);
        if (r.unit_code) entry.units.add(r.unit_code);
        unreachable.set(group, entry);
      }
      for (const person of people) {
        const entry = perRecipient.get(person.email) ?? { person, items: [], units: new Set<string>() };
        entry.items.push(item);
        if (r.unit_code) entry.units.add(r.unit_code);
        perRecipient.set(person.email, entry);
      }
    }
    const link = `${this.config.publicUrl}/api/v1/clues?campaignId=${encodeURIComponent(c.id)}&overdue=true`;
    return [
      ...[...perRecipient.values()].map(({ person, items, units: touched }) => ({
        key: `escalation#${c.id}#${date}#${person.email}`,
        campaignId: c.id,
        unitCode: touched.size === 1 ? [...touched][0] : null,
        kind: 'escalation' as const,
        recipients: [person],
        runDate: date,
        mail: renderEscalation({ campaignTitle: c.title, date, recipientName: person.name, items, link }),
      })),
      ...[...unreachable].map(([group, { units: touched, items }]) => ({
        key: `escalation#${c.id}#${date}#none#${group}`,
        campaignId: c.id,
        // A unit's token reads rows of its own unit: a mail about several units belongs to none.
        unitCode: touched.size === 1 ? [...touched][0] : null,
        kind: 'escalation' as const,
        recipients: [],
        runDate: date,
        mail: renderEscalation({ campaignTitle: c.title, date, recipientName: `（${group} 无联系人）`, items, link }),
      })),
    ];
  }

  private unitLink(campaignId: string, unitCode: string): string {
    return `${this.config.publicUrl}/api/v1/clues?campaignId=${encodeURIComponent(campaignId)}&unitCode=${encodeURIComponent(unitCode)}`;
  }

  /** Tells each unit with open clues, once per extension, which deadlines moved and why. */
  async composeExtensionMail(req: { campaignId: string; requestId: string; before: Record<string, string>; after: Record<string, string>; reason: string }): Promise<number> {
    const c = await this.campaign(req.campaignId);
    const changes = Object.keys(req.after)
      .filter((k) => req.before[k] !== req.after[k])
      .map((k) => ({ stage: labelOf(DEADLINE_LABELS, k), before: req.before[k], after: req.after[k] }));
    if (changes.length === 0) return 0;
    const units = await this.db.query<{ code: string; name: string; contacts: Contact[]; open: number }>(
      `SELECT u.code, u.name, u.contacts, count(c.clue_no)::int AS open
         FROM units u JOIN clues c ON c.campaign_id = u.campaign_id AND c.unit_code = u.code AND ${openStageSql('c.stage')}
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
    await enqueueMail((sql, params) => this.db.query(sql, params), messages, !!this.transport);
    return messages.length;
  }

  /**
   * Sends every queued message of the campaign. A message that fails keeps its place with its
   * attempts and last error, and the activity fails so Temporal retries it with back-off; messages
   * already sent are never sent again. The Message-ID is derived from the key, so a receiving server
   * can drop the rare duplicate of a send interrupted between SMTP's acceptance and our record of it.
   */
  async deliverOutbox({ campaignId }: { campaignId: string }): Promise<DeliveryResult> {
    const transport = this.transport;
    if (!transport) {
      const [{ n }] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM mail_outbox WHERE campaign_id = $1 AND status = 'outbox_only'`, [campaignId]);
      return { sent: 0, outboxOnly: n };
    }
    const queued = await this.db.query<{ id: string; idempotency_key: string; recipients: Contact[]; subject: string; text: string; html: string | null; attempts: number }>(
      `SELECT id, idempotency_key, recipients, subject, text, html, attempts FROM mail_outbox
        WHERE campaign_id = $1 AND status = 'queued' ORDER BY created_at, idempotency_key`,
      [campaignId],
    );
    let sent = 0;
    const failures: string[] = [];
    for (const m of queued) {
      // An attempt the server has given up on (heartbeat timeout) stops here; its retry sends the rest.
      if (cancellationSignal().aborted) throw ApplicationFailure.retryable(`delivery attempt cancelled after ${sent} messages`, 'MailDeliveryCancelled');
      heartbeat({ sent });
      const messageId = `<${createHash('sha256').update(m.idempotency_key).digest('hex').slice(0, 32)}@clueflow>`;
      try {
        await transport.sendMail({
          from: this.config.from,
          to: m.recipients.map((r) => ({ name: r.name, address: r.email })),
          subject: m.subject,
          text: m.text,
          ...(m.html ? { html: m.html } : {}),
          messageId,
        });
        await this.db.query(
          `UPDATE mail_outbox SET status = 'sent', attempts = attempts + 1, sent_at = now(), message_id = $2, last_error = NULL WHERE id = $1 AND status = 'queued'`,
          [m.id, messageId],
        );
        sent += 1;
      } catch (err) {
        const message = (err as Error).message;
        failures.push(`${m.idempotency_key}: ${message}`);
        await this.db.query(
          `UPDATE mail_outbox SET attempts = attempts + 1, last_error = $2, status = CASE WHEN attempts + 1 >= ${MAIL_MAX_ATTEMPTS} THEN 'failed' ELSE status END WHERE id = $1`,
          [m.id, message],
        );
      }
    }
    if (failures.length) {
      throw ApplicationFailure.retryable(`${failures.length} of ${queued.length} messages not delivered (attempt ${activityInfo().attempt}): ${failures[0]}`, 'MailDeliveryError');
    }
    return { sent, outboxOnly: 0 };
  }
}


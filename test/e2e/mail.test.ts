/**
 * Reminders and escalations as people receive them: a real SMTP server on a loopback port, the
 * campaign's mail clock on the time-skipping server, the real activities and a PostgreSQL outbox.
 * Six weeks of a campaign pass in simulated time.
 */
import type { AddressInfo } from 'node:net';
import { MockActivityEnvironment } from '@temporalio/testing';
import { SMTPServer } from 'smtp-server';
import { MailActivities } from '../../activities/mail';
import { ClueImportService } from '../../api/clues/clue-import.service';
import { addDays, localDate } from '../../domain/time';
import { shiftedPlan } from '../../db/seed/demo';
import { clueStateQuery, clueWorkflowId } from '../../workflows/clue/definitions';
import type { Actor } from '../../domain/vocabulary';
import { waitFor as poll } from '../support/wait';
import { startEngine, type Engine } from '../support/engine';
import { clue } from '../support/fixtures';

jest.setTimeout(180_000);

interface Received {
  messageId: string;
  to: string[];
}

const coordinator: Actor = { name: '区专班', role: 'coordinator' };
const OFFICER = 'jd-officer@hsg.example';
const LEADER = 'jd-leader@hsg.example';
const IDLE_UNIT = 'hh-officer@hsg.example';
const TASK_FORCE = 'zhuanban@hsg.example';
const DISCIPLINE = 'jiwei@hsg.example';
const CIVIL_OFFICER = 'civil-officer@hsg.example';
const CIVIL_LEADER = 'civil-leader@hsg.example';

describe('unit digests and escalation mail', () => {
  let e: Engine;
  let smtp: SMTPServer;
  const received: Received[] = [];
  /** The SMTP server refuses this many messages before accepting (a greylisting server, an outage). */
  let refuseNext = 2;
  const today = localDate(Date.now(), 'Asia/Shanghai');
  const plan = shiftedPlan(today);
  const campaign: Record<string, any> = {
    ...plan,
    units: plan.units.map((u: { code: string }) =>
      u.code === 'hsg-jd'
        ? { ...u, contacts: [{ name: '黄石港街道核查组', role: 'officer', email: OFFICER }, { name: '黄石港街道书记', role: 'leader', email: LEADER }] }
        : u.code === 'hh-jd'
          ? { ...u, contacts: [{ name: '胡家湾街道核查组', role: 'officer', email: IDLE_UNIT }] }
          : u,
    ),
    departments: plan.departments.map((d: { code: string }) =>
      d.code === 'civil' ? { ...d, contacts: [{ name: '民政局经办人', role: 'officer', email: CIVIL_OFFICER }, { name: '民政局局长', role: 'leader', email: CIVIL_LEADER }] } : d,
    ),
    contacts: { taskForce: [{ name: '区专班', email: TASK_FORCE }], discipline: [{ name: '区纪委监委', email: DISCIPLINE }] },
    reminders: { digestHour: 8, days: [7, 3, 1] },
  };

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (refuseNext > 0) {
            refuseNext -= 1;
            return callback(Object.assign(new Error('4.7.1 Greylisted, try again later'), { responseCode: 451 }));
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          received.push({ messageId: /^Message-ID:\s*(\S+)/im.exec(raw)![1], to: session.envelope.rcptTo.map((r) => r.address).sort() });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as AddressInfo;
    e = await startEngine(campaign, { mail: { smtpUrl: `smtp://127.0.0.1:${port}`, from: 'clueflow <clueflow@hsg.example>', publicUrl: 'https://clueflow.hsg.example' } });
  });
  afterAll(async () => {
    await e?.close();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  });

  const outbox = () =>
    e.t.db.query<{ idempotency_key: string; kind: string; unit_code: string | null; run_date: string; status: string; attempts: number; recipients: Array<{ email: string }>; message_id: string | null }>(
      `SELECT idempotency_key, kind, unit_code, to_char(run_date, 'YYYY-MM-DD') AS run_date, status, attempts, recipients, message_id FROM mail_outbox ORDER BY run_date, idempotency_key`,
    );
  const waitFor = (what: () => Promise<boolean>, label: string) => poll(what, label, 600);

  it('mails each unit on the right days, climbs the chain once per level, and sends nothing twice', async () => {
    await new ClueImportService(e.t.db, e.env.client).import(coordinator, campaign.id, [
      clue('M1', { unitCode: 'hsg-jd', projectNo: 7 }),
      clue('M2', { unitCode: 'syg-jd', projectNo: 7 }),
    ]);
    const dueAt = Date.parse((await e.env.client.workflow.getHandle(clueWorkflowId(campaign.id, 'M1')).query(clueStateQuery)).nextDeadline!);
    const last = localDate(dueAt - 1, 'Asia/Shanghai');
    const finalRun = addDays(last, 16);
    // To 09:00 on the 16th day after the verification deadline, nobody having touched either clue.
    await e.env.sleep(dueAt + 15 * 86_400_000 + 9 * 3_600_000 - (await e.env.currentTimeMs()));
    await waitFor(async () => (await e.t.db.query(`SELECT 1 FROM digest_runs WHERE run_date = $1 AND summary <> '{}'`, [finalRun])).length === 1, 'the last run');
    await waitFor(async () => (await e.t.db.query(`SELECT 1 FROM mail_outbox WHERE status = 'queued'`)).length === 0, 'delivery');

    const overdueDays = Array.from({ length: 16 }, (_, i) => addDays(last, i + 1));
    const reminderDays = [7, 3, 1].map((d) => addDays(last, -d));
    const rows = await outbox();
    const keys = (kind: string, unit: string | null) => rows.filter((r) => r.kind === kind && r.unit_code === unit);

    // 核查组: reminders 7, 3 and 1 days before, then every day while overdue; the leader is copied from level 2 (deadline + 3 days).
    const unitDigests = keys('digest', 'hsg-jd');
    expect(unitDigests.map((r) => r.run_date)).toEqual([...reminderDays, ...overdueDays]);
    for (const r of unitDigests) {
      expect(r.status).toBe('sent');
      expect(r.recipients.map((p) => p.email).sort()).toEqual(r.run_date >= addDays(last, 4) ? [OFFICER, LEADER].sort() : [OFFICER]);
    }
    // The first message met a refusing server twice: retried, then delivered.
    expect(unitDigests[0].attempts).toBe(3);
    expect(unitDigests.slice(1).every((r) => r.attempts === 1)).toBe(true);

    // A unit with work but no contact is in the outbox on every run, never silently skipped.
    expect(keys('digest', 'syg-jd').map((r) => [r.run_date, r.status])).toEqual([...reminderDays, ...overdueDays].map((d) => [d, 'no_recipient']));
    // A unit with contacts and nothing due gets no mail at all.
    expect(rows.filter((r) => r.recipients.some((p) => p.email === IDLE_UNIT))).toEqual([]);

    // Escalation: level 1 the unit's officer, 2 its leader, 3 the task force, 4 the discipline commission — one mail per recipient per day.
    const byDayAndRecipient = (a: string[], b: string[]) => (a.join('|') < b.join('|') ? -1 : 1);
    const escalations = rows
      .filter((r) => r.kind === 'escalation')
      .map((r) => [r.run_date, r.recipients.map((p) => p.email).join(','), r.status])
      .sort(byDayAndRecipient);
    expect(escalations).toEqual(
      [
        [addDays(last, 1), OFFICER, 'sent'],
        [addDays(last, 1), '', 'no_recipient'],
        [addDays(last, 4), LEADER, 'sent'],
        [addDays(last, 4), '', 'no_recipient'],
        [addDays(last, 8), TASK_FORCE, 'sent'],
        [addDays(last, 15), DISCIPLINE, 'sent'],
      ].sort(byDayAndRecipient),
    );
    const taskForceMail = await e.t.db.query<{ text: string }>(`SELECT text FROM mail_outbox WHERE kind = 'escalation' AND recipients @> $1::jsonb`, [
      JSON.stringify([{ email: TASK_FORCE }]),
    ]);
    expect(taskForceMail[0].text).toContain('M1');
    expect(taskForceMail[0].text).toContain('M2');

    // What the SMTP server received is exactly the sent part of the outbox: same messages, same recipients, no duplicates.
    const sent = rows.filter((r) => r.status === 'sent');
    expect(received.map((m) => m.messageId).sort()).toEqual(sent.map((r) => r.message_id).sort());
    expect(new Set(received.map((m) => m.messageId)).size).toBe(received.length);
    for (const m of received) expect(m.to).toEqual(sent.find((r) => r.message_id === m.messageId)!.recipients.map((p) => p.email).sort());

    // A repeated run of a day (a retry after a crash, a restarted worker) composes and sends nothing new.
    const again = new MailActivities(e.t.db, { smtpUrl: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`, from: 'x <x@example.org>', publicUrl: 'https://x' });
    const [{ covered_until }] = await e.t.db.query<{ covered_until: Date }>(`SELECT covered_until FROM digest_runs WHERE run_date = $1`, [finalRun]);
    const activity = new MockActivityEnvironment();
    await activity.run(() => again.composeDailyMail({ campaignId: campaign.id, date: finalRun, at: covered_until.getTime() }));
    await activity.run(() => again.deliverOutbox({ campaignId: campaign.id }));
    expect(await outbox()).toHaveLength(rows.length);
    expect(received).toHaveLength(sent.length);
  });

  it('reminds units and departments of their special report, and escalates one not signed off in time', async () => {
    // 区教育局 signed its report; 民政局 did not.
    await e.t.db.query(
      `INSERT INTO report_signoffs (campaign_id, subject_type, unit_code, seq, signed_by, figures) VALUES ($1, 'department', 'edu', 1, $2, '{}')`,
      [campaign.id, JSON.stringify({ name: '教育局局长', role: 'department', unitCode: 'edu' })],
    );
    const lastDay: string = campaign.deadlines.report;
    const dueAt = Date.parse(`${addDays(lastDay, 1)}T00:00:00+08:00`);
    await e.env.sleep(dueAt + 7 * 86_400_000 + 9 * 3_600_000 - (await e.env.currentTimeMs()));
    const finalRun = addDays(lastDay, 8);
    await waitFor(async () => (await e.t.db.query(`SELECT 1 FROM digest_runs WHERE run_date = $1 AND summary <> '{}'`, [finalRun])).length === 1, 'the last run');
    await waitFor(async () => (await e.t.db.query(`SELECT 1 FROM mail_outbox WHERE status = 'queued'`)).length === 0, 'delivery');
    const rows = await outbox();

    const civil = rows.filter((r) => r.kind === 'digest' && r.unit_code === 'civil');
    const expectedDays = [...[7, 3, 1].map((d) => addDays(lastDay, -d)), ...Array.from({ length: 8 }, (_, i) => addDays(lastDay, i + 1))];
    expect(civil.map((r) => r.run_date)).toEqual(expectedDays);
    for (const r of civil) {
      expect(r.status).toBe('sent');
      expect(r.recipients.map((p) => p.email).sort()).toEqual(r.run_date >= addDays(lastDay, 4) ? [CIVIL_LEADER, CIVIL_OFFICER] : [CIVIL_OFFICER]);
    }
    const [first] = await e.t.db.query<{ text: string }>(`SELECT text FROM mail_outbox WHERE idempotency_key = $1`, [`digest#${campaign.id}#civil#${expectedDays[0]}`]);
    expect(first.text).toContain(`专题报告（报区纪委监委、区政数局）截止 ${lastDay}，尚未经主要领导签批：剩 7 天`);
    expect(rows.filter((r) => r.unit_code === 'edu')).toEqual([]);

    const to = (email: string) => rows.filter((r) => r.kind === 'escalation' && r.run_date > lastDay && r.recipients.some((p) => p.email === email)).map((r) => r.run_date);
    expect(to(CIVIL_OFFICER)).toEqual([addDays(lastDay, 1)]);
    expect(to(CIVIL_LEADER)).toEqual([addDays(lastDay, 4)]);
    expect(to(TASK_FORCE)).toEqual([addDays(lastDay, 8)]);
    const [taskForce] = await e.t.db.query<{ text: string }>(`SELECT text FROM mail_outbox WHERE idempotency_key = $1`, [
      `escalation#${campaign.id}#${addDays(lastDay, 8)}#${TASK_FORCE}`,
    ]);
    expect(taskForce.text).toContain('专题报告（区民政局');
    expect(taskForce.text).not.toContain('区教育局');
    expect(received.map((m) => m.messageId).sort()).toEqual(rows.filter((r) => r.status === 'sent').map((r) => r.message_id).sort());
  });

  it('keeps its clock through a day the SMTP server refused everything: that day fails, the next is delivered', async () => {
    const now = await e.env.currentTimeMs();
    const today = localDate(now, 'Asia/Shanghai');
    refuseNext = Number.MAX_SAFE_INTEGER;
    const receivedBefore = received.length;
    // Tomorrow 09:00: the run at 08:00 finds the server refusing, retries to the last attempt and gives up.
    await e.env.sleep(Date.parse(`${addDays(today, 1)}T09:00:00+08:00`) - now);
    const tomorrow = addDays(today, 1);
    await waitFor(async () => (await e.t.db.query(`SELECT 1 FROM mail_outbox WHERE run_date = $1 AND status IN ('failed', 'queued')`, [tomorrow])).length > 0, 'a refused day');
    // Retries back off to 10 minutes: let simulated time run through all 30 attempts (about 4 hours).
    const stillQueued = async () => (await e.t.db.query(`SELECT 1 FROM mail_outbox WHERE run_date = $1 AND status = 'queued'`, [tomorrow])).length > 0;
    for (let i = 0; i < 60 && (await stillQueued()); i++) await e.env.sleep(10 * 60_000);
    expect(await stillQueued()).toBe(false);
    const refused = await e.t.db.query<{ status: string; attempts: number; last_error: string }>(`SELECT status, attempts, last_error FROM mail_outbox WHERE run_date = $1 AND status <> 'no_recipient'`, [tomorrow]);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) expect(r).toMatchObject({ status: 'failed', attempts: 30, last_error: expect.stringContaining('Greylisted') });
    expect(received.length).toBe(receivedBefore);

    refuseNext = 0;
    const dayAfter = addDays(today, 2);
    await e.env.sleep(Date.parse(`${dayAfter}T09:00:00+08:00`) - (await e.env.currentTimeMs()));
    await waitFor(async () => (await e.t.db.query(`SELECT 1 FROM mail_outbox WHERE run_date = $1 AND status = 'sent'`, [dayAfter])).length > 0, 'the next day delivered');
    expect((await e.env.client.workflow.getHandle(`digest-${campaign.id}`).describe()).status.name).toBe('RUNNING');
  });
});

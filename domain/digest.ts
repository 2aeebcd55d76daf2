/**
 * The daily mail (每日汇总 and 逾期升级) as decisions over ledger rows: which subject gets a digest,
 * who is copied, which escalation goes to whom. Each clue is chased where its work lies
 * (`stageOwners`): the verifying unit or department, the task force, the re-check group, the
 * discipline commission or the responsible department. Pure: the mail activity reads the ledger,
 * calls `composeDailyMail`, renders what it returns and puts it in the outbox.
 */
import { RECHECK_GROUP_CODE } from './campaign';
import { escalationAudience, escalationLevelAt, isReminder, stageOwners, type ClueOwnership, type OwnerKind, type StageOwner } from './escalation';
import { addDays, daysBetween, localDate, localDateTime, startOfDay } from './time';
import type { Stage } from './vocabulary';

/** A person mail goes to, from the campaign document or `PUT …/units/:unitCode/contacts`. */
export interface Contact {
  name: string;
  email: string;
  role?: 'officer' | 'leader';
}

export interface ReminderSettings {
  /** Local hour (campaign time zone) of the daily run. */
  digestHour: number;
  /** Days before a deadline on which the digest reminds of it, e.g. [7, 3, 1]. */
  days: number[];
}

const DEFAULT_REMINDERS: ReminderSettings = { digestHour: 8, days: [7, 3, 1] };

/** The campaign document's `reminders`, each setting defaulting on its own. */
export function remindersOf(document: Record<string, any>): ReminderSettings {
  return { digestHour: document.reminders?.digestHour ?? DEFAULT_REMINDERS.digestHour, days: document.reminders?.days ?? DEFAULT_REMINDERS.days };
}

const HOUR_MS = 3_600_000;

/** The first digest instant after `after`: the digest hour, local time, today or tomorrow; `date` is its local date. */
export function digestSlotAfter(after: number, timeZone: string, digestHour: number): { at: number; date: string } {
  const slotOn = (date: string) => {
    const guess = startOfDay(date, timeZone) + digestHour * HOUR_MS;
    // A daylight-saving change between midnight and the digest hour moves the wall clock: move back
    // by what it moved (the nearest way round, so 23:00 on a 23-hour day is not read as 00:00 + 23 h).
    const shown = Number(localDateTime(guess, timeZone).slice(11, 13));
    const hoursOff = ((digestHour - shown + 36) % 24) - 12;
    return guess + hoursOff * HOUR_MS;
  };
  const today = localDate(after, timeZone);
  const date = slotOn(today) > after ? today : addDays(today, 1);
  return { at: slotOn(date), date };
}

/** A clue not yet closed, as the digest lists it. */
export interface OpenClue {
  clueNo: string;
  projectNo: number;
  stage: Stage;
  /** Last day of its current stage's deadline (YYYY-MM-DD, campaign time zone); null when the stage has none. */
  lastDay: string | null;
  escalationLevel: number;
}

/** An open clue with what decides whose work it is. */
export type LedgerClue = OpenClue & ClueOwnership;

/**
 * Whoever owes work: a verifying unit (街道核查组) or department, the task force, the re-check group,
 * or the discipline commission (its referrals' outcomes).
 */
export interface Subject {
  type: 'unit' | 'department' | 'taskForce' | 'recheckGroup' | 'discipline';
  code: string;
  name: string;
}

/** The district-level owners, each one subject of the digest with the campaign's contacts for it. */
export const TASK_FORCE_SUBJECT: Subject = { type: 'taskForce', code: 'task-force', name: '区专班' };
export const RECHECK_GROUP_SUBJECT: Subject = { type: 'recheckGroup', code: RECHECK_GROUP_CODE, name: '区复核抽查组' };
export const DISCIPLINE_SUBJECT: Subject = { type: 'discipline', code: 'discipline-commission', name: '区纪委监委' };

export interface SubjectLedger extends Subject {
  type: 'unit' | 'department';
  contacts: Contact[];
  /** Its special report (专题报告) is signed off by its principal leader. */
  reportSigned: boolean;
  /** It receives the special reports (区纪委监委, 区政数局) and is not asked to write one. */
  reportRecipient?: boolean;
}

/** A level a clue reached since the previous run (an `escalated` event on its timeline), with the stage it rose in. */
export interface EscalationRise extends ClueOwnership {
  clueNo: string;
  lastDay: string | null;
  level: number;
}

export interface DailyMailInput {
  /** The run's local date and instant. */
  date: string;
  at: number;
  /** Rises in (from, until] are told by this run; the previous run told those up to `from`. */
  span: { from: number; until: number };
  reminderDays: number[];
  escalationAfterDays: number[];
  /** The special report's deadline (四、有关要求: 专题报告于10月20日前): its last day and the first instant past it. */
  report: { lastDay: string; dueAt: number };
  /** Units first, then departments: the order digests are listed in. */
  subjects: SubjectLedger[];
  /** Every clue not yet closed or transferred. */
  clues: LedgerClue[];
  taskForce: Contact[];
  recheckGroup: Contact[];
  discipline: Contact[];
  /** In the order the escalation mail lists them. */
  rises: EscalationRise[];
}

export interface DigestItem extends OpenClue {
  /** Days from the run's date to `lastDay`; negative once it is past. */
  daysLeft: number | null;
}

export interface ReportDue {
  lastDay: string;
  daysLeft: number;
  level: number;
}

export interface UnitDigest {
  subject: Subject;
  recipients: Contact[];
  byStage: Array<{ stage: Stage; count: number }>;
  dueSoon: DigestItem[];
  overdue: DigestItem[];
  /** The subject's unsigned special report, on a reminder day or once past due. */
  report?: ReportDue;
}

export interface EscalationItem {
  /** The clue that rose; null for the subject's special report not signed off in time. */
  clue: { clueNo: string; stage: Stage } | null;
  unitName: string;
  level: number;
  lastDay: string | null;
  /** Whose work is late: it names each level's link; the discipline commission's own is a reminder to it (`isReminder`). */
  owner: OwnerKind;
}

export interface EscalationMail {
  /** The one person it goes to, or the audience it is meant for when that has nobody (e.g. `leaders:hsg-jd`): kept as no_recipient. */
  to: { person: Contact } | { nobodyIn: string };
  /**
   * The unit or department it is filed under, when only one: its tokens read the rows of their own
   * code. A body's officers' and leaders' mail is filed under the body; the task force's and
   * discipline's under the clues' unit; the re-check group's under none.
   */
  unitCode: string | null;
  items: EscalationItem[];
}

export interface DailyMail {
  digests: UnitDigest[];
  escalations: EscalationMail[];
  /** Units and departments with something to say and nobody to say it to (their digest is kept as no_recipient). */
  unitsWithoutContacts: string[];
}

const officersOf = (contacts: Contact[]) => contacts.filter((p) => p.role !== 'leader');
const leadersOf = (contacts: Contact[]) => contacts.filter((p) => p.role === 'leader');
const asOfficers = (contacts: Contact[]) => contacts.map((p) => ({ ...p, role: 'officer' as const }));
const ownerKey = (o: StageOwner) => (o.kind === 'body' ? `body:${o.code}` : o.kind);

/** The day's mail: a digest per owner with something to say, and the escalations risen in the run's span. */
export function composeDailyMail(input: DailyMailInput): DailyMail {
  const owned = new Map<string, OpenClue[]>();
  for (const c of input.clues) {
    for (const key of new Set(stageOwners(c).map(ownerKey))) {
      const { clueNo, projectNo, stage, lastDay, escalationLevel } = c;
      owned.set(key, [...(owned.get(key) ?? []), { clueNo, projectNo, stage, lastDay, escalationLevel }]);
    }
  }
  const openOf = (key: string) => owned.get(key) ?? [];
  const district = (subject: Subject, contacts: Contact[], key: string) => unitDigest(input, { ...subject, contacts: asOfficers(contacts), open: openOf(key) }, undefined);
  const digests = [
    ...input.subjects.map((s) => unitDigest(input, { ...s, open: openOf(`body:${s.code}`) }, writesReport(s) ? reportDue(input) : undefined)),
    // The district-level owners write no special report of their own: their digest is the clues waiting for them.
    district(TASK_FORCE_SUBJECT, input.taskForce, 'taskForce'),
    district(RECHECK_GROUP_SUBJECT, input.recheckGroup, 'recheckGroup'),
    district(DISCIPLINE_SUBJECT, input.discipline, 'discipline'),
  ].filter((d): d is UnitDigest => d !== null);
  return {
    digests,
    escalations: escalationMail(input),
    unitsWithoutContacts: digests.filter((d) => d.recipients.length === 0 && (d.subject.type === 'unit' || d.subject.type === 'department')).map((d) => d.subject.code),
  };
}

const writesReport = (s: SubjectLedger) => !s.reportSigned && !s.reportRecipient;

function reportDue({ date, at, report, escalationAfterDays }: DailyMailInput): ReportDue {
  return { lastDay: report.lastDay, daysLeft: daysBetween(date, report.lastDay), level: escalationLevelAt(report.dueAt, escalationAfterDays, at) };
}

/**
 * A digest when something is overdue, a deadline is exactly a reminder window away, or the special
 * report is; to the officers, and to the leaders too once anything is at level 2 or above.
 */
function unitDigest(
  { date, reminderDays }: DailyMailInput,
  subject: Subject & { contacts: Contact[]; open: OpenClue[] },
  report: ReportDue | undefined,
): UnitDigest | null {
  const items: DigestItem[] = subject.open.map((c) => ({ ...c, daysLeft: c.lastDay === null ? null : daysBetween(date, c.lastDay) }));
  const overdue = items.filter((i) => i.daysLeft !== null && i.daysLeft < 0);
  const dueSoon = items.filter((i) => i.daysLeft !== null && i.daysLeft >= 0 && i.daysLeft <= Math.max(...reminderDays));
  const remind = dueSoon.some((i) => reminderDays.includes(i.daysLeft!));
  const reportToSay = report && (report.daysLeft < 0 || reminderDays.includes(report.daysLeft)) ? report : undefined;
  if (overdue.length === 0 && !remind && !reportToSay) return null;
  const leadersToo = overdue.some((i) => i.escalationLevel >= 2) || (reportToSay?.level ?? 0) >= 2;
  const byStage = new Map<Stage, number>();
  for (const i of items) byStage.set(i.stage, (byStage.get(i.stage) ?? 0) + 1);
  return {
    subject: { type: subject.type, code: subject.code, name: subject.name },
    recipients: [...officersOf(subject.contacts), ...(leadersToo ? leadersOf(subject.contacts) : [])],
    byStage: [...byStage].map(([stage, count]) => ({ stage, count })),
    dueSoon,
    overdue,
    ...(reportToSay ? { report: reportToSay } : {}),
  };
}

/** Shown for an item no unit owns yet. */
const UNDISPATCHED = '未分派';

/**
 * Every level risen in the span, told once to the link of its owner's chain (`escalationAudience`),
 * in one mail per recipient. A clue owned by several (a disposal with open dispositions of
 * different owners) climbs each owner's chain; a recipient hears of a clue's level once.
 */
function escalationMail(input: DailyMailInput): EscalationMail[] {
  const { span, report, escalationAfterDays } = input;
  const byCode = new Map(input.subjects.map((s) => [s.code, s]));
  const items: Array<{ unitCode: string | null; owner: StageOwner; item: EscalationItem }> = input.rises.flatMap((r) =>
    stageOwners(r).map((owner) => ({
      unitCode: r.unitCode,
      owner,
      item: {
        clue: { clueNo: r.clueNo, stage: r.stage },
        unitName: (r.unitCode && byCode.get(r.unitCode)?.name) || UNDISPATCHED,
        level: r.level,
        lastDay: r.lastDay,
        owner: owner.kind,
      },
    })),
  );
  // An unsigned special report escalates like a clue of its subject: each level its deadline passed in the span.
  const reportLevelAt = (t: number) => escalationLevelAt(report.dueAt, escalationAfterDays, t);
  for (const s of input.subjects.filter(writesReport)) {
    for (let level = reportLevelAt(span.from) + 1; level <= reportLevelAt(span.until); level++) {
      items.push({ unitCode: s.code, owner: { kind: 'body', code: s.code }, item: { clue: null, unitName: s.name, level, lastDay: report.lastDay, owner: 'body' } });
    }
  }

  // A body's own mail is filed under it (its tokens read it); the re-check group's is the district's,
  // not readable by the unit whose clue was drawn; the task force's and discipline's under the clues' unit.
  const audience = (level: number, owner: StageOwner, unitCode: string | null): { group: string; people: Contact[]; about: string | null } => {
    const code = owner.kind === 'body' ? owner.code : '';
    const contacts = byCode.get(code)?.contacts ?? [];
    switch (escalationAudience(level, owner.kind)) {
      case 'officers':
        return { group: `officers:${code}`, people: officersOf(contacts), about: code };
      case 'leaders':
        return { group: `leaders:${code}`, people: leadersOf(contacts), about: code };
      case 'taskForce':
        return { group: 'taskForce', people: input.taskForce, about: unitCode };
      case 'recheckGroup':
        return { group: 'recheckGroup', people: input.recheckGroup, about: null };
      case 'discipline':
        return { group: 'discipline', people: input.discipline, about: unitCode };
    }
  };
  type Draft = EscalationMail & { units: Set<string> };
  const toPeople = new Map<string, Draft>();
  const toNobody = new Map<string, Draft>();
  const add = (mails: Map<string, Draft>, key: string, to: EscalationMail['to'], unitCode: string | null, item: EscalationItem) => {
    const mail = mails.get(key) ?? { to, unitCode: null, items: [], units: new Set<string>() };
    const same = mail.items.find((i) => i.clue !== null && i.clue.clueNo === item.clue?.clueNo && i.level === item.level);
    // Owned twice (a referral and a rectification both late): an escalation says more than a reminder.
    if (same && isReminder(same.owner)) same.owner = item.owner;
    else if (!same) mail.items.push({ ...item });
    if (unitCode) mail.units.add(unitCode);
    mails.set(key, mail);
  };
  for (const { unitCode, owner, item } of items) {
    const { group, people, about } = audience(item.level, owner, unitCode);
    if (people.length === 0) add(toNobody, group, { nobodyIn: group }, about, item);
    for (const person of people) add(toPeople, person.email, { person }, about, item);
  }
  return [...toPeople.values(), ...toNobody.values()].map(({ units, ...mail }) => ({ ...mail, unitCode: units.size === 1 ? [...units][0] : null }));
}

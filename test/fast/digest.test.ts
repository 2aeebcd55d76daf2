/** The daily mail's decisions (domain/digest): who gets a digest, who is copied, who hears of each level. No engine, no database. */
import {
  composeDailyMail,
  digestSlotAfter,
  DISCIPLINE_SUBJECT,
  RECHECK_GROUP_SUBJECT,
  remindersOf,
  TASK_FORCE_SUBJECT,
  type Contact,
  type DailyMailInput,
  type EscalationRise,
  type LedgerClue,
  type SubjectLedger,
} from '../../domain/digest';
import type { Disposition, Stage } from '../../domain/vocabulary';
import { addDays, dueInstant, startOfDay } from '../../domain/time';

const TZ = 'Asia/Shanghai';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DATE = '2024-08-20';
/** 08:00 on DATE, the run's instant. */
const AT = startOfDay(DATE, TZ) + 8 * HOUR;

const officer: Contact = { name: '核查组', role: 'officer', email: 'jd-officer@example.org' };
const leader: Contact = { name: '书记', role: 'leader', email: 'jd-leader@example.org' };
const taskForce: Contact = { name: '区专班', email: 'zb@example.org' };
const recheckGroup: Contact = { name: '区复核抽查组', email: 'fh@example.org' };
const discipline: Contact = { name: '区纪委监委', email: 'jw@example.org' };

/** An open clue of project 4 (区民政局's), verified by `unitCode` (hsg by default). */
const clue = (clueNo: string, lastDay: string | null, escalationLevel = 0, fields: Partial<LedgerClue> = {}): LedgerClue => ({
  clueNo,
  projectNo: 4,
  stage: 'verifying',
  lastDay,
  escalationLevel,
  unitCode: 'hsg',
  departmentCode: 'civil',
  dispositions: [],
  completed: [],
  ...fields,
});
const unit = (code: string, fields: Partial<SubjectLedger> = {}): SubjectLedger => ({
  type: 'unit',
  code,
  name: `${code}街道`,
  contacts: [officer, leader],
  reportSigned: true,
  ...fields,
});
const rise = (clueNo: string, unitCode: string | null, level: number, stage: Stage = 'verifying', dispositions: Disposition[] = []): EscalationRise => ({
  clueNo,
  unitCode,
  stage,
  lastDay: '2024-08-10',
  level,
  departmentCode: 'civil',
  dispositions,
  completed: [],
});

/** A run on DATE with the report far off and nothing else unless given. */
function input(fields: Partial<DailyMailInput> = {}): DailyMailInput {
  const reportDay = '2024-10-20';
  return {
    date: DATE,
    at: AT,
    span: { from: AT - DAY, until: AT },
    reminderDays: [7, 3, 1],
    escalationAfterDays: [0, 3, 7, 14],
    report: { lastDay: reportDay, dueAt: dueInstant(reportDay, TZ) },
    subjects: [],
    clues: [],
    taskForce: [taskForce],
    recheckGroup: [recheckGroup],
    discipline: [discipline],
    rises: [],
    ...fields,
  };
}

const emails = (people: Contact[]) => people.map((p) => p.email);

describe('unit digests', () => {
  it('reminds exactly 7, 3 and 1 days before a deadline, listing everything due within the widest window', () => {
    const digestOn = (daysLeft: number) => composeDailyMail(input({ subjects: [unit('hsg')], clues: [clue('A', addDays(DATE, daysLeft))] })).digests;
    for (const days of [7, 3, 1]) {
      const [digest] = digestOn(days);
      expect(digest.dueSoon).toEqual([expect.objectContaining({ clueNo: 'A', daysLeft: days })]);
      expect(emails(digest.recipients)).toEqual([officer.email]);
    }
    for (const days of [8, 6, 5, 4, 2, 0]) expect(digestOn(days)).toEqual([]);

    const [both] = composeDailyMail(input({ subjects: [unit('hsg')], clues: [clue('A', addDays(DATE, 3)), clue('B', addDays(DATE, 5)), clue('C', addDays(DATE, 9))] })).digests;
    expect(both.dueSoon.map((i) => [i.clueNo, i.daysLeft])).toEqual([
      ['A', 3],
      ['B', 5],
    ]);
    expect(both.byStage).toEqual([{ stage: 'verifying', count: 3 }]);
  });

  it('lists overdue clues with their level, to the officers, and copies the leaders from level 2', () => {
    const onLevel = (level: number) => composeDailyMail(input({ subjects: [unit('hsg')], clues: [clue('A', addDays(DATE, -2), level)] })).digests[0];
    expect(onLevel(1).overdue).toEqual([expect.objectContaining({ clueNo: 'A', daysLeft: -2, escalationLevel: 1 })]);
    expect(emails(onLevel(1).recipients)).toEqual([officer.email]);
    expect(emails(onLevel(2).recipients)).toEqual([officer.email, leader.email]);
  });

  it('sends nothing to a unit with nothing to say', () => {
    const mail = composeDailyMail(input({ subjects: [unit('hsg'), unit('syg')], clues: [clue('A', addDays(DATE, 10)), clue('B', null)] }));
    expect(mail).toEqual({ digests: [], escalations: [], unitsWithoutContacts: [] });
  });

  it('keeps the digest of a unit without contacts, and names the unit', () => {
    const mail = composeDailyMail(input({ subjects: [unit('syg', { contacts: [] })], clues: [clue('A', addDays(DATE, -1), 1, { unitCode: 'syg' })] }));
    expect(mail.digests).toEqual([expect.objectContaining({ subject: { type: 'unit', code: 'syg', name: 'syg街道' }, recipients: [] })]);
    expect(mail.unitsWithoutContacts).toEqual(['syg']);
  });

  it('gives the task force a digest of the clues waiting for dispatch', () => {
    const mail = composeDailyMail(input({ clues: [clue('W', addDays(DATE, -1), 1, { stage: 'received', unitCode: null })] }));
    expect(mail.digests).toEqual([
      expect.objectContaining({ subject: TASK_FORCE_SUBJECT, recipients: [{ ...taskForce, role: 'officer' }], overdue: [expect.objectContaining({ clueNo: 'W' })] }),
    ]);
    expect(mail.unitsWithoutContacts).toEqual([]);
  });
});

describe('escalation mail', () => {
  it('tells each level to its link of the chain, one mail per recipient', () => {
    const mail = composeDailyMail(
      input({
        subjects: [unit('hsg'), unit('syg', { contacts: [{ ...officer, email: 'syg@example.org' }] })],
        rises: [rise('A', 'hsg', 1), rise('B', 'hsg', 1), rise('A', 'hsg', 2), rise('A', 'hsg', 3), rise('C', 'syg', 3), rise('A', 'hsg', 4)],
      }),
    );
    expect(mail.escalations.map((m) => ['person' in m.to ? m.to.person.email : m.to.nobodyIn, m.unitCode, m.items.map((i) => `${i.clue?.clueNo}@${i.level}`)])).toEqual([
      [officer.email, 'hsg', ['A@1', 'B@1']],
      [leader.email, 'hsg', ['A@2']],
      // The task force hears of both units: the mail belongs to neither.
      [taskForce.email, null, ['A@3', 'C@3']],
      [discipline.email, 'hsg', ['A@4']],
    ]);
    expect(mail.escalations[0].items[0]).toEqual({ clue: { clueNo: 'A', stage: 'verifying' }, unitName: 'hsg街道', level: 1, lastDay: '2024-08-10', owner: 'body' });
  });

  it('keeps one no_recipient mail for a link of the chain with nobody in it', () => {
    const mail = composeDailyMail(
      input({
        subjects: [unit('syg', { contacts: [officer] })],
        discipline: [],
        rises: [rise('A', 'syg', 2), rise('B', 'syg', 2), rise('A', 'syg', 4)],
      }),
    );
    expect(mail.escalations.map((m) => [m.to, m.items.length])).toEqual([
      [{ nobodyIn: 'leaders:syg' }, 2],
      [{ nobodyIn: 'discipline' }, 1],
    ]);
  });

  it('keeps levels 1 to 3 of a clue not yet dispatched with the task force', () => {
    const mail = composeDailyMail(input({ rises: [1, 2, 3, 4].map((level) => rise('W', null, level)) }));
    expect(mail.escalations.map((m) => ['person' in m.to && m.to.person.email, m.items.map((i) => [i.level, i.unitName])])).toEqual([
      [
        taskForce.email,
        [
          [1, '未分派'],
          [2, '未分派'],
          [3, '未分派'],
        ],
      ],
      [discipline.email, [[4, '未分派']]],
    ]);
  });
});

describe('who is chased: whoever owns the stage', () => {
  const late = addDays(DATE, -1);
  const civil: SubjectLedger = { ...unit('civil'), type: 'department', name: '区民政局', contacts: [{ ...officer, email: 'civil@example.org' }] };
  const to = (mail: ReturnType<typeof composeDailyMail>) =>
    mail.escalations.map((m) => ['person' in m.to ? m.to.person.email : m.to.nobodyIn, m.unitCode, m.items.map((i) => `${i.clue?.clueNo}@${i.level}${i.owner === 'discipline' ? '(提醒)' : ''}`)]);

  it('sends a clue awaiting its draw or re-check to the re-check group, not the street (三(二) 区级成立复核抽查组)', () => {
    const mail = composeDailyMail(
      input({
        subjects: [unit('hsg')],
        clues: [clue('R', late, 2, { stage: 'rechecking' }), clue('S', late, 1, { stage: 'awaiting_sampling' })],
        rises: [rise('R', 'hsg', 1, 'rechecking'), rise('R', 'hsg', 2, 'rechecking'), rise('R', 'hsg', 3, 'rechecking'), rise('R', 'hsg', 4, 'rechecking')],
      }),
    );
    expect(mail.digests.map((d) => [d.subject, emails(d.recipients), d.overdue.map((i) => i.clueNo)])).toEqual([[RECHECK_GROUP_SUBJECT, [recheckGroup.email], ['R', 'S']]]);
    // The group's mail is the district's: not filed under the street whose clue was drawn.
    expect(to(mail)).toEqual([
      [recheckGroup.email, null, ['R@1', 'R@2']],
      [taskForce.email, 'hsg', ['R@3']],
      [discipline.email, 'hsg', ['R@4']],
    ]);
  });

  it('keeps classification with the task force and a department’s own verification with the department (三(三))', () => {
    const mail = composeDailyMail(
      input({ subjects: [unit('hsg'), civil], clues: [clue('C', late, 1, { stage: 'classifying' }), clue('D', late, 1, { unitCode: 'civil' })], rises: [rise('D', 'civil', 1)] }),
    );
    expect(mail.digests.map((d) => [d.subject.code, d.overdue.map((i) => i.clueNo)])).toEqual([
      ['civil', ['D']],
      [TASK_FORCE_SUBJECT.code, ['C']],
    ]);
    expect(to(mail)).toEqual([['civil@example.org', 'civil', ['D@1']]]);
  });

  it('chases each open disposition’s owner: the unit rectifies, the department builds the rule, discipline is reminded of its referral', () => {
    const disposing = { stage: 'disposing' as const, dispositions: ['rectification', 'rule_building', 'referral'] as Disposition[] };
    const mail = composeDailyMail(
      input({
        subjects: [unit('hsg'), civil],
        clues: [clue('P', late, 4, disposing)],
        rises: [1, 2, 3, 4].map((level) => rise('P', 'hsg', level, 'disposing', disposing.dispositions)),
      }),
    );
    expect(mail.digests.map((d) => d.subject.code)).toEqual(['hsg', 'civil', DISCIPLINE_SUBJECT.code]);
    expect(to(mail)).toEqual([
      [officer.email, 'hsg', ['P@1']],
      // The department's own mail is filed under it, so its people read it.
      ['civil@example.org', 'civil', ['P@1']],
      // 四(三): the discipline commission's own referral is a reminder to it, never 不作为 of itself; at level 4 the unit's and the department's are escalations.
      [discipline.email, 'hsg', ['P@1(提醒)', 'P@2(提醒)', 'P@3(提醒)', 'P@4']],
      [leader.email, 'hsg', ['P@2']],
      [taskForce.email, 'hsg', ['P@3']],
      ['leaders:civil', 'civil', ['P@2']],
    ]);
  });

  it('asks the report recipients (区纪委监委, 区政数局) for no report, and chases them for none', () => {
    const recipient: SubjectLedger = { ...unit('discipline'), type: 'department', name: '区纪委监委', reportSigned: false, reportRecipient: true };
    const reportDay = '2024-10-20';
    const date = addDays(reportDay, 8);
    const at = startOfDay(date, TZ) + 8 * HOUR;
    const mail = composeDailyMail(input({ date, at, span: { from: dueInstant(reportDay, TZ) - DAY, until: at }, report: { lastDay: reportDay, dueAt: dueInstant(reportDay, TZ) }, subjects: [recipient] }));
    expect(mail).toEqual({ digests: [], escalations: [], unitsWithoutContacts: [] });
  });
});

describe('the special report (专题报告)', () => {
  const reportDay = '2024-10-20';
  const dueAt = dueInstant(reportDay, TZ);
  const department: SubjectLedger = { ...unit('civil'), type: 'department', name: '区民政局', reportSigned: false };
  const subjects = [unit('hsg', { reportSigned: false }), department, unit('edu', { reportSigned: true })];

  it('reminds units and departments that have not signed it, on the reminder days', () => {
    const on = (date: string) => composeDailyMail(input({ date, at: startOfDay(date, TZ) + 8 * HOUR, subjects })).digests;
    const week = on(addDays(reportDay, -7));
    expect(week.map((d) => [d.subject.code, d.report, emails(d.recipients)])).toEqual([
      ['hsg', { lastDay: reportDay, daysLeft: 7, level: 0 }, [officer.email]],
      ['civil', { lastDay: reportDay, daysLeft: 7, level: 0 }, [officer.email]],
    ]);
    expect(on(addDays(reportDay, -5))).toEqual([]);
  });

  it('escalates an unsigned report like a clue, and says nothing of a signed one', () => {
    const date = addDays(reportDay, 4);
    const at = startOfDay(date, TZ) + 8 * HOUR;
    // The previous run was three days ago, before level 2 (three days past the deadline) began.
    const mail = composeDailyMail(input({ date, at, span: { from: at - 3 * DAY, until: at }, subjects }));
    expect(mail.digests.map((d) => [d.subject.code, d.report?.level, emails(d.recipients)])).toEqual([
      ['hsg', 2, [officer.email, leader.email]],
      ['civil', 2, [officer.email, leader.email]],
    ]);
    // Levels 1 and 2 both rose in the span: officers and leaders of each, in one mail per person.
    expect(mail.escalations.map((m) => ['person' in m.to && m.to.person.email, m.items.map((i) => [i.clue, i.unitName, i.level])])).toEqual([
      [leader.email, [[null, 'hsg街道', 2], [null, '区民政局', 2]]],
    ]);
    const sinceDeadline = composeDailyMail(input({ date, at, span: { from: dueAt - DAY, until: at }, subjects }));
    expect(sinceDeadline.escalations.map((m) => ['person' in m.to && m.to.person.email, m.items.map((i) => `${i.unitName}@${i.level}`)])).toEqual([
      [officer.email, ['hsg街道@1', '区民政局@1']],
      [leader.email, ['hsg街道@2', '区民政局@2']],
    ]);
    expect(JSON.stringify(sinceDeadline)).not.toContain('edu');
  });
});

describe('the digest clock', () => {
  it('runs at the digest hour, today if it is still to come, else tomorrow', () => {
    const eight = startOfDay(DATE, TZ) + 8 * HOUR;
    expect(digestSlotAfter(eight - 1, TZ, 8)).toEqual({ at: eight, date: DATE });
    expect(digestSlotAfter(eight, TZ, 8)).toEqual({ at: eight + DAY, date: addDays(DATE, 1) });
    // Just after midnight UTC is already 08:xx in Shanghai: the next slot is the following local day.
    expect(digestSlotAfter(Date.parse('2024-08-20T00:30:00Z'), TZ, 8)).toEqual({ at: Date.parse('2024-08-21T00:00:00Z'), date: '2024-08-21' });
  });

  it('keeps the local hour on the days daylight saving starts and ends', () => {
    expect(digestSlotAfter(Date.parse('2024-03-30T12:00:00Z'), 'Europe/Berlin', 8)).toEqual({ at: Date.parse('2024-03-31T06:00:00Z'), date: '2024-03-31' });
    expect(digestSlotAfter(Date.parse('2024-10-26T12:00:00Z'), 'Europe/Berlin', 8)).toEqual({ at: Date.parse('2024-10-27T07:00:00Z'), date: '2024-10-27' });
    expect(digestSlotAfter(Date.parse('2024-03-30T23:30:00Z'), 'Europe/Berlin', 23)).toEqual({ at: Date.parse('2024-03-31T21:00:00Z'), date: '2024-03-31' });
  });

  it('defaults each reminder setting on its own', () => {
    expect(remindersOf({})).toEqual({ digestHour: 8, days: [7, 3, 1] });
    expect(remindersOf({ reminders: { days: [5] } })).toEqual({ digestHour: 8, days: [5] });
  });
});

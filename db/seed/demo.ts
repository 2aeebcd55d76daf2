/**
 * The demo campaign `npm start` loads: the 2024 Huangshigang plan twice — as written (hsg-2024)
 * and with its calendar shifted so that today falls in the mobilization stage (hsg-2024-demo),
 * the latter with a few dozen sample clues so every screen has something to show.
 */
import { addDays, daysBetween } from '../../domain/time';
import { withCheckCharacter } from '../../domain/idno';
import plan from './huangshigang-2024.json';

/** A fresh copy of the plan as written (a copy of shared/campaign/huangshigang-2024.json). */
export function originalPlan(): Record<string, any> {
  return JSON.parse(JSON.stringify(plan));
}

/** The plan moved in time so that `today` is two days into its mobilization stage. */
export function shiftedPlan(today: string): Record<string, any> {
  return movedPlan(originalPlan().window.start, addDays(today, -2), '-demo', '（演示）');
}

/**
 * The plan moved so that its verification deadline passed 15 days ago: untouched clues in it have
 * climbed every escalation level, so its first digest run shows the whole chain (单位→领导→专班→纪委).
 */
export function overduePlan(today: string): Record<string, any> {
  return movedPlan(originalPlan().deadlines.verification, addDays(today, -15), '-overdue', '（逾期演示）');
}

function movedPlan(from: string, to: string, idSuffix: string, titleSuffix: string): Record<string, any> {
  const plan = originalPlan();
  const shift = daysBetween(from, to);
  const move = (d: string) => addDays(d, shift);
  return {
    ...plan,
    id: `${plan.id}${idSuffix}`,
    title: `${plan.title}${titleSuffix}`,
    window: { start: move(plan.window.start), end: move(plan.window.end) },
    deadlines: Object.fromEntries(Object.entries(plan.deadlines as Record<string, string>).map(([k, v]) => [k, move(v)])),
  };
}

/**
 * Example contacts for the demo campaign, so that its outbox shows who each digest and escalation
 * would reach. One unit is left without contacts on purpose: it shows up as no_recipient.
 */
export function withDemoContacts(plan: Record<string, any>): Record<string, any> {
  return {
    ...plan,
    units: plan.units.map((u: { code: string; name: string }, i: number) =>
      i === plan.units.length - 1
        ? u
        : {
            ...u,
            contacts: [
              { name: `${u.name}核查组`, role: 'officer', email: `${u.code}-officer@example.org` },
              { name: `${u.name}主要领导`, role: 'leader', email: `${u.code}-leader@example.org` },
            ],
          },
    ),
    contacts: {
      taskForce: [{ name: '区专班（区政数局）', email: 'taskforce@example.org' }],
      discipline: [{ name: '区纪委监委', email: 'discipline@example.org' }],
      recheckGroup: [{ name: '区复核抽查组', email: 'recheck@example.org' }],
    },
    reminders: { digestHour: 8, days: [7, 3, 1] },
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const TYPES = ['死亡人员仍领取补贴', '财政供养人员违规领取', '名下有车辆仍享受救助', '重复领取', '有工商登记仍享受补贴'];

/** Sample clues for the demo campaign: spread over units and projects; a few wait for dispatch. */
export function demoClues(units: string[], count = 48) {
  return Array.from({ length: count }, (_, i) => ({
    clueNo: `DEMO-${String(i + 1).padStart(4, '0')}`,
    projectNo: (i * 7) % 30 + 1,
    ...(i % 8 === 7 ? {} : { unitCode: units[i % units.length] }),
    subjectName: `${SURNAMES[i % SURNAMES.length]}某${i % 3 === 0 ? '某' : ''}`,
    subjectIdNo: withCheckCharacter(`420202${1950 + (i % 50)}0${(i % 9) + 1}1${i % 10}${String(i % 1000).padStart(3, '0')}`),
    community: `第${(i % 12) + 1}社区`,
    clueType: TYPES[i % TYPES.length],
    description: `省大数据监察系统比对发现疑点（演示数据 ${i + 1}）`,
    amountInvolved: 300 + ((i * 137) % 5000),
  }));
}

/**
 * What the fast tier's clue tests share: the 2024 plan's verification rules, the people who act on a
 * clue, verifications that pass them, and a clue start whose calendar is laid out around a given day.
 */
import { calendarOf, type Calendar } from '../../../domain/calendar';
import { policyOf } from '../../../domain/campaign';
import { DEFAULT_ESCALATION_AFTER_DAYS } from '../../../domain/escalation';
import { localDate } from '../../../domain/time';
import type { TeamMember, Verification } from '../../../domain/verification';
import type { Actor } from '../../../domain/vocabulary';
import { originalPlan, shiftedPlan } from '../../../db/seed/demo';
import type { ClueStart } from '../../../workflows/clue/definitions';

export const TZ = 'Asia/Shanghai';
export const plan = originalPlan();
export const policy = policyOf(plan);
export const unitCodes: string[] = plan.units.map((u: { code: string }) => u.code);

export const coordinator: Actor = { name: '区专班', role: 'coordinator' };
export const officer: Actor = { name: '核查员', role: 'unit_officer', unitCode: 'hsg-jd' };
export const otherOfficer: Actor = { name: '他街核查员', role: 'unit_officer', unitCode: 'syg-jd' };
export const leader: Actor = { name: '街道书记', role: 'unit_leader', unitCode: 'hsg-jd' };
export const otherLeader: Actor = { name: '他街书记', role: 'unit_leader', unitCode: 'syg-jd' };
export const rechecker: Actor = { name: '复核员', role: 'rechecker', unitCode: 'syg-jd' };
export const sameUnitRechecker: Actor = { name: '本街复核员', role: 'rechecker', unitCode: 'hsg-jd' };
export const discipline: Actor = { name: '纪委', role: 'discipline' };
/** The responsible department of project 4 (临时救助) is 区民政局. */
export const civil: Actor = { name: '区民政局', role: 'department', unitCode: 'civil' };
export const education: Actor = { name: '区教育局', role: 'department', unitCode: 'edu' };

export const goodTeam: TeamMember[] = [
  { name: '王组长', role: 'leader', kind: 'cadre' },
  { name: '赵成员', role: 'member', kind: 'cadre' },
  { name: '钱成员', role: 'member', kind: 'staff' },
];

export const unsubstantiated: Verification = {
  team: goodTeam,
  methods: ['subject_statement', 'original_records'],
  conclusion: 'unsubstantiated',
  findings: '经入户核实，对象仍健在，系数据比对误差',
};

export const substantiated: Verification = {
  team: goodTeam,
  methods: ['original_records', 'site_visit', 'neighbour_visit'],
  conclusion: 'substantiated',
  findings: '对象2023年已死亡，其家属冒领救助金',
  amountConfirmed: 1200,
  violationType: 'false_claims',
  personsInvolved: [{ name: '李某某', category: 'beneficiary' }],
};

/** The plan's calendar moved so that the day of `now` is two days into mobilization. */
export function calendarAround(now: number, version = 1): Calendar {
  const moved = shiftedPlan(localDate(now, TZ));
  return calendarOf({ timezone: TZ, deadlines: moved.deadlines, calendarVersion: version, escalationAfterDays: DEFAULT_ESCALATION_AFTER_DAYS });
}

/** A clue of project 4 verified by hsg-jd (or waiting for dispatch with `unitCode: undefined`). */
export function clueStart(clueNo: string, calendar: Calendar, fields: Partial<ClueStart> = {}): ClueStart {
  return {
    campaignId: 'fast',
    clueNo,
    projectNo: 4,
    departmentCode: 'civil',
    unitCode: 'hsg-jd',
    unitCodes,
    policy,
    calendar,
    ...fields,
  };
}

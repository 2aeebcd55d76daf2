/**
 * What the fast tier's clue tests share: the 2024 plan's verification rules, the people who act on a
 * clue, verifications that pass them, and a clue start whose calendar is laid out around a given day.
 */
import { calendarOf, type Calendar } from '../../../domain/calendar';
import { policyOf, verifyingBodyCodes } from '../../../domain/campaign';
import { DEFAULT_ESCALATION_AFTER_DAYS } from '../../../domain/escalation';
import { localDate } from '../../../domain/time';
import type { RecheckPayload, RecheckTeamMember } from '../../../domain/actions';
import type { TeamMember, Verification, WorkRecord } from '../../../domain/verification';
import { VERIFICATION_METHODS, VERIFICATION_STANDARDS, type Actor } from '../../../domain/vocabulary';
import { originalPlan, shiftedPlan } from '../../../db/seed/demo';
import type { ClueStart } from '../../../workflows/clue/definitions';

export const TZ = 'Asia/Shanghai';
export const plan = originalPlan();
export const policy = policyOf(plan);
export const unitCodes: string[] = verifyingBodyCodes(plan);

export const coordinator: Actor = { name: '区专班', role: 'coordinator' };
export const officer: Actor = { name: '核查员', role: 'unit_officer', unitCode: 'hsg-jd' };
export const otherOfficer: Actor = { name: '他街核查员', role: 'unit_officer', unitCode: 'syg-jd' };
export const leader: Actor = { name: '街道书记', role: 'unit_leader', unitCode: 'hsg-jd' };
export const otherLeader: Actor = { name: '他街书记', role: 'unit_leader', unitCode: 'syg-jd' };
/** The district re-check group (三(二) 区级成立复核抽查组): no unit. */
export const rechecker: Actor = { name: '复核员', role: 'rechecker' };
/** A token issued before re-checkers lost their unit: still never one of the verifying unit. */
export const sameUnitRechecker: Actor = { name: '本街复核员', role: 'rechecker', unitCode: 'hsg-jd' };
/** A department as a verifying body (三(三)): its officers and its leader, bound to its code. */
export const civilOfficer: Actor = { name: '民政局核查员', role: 'unit_officer', unitCode: 'civil' };
export const civilLeader: Actor = { name: '民政局局长', role: 'unit_leader', unitCode: 'civil' };
export const discipline: Actor = { name: '纪委', role: 'discipline' };
/** The responsible department of project 4 (临时救助) is 区民政局. */
export const civil: Actor = { name: '区民政局', role: 'department', unitCode: 'civil' };
export const education: Actor = { name: '区教育局', role: 'department', unitCode: 'edu' };

export const goodTeam: TeamMember[] = [
  { name: '王组长', role: 'leader', kind: 'cadre' },
  { name: '赵成员', role: 'member', kind: 'cadre' },
  { name: '钱成员', role: 'member', kind: 'staff' },
];

/** The work as 二(二) asks: every standard confirmed, every method used. */
export const fullWork: WorkRecord = { team: goodTeam, standards: [...VERIFICATION_STANDARDS], methods: [...VERIFICATION_METHODS] };

export const unsubstantiated: Verification = {
  ...fullWork,
  conclusion: 'unsubstantiated',
  findings: '经入户核实，对象仍健在，系数据比对误差',
};

/** The subject has died: no statement from them, and the omission says so. */
export const substantiated: Verification = {
  ...fullWork,
  methods: ['original_records', 'site_visit', 'handler_inquiry', 'neighbour_visit'],
  methodsOmitted: [{ method: 'subject_statement', reason: '对象已于2023年死亡，无法听取本人陈述' }],
  conclusion: 'substantiated',
  findings: '对象2023年已死亡，其家属冒领救助金',
  amountConfirmed: 1200,
  violationType: 'false_claims',
  personsInvolved: [{ name: '李某某', category: 'beneficiary' }],
  evidence: [{ kind: 'record', ref: '殡葬记录 2023-118' }],
};

export const recheckTeam: RecheckTeamMember[] = [
  { name: '区复核组长', role: 'leader', kind: 'cadre' },
  { name: '区复核员', role: 'member', kind: 'staff' },
  { name: '抽调复核员', role: 'member', kind: 'cadre', unitCode: 'syg-jd' },
];

/** A re-check that confirms 查否, its work as complete as a verification's. */
export const recheckConfirmed: RecheckPayload = { ...fullWork, team: recheckTeam, result: 'confirmed', findings: '复核维持查否' };
/** A re-check that overturns 查否 on evidence. */
export const recheckOverturned: RecheckPayload = {
  ...recheckConfirmed,
  result: 'overturned',
  findings: '复核发现对象已死亡',
  amountConfirmed: 800,
  evidence: [{ kind: 'record', ref: '死亡证明 2023-0456' }],
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

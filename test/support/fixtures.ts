import { originalPlan } from '../../db/seed/demo';
import { withCheckCharacter } from '../../domain/idno';
import type { RecheckTeamMember } from '../../domain/actions';
import type { TeamMember } from '../../domain/verification';
import { VERIFICATION_METHODS, VERIFICATION_STANDARDS } from '../../domain/vocabulary';

/** The 2024 Huangshigang plan as data (a copy of shared/campaign/huangshigang-2024.json). */
export function planDocument(id: string, overrides: Record<string, unknown> = {}): Record<string, any> {
  return { ...originalPlan(), id, ...overrides };
}

/** A well-formed ID number, different for each n. */
export function idNumber(n: number): string {
  return withCheckCharacter(`42020219800101${String(n % 1000).padStart(3, '0')}`);
}

export function clue(no: string, fields: Record<string, unknown> = {}) {
  return {
    clueNo: no,
    projectNo: 4,
    unitCode: 'hsg-jd',
    subjectName: '李某',
    subjectIdNo: idNumber(Number(no.replace(/\D/g, '')) || 1),
    community: '湖滨社区',
    clueType: '死亡人员领取临时救助',
    description: '比对发现救助对象已于2023年死亡，仍在领取临时救助金',
    amountInvolved: 1200,
    ...fields,
  };
}

export const goodTeam: TeamMember[] = [
  { name: '王组长', role: 'leader', kind: 'cadre' },
  { name: '赵成员', role: 'member', kind: 'cadre' },
  { name: '钱成员', role: 'member', kind: 'staff' },
];

/** How the work was done as 二(二) asks: the team, each of the five standards met, each of the five methods used. */
export const fullWork = { team: goodTeam, standards: [...VERIFICATION_STANDARDS], methods: [...VERIFICATION_METHODS] };

/** A verification that finds the clue substantiated (查实), with what the leader must review. */
export const substantiatedVerification = {
  ...fullWork,
  conclusion: 'substantiated',
  findings: '冒领属实',
  amountConfirmed: 500,
  violationType: 'false_claims',
  personsInvolved: [{ name: '张某', category: 'beneficiary' }],
  evidence: [{ kind: 'record', ref: '银行流水 2024-001' }],
};

/** A verification that finds nothing (查否). */
export const unsubstantiatedVerification = { ...fullWork, conclusion: 'unsubstantiated', findings: '核实对象健在，数据误差' };

/** The district re-check group's team (三(二)): one member seconded from a street that did not verify the clues here. */
export const recheckTeam: RecheckTeamMember[] = [
  { name: '区复核组长', role: 'leader', kind: 'cadre' },
  { name: '区复核员', role: 'member', kind: 'staff' },
  { name: '抽调复核员', role: 'member', kind: 'cadre', unitCode: 'jb-glq' },
];

/** A re-check's work, as complete as a verification's. */
export const recheckWork = { team: recheckTeam, standards: [...VERIFICATION_STANDARDS], methods: [...VERIFICATION_METHODS] };

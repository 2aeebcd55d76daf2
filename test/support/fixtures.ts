import { originalPlan } from '../../db/seed/demo';
import { withCheckCharacter } from '../../domain/idno';
import type { TeamMember } from '../../domain/verification';

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

/** A verification that finds the clue substantiated (查实), with what the leader must review. */
export const substantiatedVerification = {
  team: goodTeam,
  methods: ['original_records'],
  conclusion: 'substantiated',
  findings: '冒领属实',
  amountConfirmed: 500,
  violationType: 'false_claims',
  personsInvolved: [{ name: '张某', category: 'beneficiary' }],
};

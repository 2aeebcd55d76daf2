/**
 * What a verification (核查) must contain before it counts: the work plan's team rule
 * (至少安排一名组长和两名成员，不得抽调村、社区干部), the five methods, and for a substantiated clue
 * the amount, the kind of violation and who was involved.
 */
import {
  CONCLUSIONS,
  PERSON_CATEGORIES,
  VIOLATION_TYPES,
  type Conclusion,
  type MemberKind,
  type PersonCategory,
  type VerificationMethod,
  type ViolationType,
} from './vocabulary';
import { violation, type Violation } from './violation';

export interface TeamMember {
  name: string;
  role: 'leader' | 'member';
  kind: MemberKind;
}

export interface PersonInvolved {
  name: string;
  category: PersonCategory;
}

export interface Evidence {
  kind: string;
  ref: string;
}

export interface Verification {
  team: TeamMember[];
  methods: VerificationMethod[];
  conclusion: Conclusion;
  findings: string;
  amountConfirmed?: number;
  violationType?: ViolationType;
  personsInvolved?: PersonInvolved[];
  evidence?: Evidence[];
}

/** The campaign's `verificationTeam` and `verificationMethods`, as the rules need them. */
export interface VerificationPolicy {
  minLeaders: number;
  minMembers: number;
  forbiddenMemberKinds: string[];
  methods: string[];
}

const KIND_NAMES: Record<string, string> = { village_cadre: '村干部', community_cadre: '社区干部' };

export function verificationViolations(v: Verification, policy: VerificationPolicy): Violation[] {
  const out: Violation[] = [];
  const team = Array.isArray(v.team) ? v.team : [];
  const leaders = team.filter((m) => m.role === 'leader').length;
  const members = team.filter((m) => m.role === 'member').length;
  if (leaders < policy.minLeaders || members < policy.minMembers) {
    out.push(
      violation(
        422,
        'team_too_small',
        `核查组至少应有${policy.minLeaders}名组长和${policy.minMembers}名成员，现有组长${leaders}名、成员${members}名`,
        'team',
      ),
    );
  }
  const forbidden = team.filter((m) => policy.forbiddenMemberKinds.includes(m.kind));
  if (forbidden.length > 0) {
    const who = forbidden.map((m) => `${m.name}（${KIND_NAMES[m.kind] ?? m.kind}）`).join('、');
    out.push(violation(422, 'team_has_village_or_community_cadre', `核查组不得抽调村、社区干部参与核查：${who}`, 'team'));
  }
  const methods = Array.isArray(v.methods) ? v.methods : [];
  if (methods.length === 0) {
    out.push(violation(422, 'methods_missing', '请注明采用的核查方式（听对象陈述、查原始资料、看实际现场、问经手经办、访左邻右舍）', 'methods'));
  }
  const unknown = methods.filter((m) => !policy.methods.includes(m));
  if (unknown.length > 0) {
    out.push(violation(422, 'unknown_method', `未知的核查方式：${unknown.join(', ')}；可选：${policy.methods.join(', ')}`, 'methods'));
  }
  if (!CONCLUSIONS.includes(v.conclusion)) {
    out.push(violation(422, 'conclusion_invalid', `核查结论应为 ${CONCLUSIONS.join(' / ')} 之一`, 'conclusion'));
  }
  if (typeof v.findings !== 'string' || v.findings.trim().length === 0) {
    out.push(violation(422, 'findings_missing', '请填写核查情况（见人见事、证据扎实、意见具体）', 'findings'));
  }
  if (v.conclusion === 'substantiated' || v.conclusion === 'partially_substantiated') {
    if (typeof v.amountConfirmed !== 'number' || !(v.amountConfirmed >= 0)) {
      out.push(violation(422, 'amount_confirmed_required', '查实或部分属实的线索须填写查实金额（元，≥0）', 'amountConfirmed'));
    }
    if (!v.violationType || !VIOLATION_TYPES.includes(v.violationType)) {
      out.push(
        violation(422, 'violation_type_required', `查实或部分属实的线索须填写问题类型：${VIOLATION_TYPES.join(' / ')}`, 'violationType'),
      );
    }
    const persons = Array.isArray(v.personsInvolved) ? v.personsInvolved : [];
    if (persons.length === 0) {
      out.push(violation(422, 'persons_involved_required', '查实或部分属实的线索须填写涉及人员及其类别', 'personsInvolved'));
    } else if (persons.some((p) => !p.name || !PERSON_CATEGORIES.includes(p.category))) {
      out.push(
        violation(422, 'person_category_invalid', `涉及人员须有姓名，类别为 ${PERSON_CATEGORIES.join(' / ')} 之一`, 'personsInvolved'),
      );
    }
  }
  return out;
}

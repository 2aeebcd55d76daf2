/**
 * What a verification (核查) and a re-check (复核抽查) must contain before they count. The plan holds
 * both to the same standard (二(二) 在问题线索核查和复核抽查过程中…): a team of at least one leader and
 * two members with no village or community cadre (至少安排一名组长和两名成员，不得抽调村、社区干部),
 * each of the five standards confirmed (逐条逐项、见人见事、证据扎实、分析精准、意见具体), and each of
 * the five methods used or its omission explained (听对象陈述、查原始资料、看实际现场、问经手经办、
 * 访左邻右舍). A verification that finds something names the amount, the kind of violation, who was
 * involved, and carries at least one piece of evidence.
 */
import { METHOD_LABELS, STANDARD_LABELS, labelOf } from './labels';
import {
  CONCLUSIONS,
  PERSON_CATEGORIES,
  VERIFICATION_STANDARDS,
  VIOLATION_TYPES,
  type Conclusion,
  type MemberKind,
  type PersonCategory,
  type VerificationMethod,
  type VerificationStandard,
  type ViolationType,
} from './vocabulary';
import { violation, type Violation } from './violation';
import { isBlank } from './input';

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

/** A method of the five not used, and why (e.g. the subject has died: no statement from them). */
export interface MethodOmission {
  method: VerificationMethod;
  reason: string;
}

/** How the work was done: the team, the standards met, the methods used and those left out. */
export interface WorkRecord {
  team: TeamMember[];
  /** Each of the five standards the team confirms its work met (二(二)); all five are required. */
  standards?: VerificationStandard[];
  methods: VerificationMethod[];
  methodsOmitted?: MethodOmission[];
}

export interface Verification extends WorkRecord {
  conclusion: Conclusion;
  findings: string;
  amountConfirmed?: number;
  violationType?: ViolationType;
  personsInvolved?: PersonInvolved[];
  evidence?: Evidence[];
  /** 突出问题 (三(二) 对发现的突出问题…及时上报): what makes it one; the task force and discipline are told that day. */
  seriousProblem?: string;
}

/** The campaign's `verificationTeam`, `verificationStandards` and `verificationMethods`, as the rules need them. */
export interface VerificationPolicy {
  minLeaders: number;
  minMembers: number;
  forbiddenMemberKinds: string[];
  methods: string[];
  /** Absent in clues started before the standards were checked: all five apply. */
  standards?: string[];
}

const KIND_NAMES: Record<string, string> = { village_cadre: '村干部', community_cadre: '社区干部' };

/** `听对象陈述（subject_statement）`: how a code is named in a message a person must act on. */
const named = (labels: Readonly<Record<string, string>>, codes: readonly string[]) => codes.map((c) => `${labelOf(labels, c)}（${c}）`).join('、');

/**
 * The team, the five standards and the five methods (二(二)), shared by verification and re-check.
 * `what` names the work in the messages (核查 / 复核).
 */
export function workViolations(w: WorkRecord, policy: VerificationPolicy, what: '核查' | '复核'): Violation[] {
  const out: Violation[] = [];
  const team = Array.isArray(w.team) ? w.team : [];
  const leaders = team.filter((m) => m.role === 'leader').length;
  const members = team.filter((m) => m.role === 'member').length;
  if (leaders < policy.minLeaders || members < policy.minMembers) {
    out.push(
      violation(
        422,
        'team_too_small',
        `${what}组至少应有${policy.minLeaders}名组长和${policy.minMembers}名成员，现有组长${leaders}名、成员${members}名`,
        'team',
      ),
    );
  }
  const forbidden = team.filter((m) => policy.forbiddenMemberKinds.includes(m.kind));
  if (forbidden.length > 0) {
    const who = forbidden.map((m) => `${m.name}（${KIND_NAMES[m.kind] ?? m.kind}）`).join('、');
    out.push(violation(422, 'team_has_village_or_community_cadre', `${what}组不得抽调村、社区干部参与核查：${who}`, 'team'));
  }

  const required = policy.standards ?? [...VERIFICATION_STANDARDS];
  const confirmed: unknown[] = Array.isArray(w.standards) ? w.standards : [];
  const unconfirmed = required.filter((s) => !confirmed.includes(s));
  if (unconfirmed.length > 0) {
    out.push(
      violation(
        422,
        'standards_not_confirmed',
        `${what}须逐条确认达到五条标准（二(二)），尚未确认：${named(STANDARD_LABELS, unconfirmed)}；请在 standards 中列出已达到的标准`,
        'standards',
      ),
    );
  }
  const unknownStandards = confirmed.filter((s) => !required.includes(s as string));
  if (unknownStandards.length > 0) {
    out.push(violation(422, 'unknown_standard', `未知的核查标准：${unknownStandards.join(', ')}；可选：${named(STANDARD_LABELS, required)}`, 'standards'));
  }

  const methods: string[] = Array.isArray(w.methods) ? w.methods : [];
  const omitted = Array.isArray(w.methodsOmitted) ? w.methodsOmitted : [];
  if (methods.length === 0) {
    out.push(violation(422, 'methods_missing', `请注明${what}采用的方式（${named(METHOD_LABELS, policy.methods)}）`, 'methods'));
  }
  const unknown = [...methods, ...omitted.map((o) => o?.method)].filter((m) => !policy.methods.includes(m));
  if (unknown.length > 0) {
    out.push(violation(422, 'unknown_method', `未知的核查方式：${unknown.join(', ')}；可选：${policy.methods.join(', ')}`, 'methods'));
  }
  const both = omitted.map((o) => o?.method).filter((m) => methods.includes(m));
  if (both.length > 0) {
    out.push(violation(422, 'method_used_and_omitted', `同一方式不能既写为已采用又写为未采用：${named(METHOD_LABELS, both)}`, 'methodsOmitted'));
  }
  const explained = (m: string) => omitted.some((o) => o?.method === m && typeof o.reason === 'string' && !isBlank(o.reason));
  const unexplained = policy.methods.filter((m) => !methods.includes(m) && !explained(m));
  if (methods.length > 0 && unexplained.length > 0) {
    out.push(
      violation(
        422,
        'method_omission_unexplained',
        `五种方式应全部采用，未采用的须说明理由（二(二)）：${named(METHOD_LABELS, unexplained)}；请采用，或在 methodsOmitted 中写明 { method, reason }`,
        'methodsOmitted',
      ),
    );
  }
  return out;
}

/** A substantiated or partly substantiated finding rests on at least one piece of evidence (证据扎实). */
export function evidenceViolations(evidence: Evidence[] | undefined, what: string): Violation[] {
  return Array.isArray(evidence) && evidence.length > 0
    ? []
    : [violation(422, 'evidence_required', `${what}须附至少一项证据（evidence：{ kind, ref }，如询问笔录、银行流水、现场照片）`, 'evidence')];
}

export const findsSomething = (conclusion: Conclusion | undefined): boolean => conclusion === 'substantiated' || conclusion === 'partially_substantiated';

export function verificationViolations(v: Verification, policy: VerificationPolicy): Violation[] {
  const out: Violation[] = workViolations(v, policy, '核查');
  if (!CONCLUSIONS.includes(v.conclusion)) {
    out.push(violation(422, 'conclusion_invalid', `核查结论应为 ${CONCLUSIONS.join(' / ')} 之一`, 'conclusion'));
  }
  if (typeof v.findings !== 'string' || isBlank(v.findings)) {
    out.push(violation(422, 'findings_missing', '请填写核查情况（见人见事、证据扎实、意见具体）', 'findings'));
  }
  if (v.seriousProblem !== undefined && (typeof v.seriousProblem !== 'string' || isBlank(v.seriousProblem))) {
    out.push(violation(422, 'serious_problem_blank', '标记为突出问题时，请写明问题所在（seriousProblem）；不是突出问题则不填该字段', 'seriousProblem'));
  }
  if (findsSomething(v.conclusion)) {
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
    out.push(...evidenceViolations(v.evidence, '查实或部分属实的线索'));
  }
  return out;
}

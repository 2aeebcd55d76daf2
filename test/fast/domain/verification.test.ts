/**
 * What a verification must hold before it counts (domain/verification, 二(二)): the team, the five
 * standards, the five methods (each used or its omission explained), the conclusion and findings,
 * and for a substantiated clue the amount, the kind of violation, who was involved (四(四)) and
 * evidence.
 */
import { policyOf } from '../../../domain/campaign';
import { verificationViolations, workViolations, type Verification } from '../../../domain/verification';
import type { Violation } from '../../../domain/violation';
import { VERIFICATION_METHODS, VERIFICATION_STANDARDS } from '../../../domain/vocabulary';
import { fullWork, goodTeam, plan, policy, substantiated, unsubstantiated } from '../support/clue';

const codes = (v: Verification) => verificationViolations(v, policy).map((x: Violation) => x.code);

describe('verificationViolations', () => {
  it('takes the plan’s policy as the campaign document states it', () => {
    expect(policy).toEqual({
      minLeaders: 1,
      minMembers: 2,
      forbiddenMemberKinds: ['village_cadre', 'community_cadre'],
      methods: ['subject_statement', 'original_records', 'site_visit', 'handler_inquiry', 'neighbour_visit'],
      standards: ['item_by_item', 'people_and_facts', 'solid_evidence', 'precise_analysis', 'specific_opinion'],
    });
    // The plan names its standards in Chinese; a campaign that names none is held to all five.
    expect(policyOf({ ...plan, verificationStandards: ['逐条逐项', '见人见事'] }).standards).toEqual(['item_by_item', 'people_and_facts']);
    expect(policyOf({ ...plan, verificationStandards: undefined }).standards).toEqual([...VERIFICATION_STANDARDS]);
  });

  it('accepts an unsubstantiated verification without amounts, and a substantiated one with them', () => {
    expect(verificationViolations(unsubstantiated, policy)).toEqual([]);
    expect(verificationViolations(substantiated, policy)).toEqual([]);
    expect(verificationViolations({ ...substantiated, conclusion: 'partially_substantiated', amountConfirmed: 0 }, policy)).toEqual([]);
  });

  it('needs at least one leader and two members (至少安排一名组长和两名成员)', () => {
    expect(verificationViolations({ ...unsubstantiated, team: goodTeam.slice(0, 2) }, policy)).toEqual([
      { status: 422, code: 'team_too_small', message: '核查组至少应有1名组长和2名成员，现有组长1名、成员1名', field: 'team' },
    ]);
    expect(codes({ ...unsubstantiated, team: goodTeam.slice(1) })).toEqual(['team_too_small']);
    expect(codes({ ...unsubstantiated, team: undefined as never })).toEqual(['team_too_small']);
  });

  it('names every village or community cadre on the team (不得抽调村、社区干部)', () => {
    const team = [...goodTeam, { name: '孙委员', role: 'member' as const, kind: 'community_cadre' as const }, { name: '周主任', role: 'member' as const, kind: 'village_cadre' as const }];
    expect(verificationViolations({ ...unsubstantiated, team }, policy)).toEqual([
      {
        status: 422,
        code: 'team_has_village_or_community_cadre',
        message: '核查组不得抽调村、社区干部参与核查：孙委员（社区干部）、周主任（村干部）',
        field: 'team',
      },
    ]);
  });

  it('needs the methods used, each one of the five (听、查、看、问、访)', () => {
    expect(codes({ ...unsubstantiated, methods: [] })).toEqual(['methods_missing']);
    expect(verificationViolations({ ...unsubstantiated, methods: [...VERIFICATION_METHODS, 'phone_call' as never] }, policy)).toEqual([
      {
        status: 422,
        code: 'unknown_method',
        message: `未知的核查方式：phone_call；可选：${policy.methods.join(', ')}`,
        field: 'methods',
      },
    ]);
  });

  it('needs every one of the five methods used, or its omission explained — naming the method left out (二(二))', () => {
    const without = VERIFICATION_METHODS.filter((m) => m !== 'neighbour_visit');
    expect(verificationViolations({ ...unsubstantiated, methods: [...without] }, policy)).toEqual([
      {
        status: 422,
        code: 'method_omission_unexplained',
        message: '五种方式应全部采用，未采用的须说明理由（二(二)）：访左邻右舍（neighbour_visit）；请采用，或在 methodsOmitted 中写明 { method, reason }',
        field: 'methodsOmitted',
      },
    ]);
    // A reason makes the omission good; a blank one does not.
    expect(codes({ ...unsubstantiated, methods: [...without], methodsOmitted: [{ method: 'neighbour_visit', reason: '独居户，周边无住户' }] })).toEqual([]);
    expect(codes({ ...unsubstantiated, methods: [...without], methodsOmitted: [{ method: 'neighbour_visit', reason: '  ' }] })).toEqual(['method_omission_unexplained']);
    expect(codes({ ...unsubstantiated, methodsOmitted: [{ method: 'site_visit', reason: '无需' }] })).toEqual(['method_used_and_omitted']);
    expect(codes({ ...unsubstantiated, methods: [...without], methodsOmitted: [{ method: 'mind_reading' as never, reason: '?' }] })).toEqual([
      'unknown_method',
      'method_omission_unexplained',
    ]);
  });

  it('needs each of the five standards confirmed, naming those that are not (逐条逐项、见人见事、证据扎实、分析精准、意见具体)', () => {
    // A payload from before standards were recorded is refused with what to add.
    const { standards: _none, ...old } = unsubstantiated;
    expect(verificationViolations(old, policy)).toEqual([
      {
        status: 422,
        code: 'standards_not_confirmed',
        message:
          '核查须逐条确认达到五条标准（二(二)），尚未确认：逐条逐项（item_by_item）、见人见事（people_and_facts）、证据扎实（solid_evidence）、分析精准（precise_analysis）、意见具体（specific_opinion）；请在 standards 中列出已达到的标准',
        field: 'standards',
      },
    ]);
    const short = verificationViolations({ ...unsubstantiated, standards: ['item_by_item', 'people_and_facts', 'precise_analysis', 'specific_opinion'] }, policy);
    expect(short.map((v) => [v.code, v.message.match(/尚未确认：(.*?)；/)?.[1]])).toEqual([['standards_not_confirmed', '证据扎实（solid_evidence）']]);
    expect(codes({ ...unsubstantiated, standards: [...VERIFICATION_STANDARDS, 'speedy' as never] })).toEqual(['unknown_standard']);
  });

  it('holds a re-check to the same standard, in its own words (二(二) 在问题线索核查和复核抽查过程中)', () => {
    expect(workViolations(fullWork, policy, '复核')).toEqual([]);
    expect(workViolations({ ...fullWork, team: goodTeam.slice(0, 2) }, policy, '复核')[0].message).toBe('复核组至少应有1名组长和2名成员，现有组长1名、成员1名');
  });

  it('needs a known conclusion and written findings (见人见事、证据扎实、意见具体)', () => {
    expect(codes({ ...unsubstantiated, conclusion: 'unclear' as never })).toEqual(['conclusion_invalid']);
    expect(codes({ ...unsubstantiated, findings: '   ' })).toEqual(['findings_missing']);
  });

  it('needs, for a substantiated clue, the amount, the kind of violation and the persons involved by category', () => {
    expect(codes({ ...substantiated, amountConfirmed: undefined, violationType: undefined, personsInvolved: undefined })).toEqual([
      'amount_confirmed_required',
      'violation_type_required',
      'persons_involved_required',
    ]);
    expect(codes({ ...substantiated, amountConfirmed: -1 })).toEqual(['amount_confirmed_required']);
    expect(codes({ ...substantiated, violationType: 'bribery' as never })).toEqual(['violation_type_required']);
    expect(codes({ ...substantiated, personsInvolved: [{ name: '李某某', category: 'neighbour' as never }] })).toEqual(['person_category_invalid']);
    expect(codes({ ...substantiated, personsInvolved: [{ name: '', category: 'beneficiary' }] })).toEqual(['person_category_invalid']);
  });

  it('needs at least one piece of evidence for a substantiated or partly substantiated clue (证据扎实)', () => {
    for (const conclusion of ['substantiated', 'partially_substantiated'] as const) {
      expect(verificationViolations({ ...substantiated, conclusion, evidence: [] }, policy)).toEqual([
        { status: 422, code: 'evidence_required', message: '查实或部分属实的线索须附至少一项证据（evidence：{ kind, ref }，如询问笔录、银行流水、现场照片）', field: 'evidence' },
      ]);
    }
    expect(codes({ ...unsubstantiated, evidence: undefined })).toEqual([]);
  });

  it('takes a 突出问题 only with what it is', () => {
    expect(codes({ ...substantiated, seriousProblem: '村干部优亲厚友，批量代领' })).toEqual([]);
    expect(codes({ ...substantiated, seriousProblem: ' ' })).toEqual(['serious_problem_blank']);
  });
});

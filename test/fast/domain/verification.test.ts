/**
 * What a verification must hold before it counts (domain/verification, 二(二)): the team, the
 * methods, the conclusion and findings, and for a substantiated clue the amount, the kind of
 * violation and who was involved (四(四)).
 */
import { verificationViolations, type Verification } from '../../../domain/verification';
import type { Violation } from '../../../domain/violation';
import { goodTeam, policy, substantiated, unsubstantiated } from '../support/clue';

const codes = (v: Verification) => verificationViolations(v, policy).map((x: Violation) => x.code);

describe('verificationViolations', () => {
  it('takes the plan’s policy as the campaign document states it', () => {
    expect(policy).toEqual({
      minLeaders: 1,
      minMembers: 2,
      forbiddenMemberKinds: ['village_cadre', 'community_cadre'],
      methods: ['subject_statement', 'original_records', 'site_visit', 'handler_inquiry', 'neighbour_visit'],
    });
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
    expect(verificationViolations({ ...unsubstantiated, methods: ['site_visit', 'phone_call' as never] }, policy)).toEqual([
      {
        status: 422,
        code: 'unknown_method',
        message: `未知的核查方式：phone_call；可选：${policy.methods.join(', ')}`,
        field: 'methods',
      },
    ]);
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
});

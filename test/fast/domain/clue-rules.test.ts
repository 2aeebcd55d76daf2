/**
 * The rules a clue action must satisfy (domain/clue-rules, domain/requirements): each refusal with
 * its code, status and message, and the action that breaks nothing.
 */
import {
  acceptRectificationViolations,
  classificationViolations,
  dispatchViolations,
  recheckViolations,
  recordVerificationViolations,
  rectificationSignoffViolations,
  rectificationViolations,
  referralOutcomeViolations,
  requireOpenDisposition,
  requireUnitMember,
  ruleBuildingViolations,
  signoffViolations,
  transferUpViolations,
  type ClueFacts,
  type ClueSetting,
} from '../../../domain/clue-rules';
import { requireAmount, requireStorable, requireRole, requireStage, requireText } from '../../../domain/requirements';
import type { Disposition, Stage } from '../../../domain/vocabulary';
import type { Violation } from '../../../domain/violation';
import {
  civil,
  civilLeader,
  civilOfficer,
  coordinator,
  discipline,
  education,
  leader,
  officer,
  otherLeader,
  otherOfficer,
  policy,
  recheckConfirmed,
  recheckOverturned,
  rechecker,
  sameUnitRechecker,
  substantiated,
  unitCodes,
  unsubstantiated,
} from '../support/clue';

const setting: ClueSetting = { unitCodes, departmentCode: 'civil', policy };
const clue = (stage: Stage, fields: Partial<ClueFacts> = {}): ClueFacts => ({ stage, unitCode: 'hsg-jd', dispositions: [], completed: [], ...fields });
const disposing = (dispositions: Disposition[], fields: Partial<ClueFacts> = {}) => clue('disposing', { verifyingUnitCode: 'hsg-jd', dispositions, ...fields });
const codes = (violations: Violation[]) => violations.map((v) => v.code);

describe('the shapes of a rule', () => {
  it('requireRole names the roles allowed and the one acting', () => {
    expect(requireRole(coordinator, ['coordinator'], '分派线索')).toEqual([]);
    expect(requireRole(officer, ['coordinator', 'unit_leader'], '上报上级纪委监委')).toEqual([
      { status: 403, code: 'role_not_allowed', message: '上报上级纪委监委只能由 coordinator / unit_leader 办理，当前身份为 unit_officer' },
    ]);
  });

  it('requireStage names the stage the clue is in and the ones the action needs', () => {
    expect(requireStage('verifying', ['received', 'verifying'], '分派')).toEqual([]);
    expect(requireStage('closed', ['received', 'verifying'], '分派')).toEqual([
      { status: 409, code: 'wrong_stage', message: '线索当前处于 closed 阶段，不能分派（需处于 received / verifying）' },
    ]);
  });

  it('requireText refuses a missing, blank or non-text value, naming the field', () => {
    const missing = { status: 422, code: 'reason_required', message: '请填写分类理由', field: 'reason' };
    expect(requireText('属共性问题', 'reason', '分类理由')).toEqual([]);
    for (const value of [undefined, '', '  \n', 42]) expect(requireText(value, 'reason', '分类理由')).toEqual([missing]);
  });

  it('requireAmount takes nothing or a sum ≥ 0 the ledger can hold', () => {
    for (const value of [undefined, 0, 1200.5, 99_999_999_999_999.99]) expect(requireAmount(value, 'amountRecovered', '追回金额')).toEqual([]);
    const refused = (value: number) => requireAmount(value, 'amountRecovered', '追回金额').map((v) => [v.code, v.message, v.field]);
    expect(refused(-0.01)).toEqual([['amount_invalid', '追回金额应 ≥ 0', 'amountRecovered']]);
    expect(refused(Number.NaN)).toEqual([['amount_invalid', '追回金额应为数字（元）', 'amountRecovered']]);
    expect(refused(1e15)[0][1]).toMatch(/^追回金额过大/);
    expect(refused(0.001)).toEqual([['amount_invalid', '追回金额最多保留两位小数', 'amountRecovered']]);
  });

  it('requireStorable refuses what the ledger cannot store, naming where it is', () => {
    expect(requireStorable({ reason: '属地调整', team: [{ name: '王某' }], amount: 12.5 })).toEqual([]);
    expect(requireStorable({ reason: 'a\u0000b', team: [{ name: 'x'.repeat(20_001) }], amount: 1e20 }).map((v) => [v.code, v.field])).toEqual([
      ['unstorable_value', 'reason'],
      ['unstorable_value', 'team[0].name'],
      ['unstorable_value', 'amount'],
    ]);
  });

  it('requireUnitMember lets only the verifying unit act, and says whose clue it is', () => {
    expect(requireUnitMember({ unitCode: 'hsg-jd' }, officer)).toEqual([]);
    expect(requireUnitMember({ unitCode: 'hsg-jd' }, otherOfficer)).toEqual([
      { status: 403, code: 'not_your_unit', message: '该线索由 hsg-jd 核查，syg-jd 无权办理' },
    ]);
    expect(requireUnitMember({}, officer)[0].message).toBe('该线索由 （未分派） 核查，hsg-jd 无权办理');
    expect(requireUnitMember({ unitCode: 'hsg-jd' }, coordinator)[0].message).toBe('该线索由 hsg-jd 核查，无单位 无权办理');
    expect(codes(requireUnitMember({}, { ...officer, unitCode: undefined }))).toEqual(['not_your_unit']);
  });

  it('requireOpenDisposition: chosen at classification and not yet done', () => {
    expect(requireOpenDisposition({ dispositions: ['rectification'], completed: [] }, 'rectification', '整改纠正')).toEqual([]);
    expect(requireOpenDisposition({ dispositions: ['referral'], completed: [] }, 'rectification', '整改纠正')).toEqual([
      { status: 409, code: 'disposition_not_chosen', message: '该线索的处置方式不含“整改纠正”' },
    ]);
    expect(requireOpenDisposition({ dispositions: ['rectification'], completed: ['rectification'] }, 'rectification', '整改纠正')).toEqual([
      { status: 409, code: 'disposition_complete', message: '“整改纠正”已办结' },
    ]);
  });
});

describe('dispatch (分派 / 改派)', () => {
  it('lets the task force hand a waiting clue to a unit, or move it to another', () => {
    expect(dispatchViolations(clue('received', { unitCode: undefined }), setting, { actor: coordinator, unitCode: 'hsg-jd' })).toEqual([]);
    expect(dispatchViolations(clue('verifying'), setting, { actor: coordinator, unitCode: 'syg-jd', reason: '属地调整' })).toEqual([]);
  });

  it('hands a clue to a department as its verifying body (三(三) 开展区专班交办问题线索的入户核查及整改), never to a report recipient', () => {
    expect(unitCodes).toEqual(expect.arrayContaining(['hsg-jd', 'civil', 'edu']));
    expect(unitCodes).not.toEqual(expect.arrayContaining(['discipline']));
    expect(unitCodes).not.toContain('data');
    expect(dispatchViolations(clue('received', { unitCode: undefined }), setting, { actor: coordinator, unitCode: 'civil' })).toEqual([]);
    expect(codes(dispatchViolations(clue('received', { unitCode: undefined }), setting, { actor: coordinator, unitCode: 'discipline' }))).toEqual(['unknown_unit']);
    // The department's own officer verifies it, and its leader signs it off.
    const handed = clue('verifying', { unitCode: 'civil' });
    expect(recordVerificationViolations(handed, setting, { actor: civilOfficer, ...substantiated })).toEqual([]);
    expect(signoffViolations({ ...handed, stage: 'awaiting_signoff' }, { actor: civilLeader, approve: true })).toEqual([]);
    expect(codes(recordVerificationViolations(handed, setting, { actor: officer, ...substantiated }))).toEqual(['not_your_unit']);
  });

  it('refuses anyone else, a unit the campaign does not have, the present unit, and a clue past verification', () => {
    expect(codes(dispatchViolations(clue('received', { unitCode: undefined }), setting, { actor: officer, unitCode: 'hsg-jd' }))).toEqual(['role_not_allowed']);
    const unknown = dispatchViolations(clue('received', { unitCode: undefined }), setting, { actor: coordinator, unitCode: 'mars' });
    expect(unknown).toEqual([
      { status: 422, code: 'unknown_unit', message: `未知的核查主体 mars；可选：${unitCodes.join(', ')}`, field: 'unitCode' },
    ]);
    expect(dispatchViolations(clue('verifying'), setting, { actor: coordinator, unitCode: 'hsg-jd' })).toEqual([
      { status: 409, code: 'already_assigned', message: '线索已由 hsg-jd 核查', field: 'unitCode' },
    ]);
    expect(codes(dispatchViolations(clue('awaiting_signoff'), setting, { actor: coordinator, unitCode: 'syg-jd' }))).toEqual(['wrong_stage']);
  });

  it('lists every broken rule at once, role first', () => {
    expect(codes(dispatchViolations(clue('closed'), setting, { actor: officer, unitCode: 'hsg-jd' }))).toEqual([
      'role_not_allowed',
      'wrong_stage',
      'already_assigned',
    ]);
  });
});

describe('transfer up (上报上级纪委监委)', () => {
  const reason = '涉事人员由市管，超出区管权限';
  it('lets the task force, or the verifying unit’s leader, transfer a clue not yet verified', () => {
    for (const stage of ['received', 'verifying', 'awaiting_signoff'] as const) {
      expect(transferUpViolations(clue(stage), { actor: coordinator, reason })).toEqual([]);
      expect(transferUpViolations(clue(stage), { actor: leader, reason })).toEqual([]);
    }
  });

  it('refuses an officer, another unit’s leader, a verified clue and a transfer without its reason', () => {
    expect(codes(transferUpViolations(clue('verifying'), { actor: officer, reason }))).toEqual(['role_not_allowed']);
    expect(codes(transferUpViolations(clue('verifying'), { actor: otherLeader, reason }))).toEqual(['not_your_unit']);
    expect(codes(transferUpViolations(clue('classifying'), { actor: coordinator, reason }))).toEqual(['wrong_stage']);
    expect(transferUpViolations(clue('verifying'), { actor: leader, reason: ' ' })).toEqual([
      { status: 422, code: 'reason_required', message: '请填写上报理由（干部管理权限在本地区以外的情况）', field: 'reason' },
    ]);
  });
});

describe('record verification (核查)', () => {
  it('takes a complete verification from an officer of the verifying unit', () => {
    expect(recordVerificationViolations(clue('verifying'), setting, { actor: officer, ...unsubstantiated })).toEqual([]);
    expect(recordVerificationViolations(clue('verifying'), setting, { actor: officer, ...substantiated })).toEqual([]);
  });

  it('refuses another role, another unit, a clue not in verification, and a verification below the standard', () => {
    expect(codes(recordVerificationViolations(clue('verifying'), setting, { actor: leader, ...unsubstantiated }))).toEqual(['role_not_allowed']);
    expect(codes(recordVerificationViolations(clue('verifying'), setting, { actor: otherOfficer, ...unsubstantiated }))).toEqual(['not_your_unit']);
    expect(codes(recordVerificationViolations(clue('received', { unitCode: undefined }), setting, { actor: officer, ...unsubstantiated }))).toEqual([
      'not_your_unit',
      'wrong_stage',
    ]);
    expect(codes(recordVerificationViolations(clue('verifying'), setting, { actor: officer, ...unsubstantiated, methods: [] }))).toEqual(['methods_missing']);
  });
});

describe('sign-off (主要领导审核把关)', () => {
  it('lets the verifying unit’s leader approve, or send back with a comment', () => {
    expect(signoffViolations(clue('awaiting_signoff'), { actor: leader, approve: true })).toEqual([]);
    expect(signoffViolations(clue('awaiting_signoff'), { actor: leader, approve: false, comment: '证据不足，补充银行流水' })).toEqual([]);
  });

  it('refuses an officer, another unit’s leader, a clue not awaiting sign-off, and a send-back without comment', () => {
    expect(codes(signoffViolations(clue('awaiting_signoff'), { actor: officer, approve: true }))).toEqual(['role_not_allowed']);
    expect(codes(signoffViolations(clue('awaiting_signoff'), { actor: otherLeader, approve: true }))).toEqual(['not_your_unit']);
    expect(codes(signoffViolations(clue('verifying'), { actor: leader, approve: true }))).toEqual(['wrong_stage']);
    expect(signoffViolations(clue('awaiting_signoff'), { actor: leader, approve: false })).toEqual([
      { status: 422, code: 'comment_required', message: '请填写退回意见', field: 'comment' },
    ]);
  });
});

describe('re-check (抽查复核)', () => {
  const drawn = clue('rechecking', { verifyingUnitCode: 'hsg-jd' });
  it('takes a confirmation, or an overturn with a new conclusion, amount and evidence, from the district re-check group', () => {
    expect(recheckViolations(drawn, setting, { actor: rechecker, ...recheckConfirmed })).toEqual([]);
    expect(recheckViolations(drawn, setting, { actor: rechecker, ...recheckOverturned, conclusion: 'partially_substantiated', amountConfirmed: 0 })).toEqual([]);
  });

  it('refuses a re-checker, or a member of the re-check team, from the verifying unit', () => {
    expect(recheckViolations(drawn, setting, { actor: sameUnitRechecker, ...recheckConfirmed })).toEqual([
      { status: 403, code: 'rechecker_from_verifying_unit', message: '复核人员不得来自原核查单位 hsg-jd' },
    ]);
    const team = [...recheckConfirmed.team, { name: '本街干部', role: 'member' as const, kind: 'cadre' as const, unitCode: 'hsg-jd' }];
    expect(recheckViolations(drawn, setting, { actor: rechecker, ...recheckConfirmed, team })).toEqual([
      { status: 422, code: 'rechecker_from_verifying_unit', message: '复核组成员不得来自原核查单位 hsg-jd：本街干部', field: 'team' },
    ]);
  });

  it('holds the re-check to the five standards and methods like a verification (二(二))', () => {
    const { standards: _s, ...noStandards } = recheckConfirmed;
    expect(codes(recheckViolations(drawn, setting, { actor: rechecker, ...noStandards }))).toEqual(['standards_not_confirmed']);
    expect(recheckViolations(drawn, setting, { actor: rechecker, ...recheckConfirmed, methods: ['original_records'] })[0].message).toMatch(
      /^五种方式应全部采用，未采用的须说明理由（二\(二\)）：听对象陈述（subject_statement）、看实际现场（site_visit）、问经手经办（handler_inquiry）、访左邻右舍（neighbour_visit）/,
    );
    expect(codes(recheckViolations(drawn, setting, { actor: rechecker, ...recheckConfirmed, team: recheckConfirmed.team.slice(0, 1) }))).toEqual(['team_too_small']);
  });

  it('refuses another role, a clue not drawn, a result that is neither, missing findings, 查否 again, no evidence for an overturn, and a negative amount', () => {
    expect(codes(recheckViolations(drawn, setting, { actor: coordinator, ...recheckConfirmed }))).toEqual(['role_not_allowed']);
    expect(codes(recheckViolations(clue('awaiting_sampling'), setting, { actor: rechecker, ...recheckConfirmed }))).toEqual(['wrong_stage']);
    expect(recheckViolations(drawn, setting, { actor: rechecker, ...recheckConfirmed, result: 'maybe' as never })).toEqual([
      { status: 422, code: 'result_invalid', message: '复核结果应为 confirmed（维持）或 overturned（推翻）', field: 'result' },
    ]);
    expect(codes(recheckViolations(drawn, setting, { actor: rechecker, ...recheckConfirmed, findings: '' }))).toEqual(['findings_required']);
    expect(recheckViolations(drawn, setting, { actor: rechecker, ...recheckOverturned, conclusion: 'unsubstantiated' })).toEqual([
      { status: 422, code: 'conclusion_invalid', message: '推翻查否结论时，新结论应为 substantiated 或 partially_substantiated', field: 'conclusion' },
    ]);
    expect(codes(recheckViolations(drawn, setting, { actor: rechecker, ...recheckOverturned, evidence: undefined }))).toEqual(['evidence_required']);
    expect(recheckViolations(drawn, setting, { actor: rechecker, ...recheckOverturned, amountConfirmed: -1 })).toEqual([
      { status: 422, code: 'amount_invalid', message: '查实金额应 ≥ 0', field: 'amountConfirmed' },
    ]);
  });
});

describe('classification (分类处置)', () => {
  it('takes one or more distinct dispositions with a reason from the task force', () => {
    expect(classificationViolations(clue('classifying'), { actor: coordinator, dispositions: ['referral'], reason: '涉嫌违纪' })).toEqual([]);
    expect(
      classificationViolations(clue('classifying'), { actor: coordinator, dispositions: ['referral', 'rectification', 'rule_building'], reason: '三者兼有' }),
    ).toEqual([]);
  });

  it('refuses none, an unknown one, a repeated one, no list at all, a missing reason, another role and another stage', () => {
    const invalid = {
      status: 422,
      code: 'dispositions_invalid',
      message: '请选择一种或多种不重复的处置方式：referral / rectification / rule_building',
      field: 'dispositions',
    };
    for (const dispositions of [[], ['warning'], ['referral', 'referral'], undefined]) {
      expect(classificationViolations(clue('classifying'), { actor: coordinator, dispositions: dispositions as never, reason: '理由' })).toEqual([invalid]);
    }
    expect(codes(classificationViolations(clue('classifying'), { actor: coordinator, dispositions: ['referral'], reason: '' }))).toEqual(['reason_required']);
    expect(codes(classificationViolations(clue('classifying'), { actor: discipline, dispositions: ['referral'], reason: '理由' }))).toEqual(['role_not_allowed']);
    expect(codes(classificationViolations(clue('disposing'), { actor: coordinator, dispositions: ['referral'], reason: '理由' }))).toEqual(['wrong_stage']);
  });
});

describe('rectification (整改纠正) and its acceptance', () => {
  const report = { measures: '追回资金并停发', amountRecovered: 800, completed: true };
  it('takes the verifying unit’s report while rectification is open', () => {
    expect(rectificationViolations(disposing(['rectification']), { actor: officer, ...report })).toEqual([]);
    expect(rectificationViolations(disposing(['rectification']), { actor: officer, measures: '正在追缴', completed: false })).toEqual([]);
  });

  it('refuses another unit, a disposition not chosen or done, missing measures, no completed flag and a negative amount', () => {
    expect(codes(rectificationViolations(disposing(['rectification']), { actor: otherOfficer, ...report }))).toEqual(['not_your_unit']);
    expect(codes(rectificationViolations(disposing(['referral']), { actor: officer, ...report }))).toEqual(['disposition_not_chosen']);
    expect(codes(rectificationViolations(disposing(['rectification'], { completed: ['rectification'] }), { actor: officer, ...report }))).toEqual([
      'disposition_complete',
    ]);
    expect(codes(rectificationViolations(disposing(['rectification']), { actor: officer, ...report, measures: '' }))).toEqual(['measures_required']);
    expect(rectificationViolations(disposing(['rectification']), { actor: officer, measures: '追缴', completed: undefined as never })).toEqual([
      { status: 422, code: 'completed_required', message: '请注明整改是否完成（completed）', field: 'completed' },
    ]);
    expect(rectificationViolations(disposing(['rectification']), { actor: officer, ...report, amountRecovered: -5 })).toEqual([
      { status: 422, code: 'amount_invalid', message: '追回金额应 ≥ 0', field: 'amountRecovered' },
    ]);
    expect(codes(rectificationViolations(clue('classifying'), { actor: coordinator, ...report }))).toEqual([
      'role_not_allowed',
      'not_your_unit',
      'wrong_stage',
      'disposition_not_chosen',
    ]);
  });

  it('lets the verifying body’s leader sign the report off once, or send it back with a comment (四(四))', () => {
    const reported = disposing(['rectification'], { rectification: { completed: true } });
    expect(rectificationSignoffViolations(reported, { actor: leader, approve: true })).toEqual([]);
    expect(rectificationSignoffViolations(reported, { actor: leader, approve: false, comment: '追回凭证不全' })).toEqual([]);
    expect(codes(rectificationSignoffViolations(reported, { actor: leader, approve: false }))).toEqual(['comment_required']);
    expect(codes(rectificationSignoffViolations(reported, { actor: officer, approve: true }))).toEqual(['role_not_allowed']);
    expect(codes(rectificationSignoffViolations(reported, { actor: otherLeader, approve: true }))).toEqual(['not_your_unit']);
    expect(codes(rectificationSignoffViolations(disposing(['rectification']), { actor: leader, approve: true }))).toEqual(['rectification_not_reported']);
    const reviewed = disposing(['rectification'], { rectification: { completed: true, signoff: { approve: true } } });
    expect(codes(rectificationSignoffViolations(reviewed, { actor: leader, approve: true }))).toEqual(['rectification_already_reviewed']);
  });

  it('lets the task force accept only a rectification reported complete and signed off by the leader', () => {
    expect(acceptRectificationViolations(disposing(['rectification'], { rectification: { completed: true, signoff: { approve: true } } }), { actor: coordinator })).toEqual([]);
    for (const rectification of [undefined, { completed: false }, { completed: false, signoff: { approve: true } }]) {
      expect(acceptRectificationViolations(disposing(['rectification'], { rectification }), { actor: coordinator })).toEqual([
        { status: 409, code: 'rectification_not_reported', message: '单位尚未报告整改完成，不能验收' },
      ]);
    }
    for (const signoff of [undefined, { approve: false }]) {
      expect(acceptRectificationViolations(disposing(['rectification'], { rectification: { completed: true, signoff } }), { actor: coordinator })).toEqual([
        { status: 409, code: 'rectification_not_signed_off', message: '整改情况尚未经单位主要领导审核同意，不能验收' },
      ]);
    }
    expect(codes(acceptRectificationViolations(disposing(['rectification'], { rectification: { completed: true, signoff: { approve: true } } }), { actor: officer }))).toEqual([
      'role_not_allowed',
    ]);
  });
});

describe('referral outcome (移交纪检监察机关)', () => {
  it('takes what discipline decided', () => {
    expect(referralOutcomeViolations(disposing(['referral']), { actor: discipline, caseNo: '黄纪2024-01', outcome: '党内警告', personsHandled: 1 })).toEqual([]);
    expect(referralOutcomeViolations(disposing(['referral']), { actor: discipline, outcome: '立案审查', personsHandled: 0 })).toEqual([]);
  });

  it('refuses another role, a referral not chosen, a missing outcome and a count that is not a whole number ≥ 0', () => {
    expect(codes(referralOutcomeViolations(disposing(['referral']), { actor: coordinator, outcome: '立案' }))).toEqual(['role_not_allowed']);
    expect(codes(referralOutcomeViolations(disposing(['rule_building']), { actor: discipline, outcome: '立案' }))).toEqual(['disposition_not_chosen']);
    expect(codes(referralOutcomeViolations(disposing(['referral']), { actor: discipline, outcome: '' }))).toEqual(['outcome_required']);
    for (const personsHandled of [-1, 1.5]) {
      expect(referralOutcomeViolations(disposing(['referral']), { actor: discipline, outcome: '立案', personsHandled })).toEqual([
        { status: 422, code: 'persons_handled_invalid', message: '处理人数应为不小于0的整数', field: 'personsHandled' },
      ]);
    }
  });
});

describe('rule-building (建章立制)', () => {
  const rule = { title: '临时救助对象死亡信息比对制度', summary: '每月与殡葬数据比对' };
  it('takes the rule from the project’s responsible department', () => {
    expect(ruleBuildingViolations(disposing(['rule_building']), setting, { actor: civil, ...rule })).toEqual([]);
  });

  it('refuses any other department, another role, missing title or summary, and a rule already recorded', () => {
    expect(ruleBuildingViolations(disposing(['rule_building']), setting, { actor: education, ...rule })).toEqual([
      { status: 403, code: 'not_responsible_department', message: '该项目的责任部门为 civil，edu 无权录入' },
    ]);
    expect(codes(ruleBuildingViolations(disposing(['rule_building']), setting, { actor: coordinator, ...rule }))).toEqual([
      'role_not_allowed',
      'not_responsible_department',
    ]);
    expect(codes(ruleBuildingViolations(disposing(['rule_building']), setting, { actor: civil, title: '', summary: ' ' }))).toEqual([
      'title_required',
      'summary_required',
    ]);
    expect(codes(ruleBuildingViolations(disposing(['rule_building'], { completed: ['rule_building'] }), setting, { actor: civil, ...rule }))).toEqual([
      'disposition_complete',
    ]);
  });
});

/**
 * The work plan's clauses on who verifies, who signs, who is chased and what reaches discipline
 * (issue 12), through the HTTP API on a real dev server and PostgreSQL — each as the person it
 * concerns sees it: the stage, the reply, the report, the mail in the outbox.
 */
import { addDays, localDate } from '../../domain/time';
import { overduePlan, shiftedPlan } from '../../db/seed/demo';
import { clue, recheckWork, substantiatedVerification, unsubstantiatedVerification } from '../support/fixtures';
import { ADMIN, startStack, type Stack } from '../support/stack';
import { waitFor } from '../support/wait';

jest.setTimeout(240_000);

const TZ = 'Asia/Shanghai';
const today = localDate(Date.now(), TZ);
const MAIL = {
  hsgOfficer: 'hsg-officer@hsg.example',
  hsgLeader: 'hsg-leader@hsg.example',
  civilOfficer: 'civil-officer@hsg.example',
  taskForce: 'zhuanban@hsg.example',
  discipline: 'jiwei@hsg.example',
  recheckGroup: 'fuhe@hsg.example',
};

/** The plan with contacts for the streets' and 区民政局's people, the task force, the re-check group and discipline. */
function withContacts(plan: Record<string, any>, id: string): Record<string, any> {
  return {
    ...plan,
    id,
    units: plan.units.map((u: { code: string }) =>
      u.code === 'hsg-jd'
        ? { ...u, contacts: [{ name: '黄石港街道核查组', role: 'officer', email: MAIL.hsgOfficer }, { name: '黄石港街道书记', role: 'leader', email: MAIL.hsgLeader }] }
        : u,
    ),
    departments: plan.departments.map((d: { code: string }) => (d.code === 'civil' ? { ...d, contacts: [{ name: '民政局经办人', role: 'officer', email: MAIL.civilOfficer }] } : d)),
    contacts: {
      taskForce: [{ name: '区专班', email: MAIL.taskForce }],
      discipline: [{ name: '区纪委监委', email: MAIL.discipline }],
      recheckGroup: [{ name: '区复核抽查组', email: MAIL.recheckGroup }],
    },
  };
}

interface Mail {
  kind: string;
  unitCode: string | null;
  recipients: Array<{ email: string }>;
  subject: string;
  text: string;
}

describe('the work plan, clause by clause', () => {
  let s: Stack;
  const admin = { Authorization: `Bearer ${ADMIN}` };
  const as: Record<string, { Authorization: string }> = {};
  const id = 'pc';

  const token = async (name: string, role: string, unitCode?: string) => {
    const res = await s.http.post('/api/v1/tokens').set(admin).send({ role, unitCode, name }).expect(201);
    as[name] = { Authorization: `Bearer ${res.body.token}` };
  };
  const act = (who: string, clueNo: string, action: string, body: object, campaignId = id) =>
    s.http.post(`/api/v1/clues/${clueNo}/${action}?campaignId=${campaignId}`).set(who === 'admin' ? admin : as[who]).send(body);
  const importClues = (clues: object[], campaignId = id) => s.http.post(`/api/v1/campaigns/${campaignId}/clues`).set(admin).send({ clues }).expect(200);
  const stageOf = async (clueNo: string, campaignId = id) => (await s.http.get(`/api/v1/clues/${clueNo}?campaignId=${campaignId}`).set(admin).expect(200)).body.stage;
  const outbox = async (query: string): Promise<Mail[]> => (await s.http.get(`/api/v1/outbox?pageSize=500&${query}`).set(admin).expect(200)).body.items;
  const to = (m: Mail) => m.recipients.map((r) => r.email).sort();
  const eventually = (check: () => Promise<boolean>, label: string) => waitFor(check, label, 300);

  beforeAll(async () => {
    s = await startStack('postgres');
    await s.http.post('/api/v1/campaigns').set(admin).send(withContacts(shiftedPlan(today), id)).expect(201);
    await token('黄石港核查员', 'unit_officer', 'hsg-jd');
    await token('黄石港书记', 'unit_leader', 'hsg-jd');
    await token('民政局核查员', 'unit_officer', 'civil');
    await token('民政局局长', 'unit_leader', 'civil');
    await token('区民政局', 'department', 'civil');
    await token('复核员', 'rechecker');
    await token('区纪委监委', 'discipline');
    await token('巡查组', 'inspector');
  });
  afterAll(() => s?.close());

  it('keeps the re-check group district-level: a rechecker token bound to a unit is refused (三(二) 区级成立复核抽查组)', async () => {
    const res = await s.http.post('/api/v1/tokens').set(admin).send({ role: 'rechecker', unitCode: 'syg-jd', name: '街道复核员' }).expect(422);
    expect(res.body.details).toEqual([{ field: 'unitCode', message: expect.stringContaining('区级成立复核抽查组') }]);
  });

  it('hands clues to a department: import by 核查主体, dispatch; its officer verifies, its leader signs the clue and the report (二(一), 三(三), 四(四))', async () => {
    const csv = [
      '线索编号,项目序号,核查主体,姓名,身份证号,线索类型,问题描述,涉及金额',
      `DEP-1,4,civil,李某,${clue('DEP-1').subjectIdNo},死亡人员领取临时救助,对象已死亡仍领取,1200`,
      `DEP-2,4,discipline,王某,${clue('DEP-2').subjectIdNo},死亡人员领取临时救助,对象已死亡仍领取,300`,
    ].join('\n');
    const upload = await s.http.post(`/api/v1/campaigns/${id}/clues`).set(admin).attach('file', Buffer.from(csv), '线索.csv').expect(200);
    expect(upload.body.accepted).toBe(1);
    expect(upload.body.rejected).toEqual([{ row: 3, clueNo: 'DEP-2', errors: [expect.stringContaining('未知的核查主体 discipline')] }]);
    // 区教育局's project, handed to 区民政局 by the task force.
    await importClues([clue('DEP-3', { projectNo: 1, unitCode: undefined })]);
    expect((await act('admin', 'DEP-3', 'dispatch', { unitCode: 'civil', reason: '区专班交办入户核查' }).expect(200)).body).toMatchObject({ stage: 'verifying', unitCode: 'civil' });

    // A street's officer never sees the department's clue; the department's own officer verifies it.
    await act('黄石港核查员', 'DEP-1', 'verification', substantiatedVerification).expect(404);
    expect((await act('民政局核查员', 'DEP-1', 'verification', substantiatedVerification).expect(200)).body.stage).toBe('awaiting_signoff');
    // The responsible-department token reads its projects' clues but signs nothing: the department's leader does.
    expect((await act('区民政局', 'DEP-1', 'signoff', { approve: true }).expect(403)).body.error).toBe('role_not_allowed');
    expect((await act('民政局局长', 'DEP-1', 'signoff', { approve: true }).expect(200)).body.stage).toBe('classifying');
    await act('民政局核查员', 'DEP-3', 'verification', unsubstantiatedVerification).expect(200);
    await act('民政局局长', 'DEP-3', 'signoff', { approve: true }).expect(200);

    // The task force's figures count the department among those who verify.
    const stats = (await s.http.get(`/api/v1/campaigns/${id}/stats`).set(admin).expect(200)).body;
    expect(stats.byUnit.find((u: { unitCode: string }) => u.unitCode === 'civil')).toMatchObject({ type: 'department', total: 2, verified: 2 });

    const report = (await s.http.get(`/api/v1/campaigns/${id}/reports/civil`).set(as['民政局局长']).expect(200)).body;
    expect(report.unit).toMatchObject({ code: 'civil', type: 'department' });
    // Its projects (4–8) and the clue of project 1 it verified, each once.
    expect(report.figures.byProject.map((p: { projectNo: number }) => p.projectNo)).toEqual([1, 4, 5, 6, 7, 8]);
    expect(report.figures.byProject.find((p: { projectNo: number }) => p.projectNo === 1)).toMatchObject({ received: 1, verified: 1 });
    expect(report.figures).toMatchObject({ verified: 2, substantiated: 1, amountConfirmed: 500 });

    expect((await s.http.post(`/api/v1/campaigns/${id}/reports/civil/signoff`).set(as['区民政局']).send({}).expect(403)).body.error).toBe('not_unit_leader');
    const signed = await s.http.post(`/api/v1/campaigns/${id}/reports/civil/signoff`).set(as['民政局局长']).send({ comment: '同意报送' }).expect(201);
    expect(signed.body.signedBy).toEqual({ name: '民政局局长', role: 'unit_leader', unitCode: 'civil' });
    // 分别报区纪委监委和区政数局: the signed report reaches discipline and the task force (区政数局).
    const sent = await outbox(`campaignId=${id}&kind=report`);
    expect(sent.map((m) => [m.unitCode, to(m)])).toEqual([['civil', [MAIL.discipline, MAIL.taskForce].sort()]]);
    expect(sent[0].subject).toContain('专题报告报送：区民政局');
    // The recipients write no report of their own.
    const none = await s.http.get(`/api/v1/campaigns/${id}/reports/discipline`).set(admin).expect(404);
    expect(none.body).toMatchObject({ error: 'no_report', message: expect.stringContaining('报送对象') });
  });

  it('refuses a verification that leaves out a method without a reason, or confirms no standards, naming what is missing (二(二))', async () => {
    await importClues([clue('V-1')]);
    const without = { ...unsubstantiatedVerification, methods: ['subject_statement', 'original_records', 'site_visit', 'handler_inquiry'] };
    const refused = await act('黄石港核查员', 'V-1', 'verification', without).expect(422);
    expect(refused.body).toMatchObject({ error: 'method_omission_unexplained', message: expect.stringContaining('访左邻右舍（neighbour_visit）') });
    const { standards: _none, ...old } = unsubstantiatedVerification;
    const oldPayload = await act('黄石港核查员', 'V-1', 'verification', old).expect(422);
    expect(oldPayload.body).toMatchObject({ error: 'standards_not_confirmed', message: expect.stringContaining('请在 standards 中列出已达到的标准') });
    expect(oldPayload.body.message).toContain('逐条逐项（item_by_item）');
    expect(await stageOf('V-1')).toBe('verifying');
    const explained = { ...without, methodsOmitted: [{ method: 'neighbour_visit', reason: '独居户，周边无住户可访' }] };
    expect((await act('黄石港核查员', 'V-1', 'verification', explained).expect(200)).body.stage).toBe('awaiting_signoff');
  });

  it('tells the task force and discipline the same day of a 突出问题 flagged at verification (三(二) 及时上报)', async () => {
    await importClues([clue('S-1')]);
    await act('黄石港核查员', 'S-1', 'verification', { ...substantiatedVerification, seriousProblem: '同一社区干部为5名已故对象代领救助金' }).expect(200);
    const alerts = await outbox(`campaignId=${id}&kind=alert`);
    expect(alerts.map(to)).toEqual([[MAIL.discipline, MAIL.taskForce].sort()]);
    expect(alerts[0].text).toContain('同一社区干部为5名已故对象代领救助金');
    expect(alerts[0].text).toContain('S-1');
  });

  it('puts an overturned re-check before discipline: its list and mailbox name the officer and the leader, and it records its outcome once (三(四))', async () => {
    await importClues([clue('O-1', { projectNo: 11 })]);
    await act('黄石港核查员', 'O-1', 'verification', unsubstantiatedVerification).expect(200);
    await act('黄石港书记', 'O-1', 'signoff', { approve: true }).expect(200);
    // The project's only 查否: its sampler draws it (ceil(20% × 1) = 1).
    await eventually(async () => (await stageOf('O-1')) === 'rechecking', 'O-1 drawn for re-check');

    const seconded = { ...recheckWork, team: [...recheckWork.team, { name: '黄石港借调干部', role: 'member', kind: 'cadre', unitCode: 'hsg-jd' }] };
    const fromOwnUnit = await act('复核员', 'O-1', 'recheck', { ...seconded, result: 'confirmed', findings: '维持' }).expect(422);
    expect(fromOwnUnit.body).toMatchObject({ error: 'rechecker_from_verifying_unit', message: expect.stringContaining('黄石港借调干部') });
    const overturned = await act('复核员', 'O-1', 'recheck', {
      ...recheckWork,
      result: 'overturned',
      findings: '入户复核发现对象已于2023年死亡，原核查未入户',
      amountConfirmed: 1200,
      evidence: [{ kind: 'record', ref: '死亡证明 2023-0456' }],
    }).expect(200);
    expect(overturned.body.stage).toBe('classifying');

    const list = (await s.http.get(`/api/v1/accountability?campaignId=${id}`).set(as['区纪委监委']).expect(200)).body;
    const item = list.items.find((i: { clueNos: string[] }) => i.clueNos.includes('O-1'));
    expect(item).toMatchObject({
      source: 'recheck_overturned',
      subjectCode: 'hsg-jd',
      subjectName: '黄石港街道',
      people: {
        team: unsubstantiatedVerification.team,
        submittedBy: { name: '黄石港核查员', role: 'unit_officer', unitCode: 'hsg-jd' },
        signedBy: { name: '黄石港书记', role: 'unit_leader', unitCode: 'hsg-jd' },
        recheckedBy: { name: '复核员', role: 'rechecker' },
      },
      finding: '入户复核发现对象已于2023年死亡，原核查未入户',
      outcome: null,
    });
    const mail = (await outbox(`campaignId=${id}&kind=accountability`)).filter((m) => m.text.includes('O-1'));
    expect(mail.map(to)).toEqual([[MAIL.discipline]]);
    expect(mail[0].unitCode).toBeNull();
    for (const name of ['黄石港核查员', '黄石港书记', '王组长']) expect(mail[0].text).toContain(name);

    await s.http.get(`/api/v1/accountability`).set(as['黄石港核查员']).expect(403);
    await s.http.post(`/api/v1/accountability/${item.id}/outcome`).set(admin).send({ outcome: 'x' }).expect(403);
    const decided = await s.http.post(`/api/v1/accountability/${item.id}/outcome`).set(as['区纪委监委']).send({ outcome: '对核查组组长诫勉谈话，对签批领导批评教育' }).expect(200);
    expect(decided.body.outcome).toMatchObject({ outcome: '对核查组组长诫勉谈话，对签批领导批评教育', by: { name: '区纪委监委', role: 'discipline' } });
    expect((await s.http.post(`/api/v1/accountability/${item.id}/outcome`).set(as['区纪委监委']).send({ outcome: '改判' }).expect(409)).body.error).toBe('outcome_recorded');
    expect((await s.http.get(`/api/v1/accountability/${item.id}`).set(admin).expect(200)).body.outcome.outcome).toBe('对核查组组长诫勉谈话，对签批领导批评教育');
  });

  it('files notices against a department and the re-check group; a grave one goes to discipline as an accountability item (四(二))', async () => {
    const onDept = await s.http.post('/api/v1/notices').set(as['巡查组']).send({ unitCode: 'civil', clueNos: ['DEP-1'], finding: '入户核查记录缺页', severity: 'serious' }).expect(201);
    expect(onDept.body).toMatchObject({ campaignId: id, unitCode: 'civil', subjectType: 'department' });
    expect(onDept.body.accountabilityId).toBeUndefined();
    expect((await s.http.get(`/api/v1/campaigns/${id}/reports/civil`).set(admin).expect(200)).body.notices).toEqual([expect.objectContaining({ finding: '入户核查记录缺页' })]);

    const grave = await s.http
      .post('/api/v1/notices')
      .set(as['巡查组'])
      .send({ campaignId: id, unitCode: 'recheck-group', clueNos: ['O-1'], finding: '复核走过场，未入户即维持查否', severity: 'grave' })
      .expect(201);
    expect(grave.body).toMatchObject({ unitCode: 'recheck-group', subjectType: 'recheck_group', accountabilityId: expect.any(String) });
    const notices = (await outbox(`campaignId=${id}&kind=notice`)).filter((m) => m.text.includes('复核走过场'));
    expect(notices.map(to).sort()).toEqual([[MAIL.recheckGroup], [MAIL.taskForce]]);
    const item = (await s.http.get(`/api/v1/accountability/${grave.body.accountabilityId}`).set(as['区纪委监委']).expect(200)).body;
    expect(item).toMatchObject({ source: 'grave_notice', subjectCode: 'recheck-group', subjectName: '区复核抽查组', clueNos: ['O-1'], people: { filedBy: { name: '巡查组' } } });
    expect((await outbox(`campaignId=${id}&kind=accountability`)).filter((m) => m.text.includes('复核走过场')).map(to)).toEqual([[MAIL.discipline]]);
  });

  it('counts as reports and stats do: a transferred clue leaves the denominator, a recovered amount counts once signed off (一, 四(四))', async () => {
    const rate = 'pc-rate';
    await s.http.post('/api/v1/campaigns').set(admin).send(withContacts(shiftedPlan(today), rate)).expect(201);
    const nos = Array.from({ length: 10 }, (_, i) => `F-${i + 1}`);
    await importClues(nos.map((no) => clue(no, { projectNo: 13 })), rate);
    await act('admin', 'F-10', 'transfer-up', { reason: '涉事人员由市管，超出区管权限' }, rate).expect(200);
    for (const no of nos.slice(0, 9)) {
      await act('黄石港核查员', no, 'verification', substantiatedVerification, rate).expect(200);
      await act('黄石港书记', no, 'signoff', { approve: true }, rate).expect(200);
    }
    const report = async () => (await s.http.get(`/api/v1/campaigns/${rate}/reports/hsg-jd`).set(admin).expect(200)).body.figures;
    const stats = async () => (await s.http.get(`/api/v1/campaigns/${rate}/stats`).set(admin).expect(200)).body;
    expect(await report()).toMatchObject({ received: 10, transferred: 1, verified: 9, verificationRate: 1 });
    expect((await stats()).verificationRate).toBe(1);

    await act('admin', 'F-1', 'classification', { dispositions: ['rectification'], reason: '一般性违规' }, rate).expect(200);
    await act('黄石港核查员', 'F-1', 'rectification', { measures: '停发并追回', amountRecovered: 300, completed: true }, rate).expect(200);
    expect(await report()).toMatchObject({ amountRecovered: 0, amountRecoveredPending: 300 });
    expect((await stats()).amountRecovered).toBe(0);
    expect((await s.http.get(`/api/v1/clues/F-1?campaignId=${rate}`).set(admin).expect(200)).body).toMatchObject({ amountRecovered: null, amountRecoveredPending: 300 });
    expect((await act('admin', 'F-1', 'rectification/accept', {}, rate).expect(409)).body.error).toBe('rectification_not_signed_off');

    await act('黄石港书记', 'F-1', 'rectification/signoff', { approve: true }, rate).expect(200);
    expect(await report()).toMatchObject({ amountRecovered: 300, amountRecoveredPending: 0 });
    expect((await stats()).amountRecovered).toBe(300);
    expect((await act('admin', 'F-1', 'rectification/accept', {}, rate).expect(200)).body.stage).toBe('closed');
  });

  it('sends a clue late in re-check to the re-check group’s digest, not the street’s (三(二))', async () => {
    const late = 'pc-late';
    const plan = overduePlan(today);
    // The verification deadline passed 15 days ago and the re-check deadline yesterday.
    await s.http
      .post('/api/v1/campaigns')
      .set(admin)
      .send(withContacts({ ...plan, deadlines: { ...plan.deadlines, recheck: addDays(today, -1) } }, late))
      .expect(201);
    await importClues([clue('L-1', { projectNo: 9 }), clue('L-2', { projectNo: 10 })], late);
    await act('黄石港核查员', 'L-1', 'verification', unsubstantiatedVerification, late).expect(200);
    await act('黄石港书记', 'L-1', 'signoff', { approve: true }, late).expect(200);
    await eventually(async () => (await stageOf('L-1', late)) === 'rechecking', 'L-1 drawn for re-check');

    await s.http.post(`/api/v1/campaigns/${late}/digests/run`).set(admin).expect(202);
    await eventually(async () => (await outbox(`campaignId=${late}&kind=digest`)).length >= 2, 'the day’s digests');
    const digests = await outbox(`campaignId=${late}&kind=digest`);
    const forGroup = digests.filter((m) => to(m).includes(MAIL.recheckGroup));
    expect(forGroup).toHaveLength(1);
    expect(forGroup[0]).toMatchObject({ unitCode: null, text: expect.stringContaining('L-1') });
    expect(forGroup[0].text).toContain('复核中');
    // The street is still chased for the clue it has not verified, and not for the one the group holds.
    const forStreet = digests.filter((m) => m.unitCode === 'hsg-jd');
    expect(forStreet).toHaveLength(1);
    expect(forStreet[0].text).toContain('L-2');
    expect(forStreet[0].text).not.toContain('L-1');
  });
});

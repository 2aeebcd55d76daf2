/**
 * Through the HTTP API alone, on a real dev server and PostgreSQL: rule violations as 4xx, a worker
 * killed mid-lifecycle, re-check sampling of 1/5/23 unsubstantiated clues with proofs, and a
 * deadline extension reaching running clues.
 */
import { verifyProof } from '../../activities/sampling/draw';
import { addDays, localDate } from '../../domain/time';
import { shiftedPlan } from '../../db/seed/demo';
import { requiredSampleSize } from '../../domain/sampling';
import { clue, goodTeam, substantiatedVerification, unsubstantiatedVerification } from '../support/fixtures';
import { ADMIN, startStack, type Stack } from '../support/stack';

jest.setTimeout(240_000);

const unsubstantiated = unsubstantiatedVerification;
const substantiated = substantiatedVerification;

describe('clue lifecycle through the HTTP API', () => {
  let s: Stack;
  const admin = { Authorization: `Bearer ${ADMIN}` };
  const as: Record<string, { Authorization: string }> = {};
  const campaignId = 'api-life';
  const plan: Record<string, any> = { ...shiftedPlan(localDate(Date.now(), 'Asia/Shanghai')), id: campaignId };

  const token = async (name: string, role: string, unitCode?: string) => {
    const res = await s.http.post('/api/v1/tokens').set(admin).send({ role, unitCode, name }).expect(201);
    as[name] = { Authorization: `Bearer ${res.body.token}` };
  };
  const post = (who: string, clueNo: string, action: string, body: object) =>
    s.http.post(`/api/v1/clues/${clueNo}/${action}?campaignId=${campaignId}`).set(who === 'admin' ? admin : as[who]).send(body);
  const timeline = async (clueNo: string) =>
    (await s.http.get(`/api/v1/clues/${clueNo}?campaignId=${campaignId}`).set(admin).expect(200)).body.timeline.map((e: { action: string }) => e.action);
  const eventually = async (check: () => Promise<boolean>, label: string) => {
    for (let i = 0; i < 300; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out: ${label}`);
  };

  beforeAll(async () => {
    s = await startStack('postgres');
    await s.http.post('/api/v1/campaigns').set(admin).send(plan).expect(201);
    await token('officer', 'unit_officer', 'hsg-jd');
    await token('leader', 'unit_leader', 'hsg-jd');
    await token('rechecker', 'rechecker');
    await token('discipline', 'discipline');
  });
  afterAll(() => s?.close());

  it('answers a broken rule with its 4xx and code, and changes nothing', async () => {
    await s.http.post(`/api/v1/campaigns/${campaignId}/clues`).set(admin).send({ clues: [clue('V1', { projectNo: 1 })] }).expect(200);
    const cadre = await post('officer', 'V1', 'verification', { ...unsubstantiated, team: [...goodTeam.slice(0, 2), { name: '孙某', role: 'member', kind: 'village_cadre' }] }).expect(422);
    expect(cadre.body).toMatchObject({ error: 'team_has_village_or_community_cadre' });
    expect(cadre.body.message).toContain('核查组不得抽调村、社区干部参与核查');
    const stage = await post('leader', 'V1', 'signoff', { approve: true }).expect(409);
    expect(stage.body.error).toBe('wrong_stage');
    const role = await post('officer', 'V1', 'signoff', { approve: true }).expect(403);
    expect(role.body.error).toBe('role_not_allowed');
    const invalid = await post('officer', 'V1', 'verification', { ...unsubstantiated, conclusion: 'maybe' }).expect(400);
    expect(invalid.body.error).toBe('validation_failed');
    expect(invalid.body.details[0].field).toBe('conclusion');
    expect(await timeline('V1')).toEqual(['imported']);
    // Nothing done yet: every entry of the record is there, and null (as the OpenAPI document says).
    const fresh = (await s.http.get(`/api/v1/clues/V1?campaignId=${campaignId}`).set(admin).expect(200)).body;
    expect(fresh.record).toEqual({ verification: null, signoff: null, sampling: null, recheck: null, classificationReason: null, rectification: null, referral: null, rule: null, transfer: null, closed: null });
  });

  it('finishes a clue after the worker is killed mid-lifecycle, without duplicate events', async () => {
    await s.http.post(`/api/v1/campaigns/${campaignId}/clues`).set(admin).send({ clues: [clue('K1', { projectNo: 2 })] }).expect(200);
    await post('officer', 'K1', 'verification', substantiated).expect(200);
    await s.stopWorker();
    await s.startWorker();
    expect((await post('leader', 'K1', 'signoff', { approve: true }).expect(200)).body.stage).toBe('classifying');
    await post('admin', 'K1', 'classification', { dispositions: ['referral'], reason: '涉嫌违纪' }).expect(200);
    expect((await post('discipline', 'K1', 'referral-outcome', { outcome: '立案审查', personsHandled: 1 }).expect(200)).body.stage).toBe('closed');
    expect(await timeline('K1')).toEqual(['imported', 'verification_submitted', 'signoff_approved', 'classified', 'referral_outcome_recorded', 'closed']);
    const audit = await s.http.get('/api/v1/audit?clueNo=K1').set(admin).expect(200);
    const actions = audit.body.items.map((a: { action: string }) => a.action).filter((a: string) => a !== 'clue.imported');
    expect(actions).toHaveLength(new Set(actions).size);
    expect(actions).toHaveLength(5);
  });

  it('samples at least ceil(20%) of each project, supplements late conclusions, and every proof re-computes', async () => {
    const sizes: Record<number, number> = { 10: 1, 11: 5, 12: 23 };
    const clues = Object.entries(sizes).flatMap(([p, n]) => Array.from({ length: n }, (_, i) => clue(`P${p}-${i + 1}`, { projectNo: Number(p) })));
    const imported = await s.http.post(`/api/v1/campaigns/${campaignId}/clues`).set(admin).send({ clues }).expect(200);
    expect(imported.body.accepted).toBe(29);
    for (const c of clues) {
      await post('officer', c.clueNo, 'verification', unsubstantiated).expect(200);
      await post('leader', c.clueNo, 'signoff', { approve: true }).expect(200);
    }
    const sampling = async () => (await s.http.get(`/api/v1/campaigns/${campaignId}/sampling`).set(admin).expect(200)).body;
    await eventually(async () => {
      const rows = await sampling();
      return [10, 11, 12].every((p) => rows.find((r: { projectNo: number }) => r.projectNo === p).drawn === requiredSampleSize(sizes[p], 0.2));
    }, 'draws of 1, 1 and 5');
    let rows = await sampling();
    expect([10, 11, 12].map((p) => rows.find((r: { projectNo: number }) => r.projectNo === p)).map((r: { unsubstantiated: number; required: number; drawn: number }) => [r.unsubstantiated, r.required, r.drawn])).toEqual([
      [1, 1, 1],
      [5, 1, 1],
      [23, 5, 5],
    ]);
    await eventually(async () => {
      const list = await s.http.get(`/api/v1/clues?campaignId=${campaignId}&projectNo=12&stage=closed`).set(admin).expect(200);
      return list.body.total === 18;
    }, 'not-drawn clues closed');

    // A sixth clue of project 11 concluded late raises N to 6 and the floor to 2: a supplementary draw.
    await s.http.post(`/api/v1/campaigns/${campaignId}/clues`).set(admin).send({ clues: [clue('P11-6', { projectNo: 11 })] }).expect(200);
    await post('officer', 'P11-6', 'verification', unsubstantiated).expect(200);
    await post('leader', 'P11-6', 'signoff', { approve: true }).expect(200);
    await eventually(async () => (await sampling()).find((r: { projectNo: number }) => r.projectNo === 11).drawn === 2, 'supplementary draw');
    rows = await sampling();
    const p11 = rows.find((r: { projectNo: number }) => r.projectNo === 11);
    expect(p11.draws.map((d: { drawNo: number; selected: string[] }) => [d.drawNo, d.selected])).toEqual([
      [1, [expect.any(String)]],
      [2, ['P11-6']],
    ]);
    await eventually(
      async () => (await s.http.get(`/api/v1/clues/P11-6?campaignId=${campaignId}`).set(admin).expect(200)).body.stage === 'rechecking',
      'P11-6 told it was drawn',
    );

    for (const [p, drawNo] of [[10, 1], [11, 1], [11, 2], [12, 1]]) {
      const proof = await s.http.get(`/api/v1/campaigns/${campaignId}/sampling/${p}/draws/${drawNo}/proof`).set(admin).expect(200);
      expect(verifyProof(proof.body)).toEqual({ ok: true, problems: [] });
      const tampered = { ...proof.body, selected: [...proof.body.selected, 'FORGED'] };
      expect(verifyProof(tampered).ok).toBe(false);
    }
    const manual = await s.http.post(`/api/v1/campaigns/${campaignId}/sampling/12/draw`).set(as.rechecker).expect(409);
    expect(manual.body.error).toBe('nothing_to_draw');
    await s.http.post(`/api/v1/campaigns/${campaignId}/sampling/12/draw`).set(as.officer).expect(403);
    const stats = (await s.http.get(`/api/v1/campaigns/${campaignId}/stats`).set(admin).expect(200)).body;
    expect(stats.byProject.find((p: { projectNo: number }) => p.projectNo === 12)).toMatchObject({ unsubstantiated: 23, sampled: 5, requiredSample: 5 });
  });

  it('extends a deadline for every running clue of the campaign, audited with its reason', async () => {
    await s.http.post(`/api/v1/campaigns/${campaignId}/clues`).set(admin).send({ clues: [clue('D1', { projectNo: 3 })] }).expect(200);
    const before = (await s.http.get(`/api/v1/clues/D1?campaignId=${campaignId}`).set(admin).expect(200)).body.nextDeadline;
    const newDate = addDays(plan.deadlines.verification, 7);
    const res = await s.http
      .post(`/api/v1/campaigns/${campaignId}/deadlines`)
      .set(admin)
      .send({ verification: newDate, recheck: addDays(plan.deadlines.recheck, 7), reason: '汛期影响入户核查' })
      .expect(200);
    expect(res.body).toMatchObject({ deadlines: { verification: newDate }, calendarVersion: 2 });
    expect(res.body.cluesSignalled).toBeGreaterThan(0);
    await eventually(async () => {
      const c = (await s.http.get(`/api/v1/clues/D1?campaignId=${campaignId}`).set(admin).expect(200)).body;
      return c.nextDeadline !== before && c.timeline.some((e: { action: string }) => e.action === 'deadline_changed');
    }, 'D1 re-armed');
    const after = (await s.http.get(`/api/v1/clues/D1?campaignId=${campaignId}`).set(admin).expect(200)).body.nextDeadline;
    expect(Date.parse(after) - Date.parse(before)).toBe(7 * 86_400_000);
    const bad = await s.http.post(`/api/v1/campaigns/${campaignId}/deadlines`).set(admin).send({ verification: '2024-13-01', reason: 'x' }).expect(400);
    expect(bad.body.error).toBe('validation_failed');
    const audit = await s.http.get(`/api/v1/audit?campaignId=${campaignId}`).set(admin).expect(200);
    expect(audit.body.items.find((a: { action: string }) => a.action === 'campaign.deadlines_extended').detail.reason).toBe('汛期影响入户核查');
  });
});

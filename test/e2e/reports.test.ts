/**
 * Special reports (专题报告) through the HTTP API on a real dev server and PostgreSQL: the figures
 * are what the ledger says, a unit sees only its own report, only its principal leader signs it
 * off (and again only once the figures change), and the Word document carries the figures.
 */
import JSZip from 'jszip';
import type { Response } from 'superagent';
import { localDate } from '../../domain/time';
import { shiftedPlan } from '../../db/seed/demo';
import { DISPOSITIONS } from '../../domain/vocabulary';
import { clue, fullWork, planDocument } from '../support/fixtures';
import { ADMIN, startStack, type Stack } from '../support/stack';

jest.setTimeout(240_000);

const verification = (conclusion: string, amountConfirmed?: number) => ({
  ...fullWork,
  conclusion,
  findings: conclusion === 'unsubstantiated' ? '核实对象健在，数据误差' : '冒领属实',
  ...(amountConfirmed === undefined
    ? {}
    : { amountConfirmed, violationType: 'false_claims', personsInvolved: [{ name: '张某', category: 'beneficiary' }], evidence: [{ kind: 'record', ref: '银行流水' }] }),
});

/** supertest hands a .docx over as a stream: collect it whole. */
function binary(res: Response, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

interface LedgerRow {
  clue_no: string;
  project_no: number;
  stage: string;
  conclusion: string | null;
  overdue: boolean;
  verification_inaccurate: boolean;
  amount_involved: string;
  amount_confirmed: string | null;
  amount_recovered: string | null;
  dispositions: string[];
  completed_dispositions: string[];
  record: Record<string, any>;
}

/** What the ledger says, counted here row by row rather than with the service's SQL. */
function countLedger(rows: LedgerRow[]) {
  const sum = (pick: (r: LedgerRow) => string | null) => Math.round(rows.reduce((a, r) => a + Number(pick(r) ?? 0), 0) * 100) / 100;
  const count = (pred: (r: LedgerRow) => boolean) => rows.filter(pred).length;
  return {
    received: rows.length,
    verified: count((r) => r.conclusion !== null),
    substantiated: count((r) => r.conclusion === 'substantiated' || r.conclusion === 'partially_substantiated'),
    unsubstantiated: count((r) => r.conclusion === 'unsubstantiated'),
    verificationInaccurate: count((r) => r.verification_inaccurate),
    transferred: count((r) => r.stage === 'transferred'),
    closed: count((r) => r.stage === 'closed'),
    amountInvolved: sum((r) => r.amount_involved),
    amountConfirmed: sum((r) => r.amount_confirmed),
    amountRecovered: sum((r) => r.amount_recovered),
  };
}

describe('unit special reports', () => {
  let s: Stack;
  const admin = { Authorization: `Bearer ${ADMIN}` };
  const as: Record<string, { Authorization: string }> = {};
  const campaignId = 'rep';
  const plan: Record<string, any> = { ...shiftedPlan(localDate(Date.now(), 'Asia/Shanghai')), id: campaignId };
  const reports = `/api/v1/campaigns/${campaignId}/reports`;

  const token = async (name: string, role: string, unitCode?: string) => {
    const res = await s.http.post('/api/v1/tokens').set(admin).send({ role, unitCode, name }).expect(201);
    as[name] = { Authorization: `Bearer ${res.body.token}` };
  };
  const act = (who: string, clueNo: string, action: string, body: object) =>
    s.http.post(`/api/v1/clues/${clueNo}/${action}?campaignId=${campaignId}`).set(who === 'admin' ? admin : as[who]).send(body).expect(200);
  const ledger = (where: string, code: string, id = campaignId): Promise<LedgerRow[]> =>
    s.database.db.query(
      `SELECT c.clue_no, c.project_no, c.stage, c.conclusion, c.overdue, c.verification_inaccurate, c.amount_involved, c.amount_confirmed,
              c.amount_recovered, c.dispositions, c.completed_dispositions, c.record
         FROM clues c JOIN projects p ON p.campaign_id = c.campaign_id AND p.no = c.project_no
        WHERE c.campaign_id = $1 AND ${where} = $2`,
      [id, code],
    );
  const signoffRows = async (code: string) =>
    (await s.database.db.query(`SELECT count(*)::int AS n FROM report_signoffs WHERE campaign_id = $1 AND unit_code = $2`, [campaignId, code]))[0].n;

  beforeAll(async () => {
    s = await startStack('postgres');
    await s.http.post('/api/v1/campaigns').set(admin).send(plan).expect(201);
    await token('hsgOfficer', 'unit_officer', 'hsg-jd');
    await token('黄石港街道主要领导', 'unit_leader', 'hsg-jd');
    await token('sygOfficer', 'unit_officer', 'syg-jd');
    await token('sygLeader', 'unit_leader', 'syg-jd');
    await token('区民政局', 'department', 'civil');
    await token('民政局局长', 'unit_leader', 'civil');
    await token('discipline', 'discipline');
    await token('inspector', 'inspector');
    await token('rechecker', 'rechecker');

    // 黄石港街道: R1–R5, 胜阳港街道: R6–R7. Projects 4 and 5 belong to 区民政局, project 1 to 区教育局.
    const clues = [
      clue('R1', { projectNo: 4, amountInvolved: 1200 }),
      clue('R2', { projectNo: 4, amountInvolved: 800 }),
      clue('R3', { projectNo: 5, amountInvolved: 600 }),
      clue('R4', { projectNo: 4, amountInvolved: 300 }),
      clue('R5', { projectNo: 1, amountInvolved: 1000.5 }),
      clue('R6', { projectNo: 4, unitCode: 'syg-jd', amountInvolved: 500 }),
      clue('R7', { projectNo: 5, unitCode: 'syg-jd', amountInvolved: 700 }),
    ];
    expect((await s.http.post(`/api/v1/campaigns/${campaignId}/clues`).set(admin).send({ clues }).expect(200)).body.accepted).toBe(7);

    await act('hsgOfficer', 'R1', 'verification', verification('substantiated', 1000));
    await act('黄石港街道主要领导', 'R1', 'signoff', { approve: true });
    await act('admin', 'R1', 'classification', { dispositions: ['referral', 'rectification'], reason: '涉嫌违纪，且须追回资金' });
    await act('discipline', 'R1', 'referral-outcome', { outcome: '立案审查', personsHandled: 2 });
    await act('hsgOfficer', 'R1', 'rectification', { measures: '停发并追回', amountRecovered: 600, completed: true });
    await act('黄石港街道主要领导', 'R1', 'rectification/signoff', { approve: true });
    await act('admin', 'R1', 'rectification/accept', {});

    await act('hsgOfficer', 'R2', 'verification', verification('partially_substantiated', 400));
    await act('黄石港街道主要领导', 'R2', 'signoff', { approve: true });
    await act('admin', 'R2', 'classification', { dispositions: ['rule_building'], reason: '死亡信息比对滞后，属共性问题' });
    await act('区民政局', 'R2', 'rule', { title: '临时救助对象死亡信息月度比对制度', summary: '每月与殡葬、公安数据比对，发现即停发' });

    await act('hsgOfficer', 'R3', 'verification', verification('unsubstantiated'));
    await act('黄石港街道主要领导', 'R3', 'signoff', { approve: true });
    await act('sygOfficer', 'R6', 'verification', verification('substantiated', 250));
    await act('sygLeader', 'R6', 'signoff', { approve: true });
    await act('sygOfficer', 'R7', 'verification', verification('unsubstantiated'));
    await act('sygLeader', 'R7', 'signoff', { approve: true });

    // Project 5 is now fully verified: its re-check draw decides R3 and R7 on its own time. Figures are
    // compared once it has, so the ledger does not move between reading the report and counting.
    for (let i = 0; ; i++) {
      const [{ n }] = await s.database.db.query(`SELECT count(*)::int AS n FROM clues WHERE campaign_id = $1 AND stage = 'awaiting_sampling'`, [campaignId]);
      if (n === 0) break;
      if (i > 300) throw new Error('re-check draw of project 5 did not happen');
      await new Promise((r) => setTimeout(r, 100));
    }
    await s.database.db.query(
      `INSERT INTO notices (campaign_id, unit_code, clue_nos, finding, severity, created_by) VALUES ($1, 'hsg-jd', '["R3"]', $2, 'serious', $3)`,
      [campaignId, '入户核查记录不完整，复核走过场', JSON.stringify({ name: 'inspector', role: 'inspector' })],
    );
  });
  afterAll(() => s?.close());

  it('reports for a unit exactly what the ledger says', async () => {
    const report = (await s.http.get(`${reports}/hsg-jd`).set(admin).expect(200)).body;
    const rows = await ledger('c.unit_code', 'hsg-jd');
    expect(report.figures).toMatchObject(countLedger(rows));
    // The same, as the person who set the case up knows it.
    expect(report.figures).toMatchObject({
      received: 5,
      verified: 3,
      substantiated: 2,
      unsubstantiated: 1,
      amountInvolved: 3900.5,
      amountConfirmed: 1400,
      amountRecovered: 600,
      personsHandled: 2,
      dispositions: { referral: 1, rectification: 1, rule_building: 1 },
      dispositionsCompleted: { referral: 1, rectification: 1, rule_building: 1 },
      rulesEstablished: 1,
      noticesReceived: 1,
    });
    expect(report.unit).toEqual({ code: 'hsg-jd', name: '黄石港街道', type: 'unit', kind: 'street' });
    expect(report.campaign.title).toBe(plan.title);
    expect(report.due).toMatchObject({ date: plan.deadlines.report, overdue: false, signedOnTime: null });
    expect(report.progress).toEqual({
      open: rows.filter((r) => !['closed', 'transferred'].includes(r.stage)).length,
      overdue: rows.filter((r) => r.overdue).length,
    });
    const projects = [...new Set(rows.map((r) => r.project_no))].sort((a, b) => a - b);
    expect(report.figures.byProject.map((p: { projectNo: number }) => p.projectNo)).toEqual(projects);
    for (const p of report.figures.byProject) expect(p).toMatchObject(countLedger(rows.filter((r) => r.project_no === p.projectNo)));
    expect(report.notices).toEqual([expect.objectContaining({ finding: '入户核查记录不完整，复核走过场', severity: 'serious', clueNos: ['R3'] })]);
    expect(report.rules).toEqual([
      { title: '临时救助对象死亡信息月度比对制度', summary: '每月与殡葬、公安数据比对，发现即停发', department: 'civil', clueNos: ['R2'] },
    ]);
    expect(report.signoff).toMatchObject({ state: 'unsigned', latest: null, changes: [], history: [] });

    const syg = (await s.http.get(`${reports}/syg-jd`).set(admin).expect(200)).body;
    expect(syg.figures).toMatchObject({ ...countLedger(await ledger('c.unit_code', 'syg-jd')), received: 2, substantiated: 1, amountConfirmed: 250 });
  });

  it("reports for a department the clues of the projects it is responsible for, every one of them listed", async () => {
    const report = (await s.http.get(`${reports}/civil`).set(as['区民政局']).expect(200)).body;
    const rows = await ledger('p.department_code', 'civil');
    expect(report.unit).toEqual({ code: 'civil', name: '区民政局', type: 'department' });
    expect(report.figures).toMatchObject({ ...countLedger(rows), received: 6, personsHandled: 2, rulesEstablished: 1 });
    expect(report.figures.byProject.map((p: { projectNo: number }) => p.projectNo)).toEqual([4, 5, 6, 7, 8]);
    expect(report.figures.byProject.find((p: { projectNo: number }) => p.projectNo === 6)).toMatchObject({ received: 0, amountInvolved: 0 });
    for (const p of report.figures.byProject) expect(p).toMatchObject(countLedger(rows.filter((r) => r.project_no === p.projectNo)));
    expect(report.figures.dispositions).toEqual(Object.fromEntries(DISPOSITIONS.map((d) => [d, rows.filter((r) => r.dispositions.includes(d)).length])));
  });

  it('lets a unit read only its own report; district roles read all', async () => {
    await s.http.get(`${reports}/hsg-jd`).set(as.hsgOfficer).expect(200);
    await s.http.get(`${reports}/hsg-jd`).set(as['黄石港街道主要领导']).expect(200);
    for (const path of ['syg-jd', 'syg-jd.docx', 'civil', 'no-such-unit']) {
      const res = await s.http.get(`${reports}/${path}`).set(as.hsgOfficer).expect(404);
      expect(res.body.error).toBe('not_found');
      expect(JSON.stringify(res.body)).not.toContain('胜阳港');
    }
    await s.http.get(`${reports}/hsg-jd`).set(as['区民政局']).expect(404);
    await s.http.get(`${reports}/hsg-jd`).set(as.sygLeader).expect(404);
    for (const who of ['discipline', 'inspector']) await s.http.get(`${reports}/syg-jd`).set(as[who]).expect(200);
    expect((await s.http.get(`${reports}/hsg-jd`).set(as.rechecker).expect(403)).body.error).toBe('forbidden');
    await s.http.get(`${reports}/no-such-unit`).set(admin).expect(404);
    await s.http.get(`/api/v1/campaigns/nope/reports/hsg-jd`).set(admin).expect(404);
  });

  it('takes the sign-off only from the unit leader, once per set of figures, and shows later changes', async () => {
    const refused = await s.http.post(`${reports}/hsg-jd/signoff`).set(as.hsgOfficer).send({ comment: '代签' }).expect(403);
    expect(refused.body.error).toBe('not_unit_leader');
    expect(refused.body.message).toContain('主要领导');
    expect((await s.http.post(`${reports}/hsg-jd/signoff`).set(admin).send({}).expect(403)).body.error).toBe('not_unit_leader');
    await s.http.post(`${reports}/hsg-jd/signoff`).set(as.sygLeader).send({}).expect(404);
    expect((await s.http.post(`${reports}/hsg-jd/signoff`).set(as['黄石港街道主要领导']).send({ comment: 42 }).expect(400)).body.error).toBe('validation_failed');
    expect(await signoffRows('hsg-jd')).toBe(0);

    const before = (await s.http.get(`${reports}/hsg-jd`).set(admin).expect(200)).body;
    const signed = await s.http.post(`${reports}/hsg-jd/signoff`).set(as['黄石港街道主要领导']).send({ comment: '数据已逐项核对，同意报送' }).expect(201);
    expect(signed.body).toMatchObject({ seq: 1, signedBy: { name: '黄石港街道主要领导', role: 'unit_leader', unitCode: 'hsg-jd' }, figures: before.figures });
    const shown = (await s.http.get(`${reports}/hsg-jd`).set(as.hsgOfficer).expect(200)).body;
    expect(shown.signoff).toMatchObject({ state: 'signed', changes: [], latest: { seq: 1, comment: '数据已逐项核对，同意报送' } });
    expect(shown.due).toMatchObject({ overdue: false, signedOnTime: true });

    const twice = await s.http.post(`${reports}/hsg-jd/signoff`).set(as['黄石港街道主要领导']).send({}).expect(409);
    expect(twice.body.error).toBe('already_signed_off');
    expect(await signoffRows('hsg-jd')).toBe(1);

    // R4 is concluded after the sign-off: the report shows what changed, and the leader may sign again.
    await act('hsgOfficer', 'R4', 'verification', verification('substantiated', 300));
    await act('黄石港街道主要领导', 'R4', 'signoff', { approve: true });
    const changed = (await s.http.get(`${reports}/hsg-jd`).set(admin).expect(200)).body;
    expect(changed.signoff.state).toBe('changed_since_signoff');
    expect(changed.signoff.changes).toEqual(
      expect.arrayContaining([
        { field: 'verified', signed: 3, current: 4 },
        { field: 'substantiated', signed: 2, current: 3 },
        { field: 'amountConfirmed', signed: 1400, current: 1700 },
        { field: 'byProject.4.substantiated', signed: 2, current: 3 },
      ]),
    );
    const again = await s.http.post(`${reports}/hsg-jd/signoff`).set(as['黄石港街道主要领导']).send({}).expect(201);
    expect(again.body).toMatchObject({ seq: 2, figures: { verified: 4, amountConfirmed: 1700 } });
    const history = (await s.http.get(`${reports}/hsg-jd`).set(admin).expect(200)).body.signoff;
    expect(history).toMatchObject({ state: 'signed', latest: { seq: 2 } });
    expect(history.history.map((h: { figures: { verified: number } }) => h.figures.verified)).toEqual([3, 4]);

    const audit = await s.http.get(`/api/v1/audit?campaignId=${campaignId}`).set(admin).expect(200);
    const entries = audit.body.items.filter((a: { action: string }) => a.action === 'report.signed_off');
    expect(entries.map((a: { entityId: string; detail: { seq: number } }) => [a.entityId, a.detail.seq]).sort()).toEqual([
      ['hsg-jd', 1],
      ['hsg-jd', 2],
    ]);
    await expect(s.database.db.query(`UPDATE report_signoffs SET comment = 'x' WHERE campaign_id = $1`, [campaignId])).rejects.toThrow(/append-only/);

    // A department's report is signed by its principal leader, a unit_leader bound to its code (四(四)), not by any department token.
    expect((await s.http.post(`${reports}/civil/signoff`).set(as['区民政局']).send({}).expect(403)).body.error).toBe('not_unit_leader');
    const dept = await s.http.post(`${reports}/civil/signoff`).set(as['民政局局长']).send({}).expect(201);
    expect(dept.body.signedBy).toMatchObject({ role: 'unit_leader', unitCode: 'civil' });
  });

  it('serves the report as a Word document with the unit name and its figures', async () => {
    const res = await s.http.get(`${reports}/hsg-jd.docx`).set(as.hsgOfficer).buffer(true).parse(binary).expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="report-hsg-jd.docx"; filename*=UTF-8''${encodeURIComponent('黄石港街道专题报告-hsg-jd.docx')}`,
    );
    const body = res.body as Buffer;
    expect(body.subarray(0, 2).toString('latin1')).toBe('PK');
    const xml = await (await JSZip.loadAsync(body)).file('word/document.xml')!.async('string');
    expect(xml).toContain(`关于${plan.title}的专题报告`);
    expect(xml).toContain('黄石港街道');
    expect(xml).toContain('1,700.00'); // 查实金额 after R4
    expect(xml).toContain('临时救助对象死亡信息月度比对制度');
    expect(xml).toContain('入户核查记录不完整，复核走过场');
    expect(xml).toContain('单位主要领导审核签发：黄石港街道主要领导');

    const openapi = (await s.http.get('/api/docs-json').expect(200)).body;
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/v1/campaigns/{id}/reports/{unitCode}', '/api/v1/campaigns/{id}/reports/{unitCode}.docx', '/api/v1/campaigns/{id}/reports/{unitCode}/signoff']),
    );

    const pdf = await s.http.get(`${reports}/hsg-jd.pdf`).set(admin).expect(406);
    expect(pdf.body.error).toBe('report_format_unavailable');
    expect(pdf.body.message).toContain('hsg-jd.docx');
    expect(openapi.paths['/api/v1/campaigns/{id}/reports/{unitCode}'].get.responses['406']).toBeDefined();
    // A code that is no code (found by schemathesis: '.x).docx' was answered 406 as if it asked for a format).
    const odd = await s.http.get(`${reports}/.x%29.docx`).set(admin).expect(400);
    expect(odd.body.details).toEqual([{ field: 'unitCode', message: expect.stringContaining('小写字母') }]);
    await s.http.get(`${reports}/hsg-jd.pdf.pdf`).set(admin).expect(400);
  });

  it('marks a report overdue once the report deadline has passed without a sign-off', async () => {
    await s.http.post('/api/v1/campaigns').set(admin).send(planDocument('rep-2024')).expect(201);
    await s.http.post('/api/v1/campaigns/rep-2024/clues').set(admin).send({ clues: [clue('L1'), clue('L2', { projectNo: 5 })] }).expect(200);
    const report = (await s.http.get('/api/v1/campaigns/rep-2024/reports/hsg-jd').set(admin).expect(200)).body;
    expect(report.due).toMatchObject({ date: '2024-10-20', overdue: true, signedOnTime: null });
    const rows = await ledger('c.unit_code', 'hsg-jd', 'rep-2024');
    expect(report.progress.overdue).toBe(rows.filter((r) => r.overdue).length);
    expect(report.progress.overdue).toBe(2);
  });
});

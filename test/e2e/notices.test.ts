/** Inspection notices (通报), deadline-extension mail and the outbox, through the HTTP API. */
import { ADMIN, startStack, type Stack } from '../support/stack';
import { clue, planDocument } from '../support/fixtures';
import { localDate } from '../../domain/time';
import { overduePlan, shiftedPlan, withDemoContacts } from '../../db/seed/demo';

jest.setTimeout(120_000);

describe('notices, extension mail and the outbox', () => {
  let s: Stack;
  const auth = { Authorization: `Bearer ${ADMIN}` };
  const tokenFor = async (role: string, unitCode?: string) =>
    ({ Authorization: `Bearer ${(await s.http.post('/api/v1/tokens').set(auth).send({ role, unitCode, name: role }).expect(201)).body.token}` });
  const plan = shiftedPlan(localDate(Date.now(), 'Asia/Shanghai'));

  beforeAll(async () => {
    s = await startStack('postgres');
    const doc = planDocument('nt-1', {
      window: plan.window,
      deadlines: plan.deadlines,
      units: plan.units.map((u: { code: string }) => (u.code === 'hsg-jd' ? { ...u, contacts: [{ name: '核查组', role: 'officer', email: 'jd@hsg.example' }] } : u)),
      contacts: { taskForce: [{ name: '区专班', email: 'zb@hsg.example' }] },
    });
    await s.http.post('/api/v1/campaigns').set(auth).send(doc).expect(201);
    await s.http.post('/api/v1/campaigns/nt-1/clues').set(auth).send({ clues: [clue('N1'), clue('N2', { unitCode: 'syg-jd' })] }).expect(200);
  });
  afterAll(() => s?.close());

  it('refuses a campaign whose contacts are not mail addresses, or whose department shares a unit code', async () => {
    const res = await s.http
      .post('/api/v1/campaigns')
      .set(auth)
      .send(planDocument('nt-bad', { contacts: { taskForce: [{ name: '区专班', email: 'not-an-address' }] } }))
      .expect(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'contacts.taskForce.0.email' })]);
    const base = planDocument('nt-clash');
    const clash = await s.http
      .post('/api/v1/campaigns')
      .set(auth)
      .send({ ...base, departments: [...base.departments, { code: 'hsg-jd', name: '同码部门' }] })
      .expect(422);
    expect(clash.body.details).toEqual([expect.objectContaining({ field: 'departments', message: expect.stringContaining('hsg-jd') })]);
  });

  it('files a notice: stored, audited, mailed to the unit and the task force, in the unit report', async () => {
    const inspector = await tokenFor('inspector');
    const filed = await s.http
      .post('/api/v1/notices')
      .set(inspector)
      .send({ unitCode: 'hsg-jd', clueNos: ['N1'], finding: '核查流于形式，未入户核实', severity: 'serious' })
      .expect(201);
    expect(filed.body).toMatchObject({ campaignId: 'nt-1', unitCode: 'hsg-jd', clueNos: ['N1'], severity: 'serious' });

    const outbox = await s.http.get('/api/v1/outbox?campaignId=nt-1&kind=notice').set(auth).expect(200);
    expect(outbox.body.items.map((m: { recipients: Array<{ email: string }>; status: string }) => [m.recipients.map((r) => r.email), m.status]).sort()).toEqual([
      [['jd@hsg.example'], 'outbox_only'],
      [['zb@hsg.example'], 'outbox_only'],
    ]);
    expect(outbox.body.items[0].subject).toContain('巡查督导通报');
    const audit = await s.http.get('/api/v1/audit?campaignId=nt-1').set(auth).expect(200);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toContain('notice.filed');
    const report = await s.http.get('/api/v1/campaigns/nt-1/reports/hsg-jd').set(auth).expect(200);
    expect(JSON.stringify(report.body)).toContain('核查流于形式');

    const officer = await tokenFor('unit_officer', 'syg-jd');
    expect((await s.http.get('/api/v1/notices').set(officer).expect(200)).body.items).toEqual([]);
    expect((await s.http.get('/api/v1/outbox').set(officer).expect(200)).body.items).toEqual([]);
  });

  it('refuses notices from anyone but an inspector, and about clues of another unit', async () => {
    const officer = await tokenFor('unit_officer', 'hsg-jd');
    await s.http.post('/api/v1/notices').set(officer).send({ unitCode: 'hsg-jd', finding: 'x', severity: 'general' }).expect(403);
    const inspector = await tokenFor('inspector');
    const other = await s.http.post('/api/v1/notices').set(inspector).send({ unitCode: 'hsg-jd', clueNos: ['N2'], finding: 'x', severity: 'general' }).expect(422);
    expect(other.body).toMatchObject({ error: 'clue_not_of_unit', message: expect.stringContaining('N2') });
    const bad = await s.http.post('/api/v1/notices').set(inspector).send({ unitCode: 'hsg-jd', finding: 'x', severity: 'awful' }).expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'severity' })]);
    expect((await s.http.get('/api/v1/notices?campaignId=nt-1').set(auth).expect(200)).body.items).toHaveLength(1);
  });

  it('tells each unit with open clues once what an extension moved and why; units without contacts are listed', async () => {
    const verification = plan.deadlines.verification as string;
    const later = localDate(Date.parse(`${verification}T00:00:00Z`) + 5 * 86_400_000, 'UTC');
    await s.http.post('/api/v1/campaigns/nt-1/deadlines').set(auth).send({ verification: later, reason: '汛期影响入户核查' }).expect(200);
    const mail = await s.http.get('/api/v1/outbox?campaignId=nt-1&kind=extension').set(auth).expect(200);
    expect(mail.body.items.map((m: { unitCode: string; status: string }) => [m.unitCode, m.status]).sort()).toEqual([
      ['hsg-jd', 'outbox_only'],
      ['syg-jd', 'no_recipient'],
    ]);
    expect(mail.body.items[0].text).toContain(`${verification} → ${later}`);
    expect(mail.body.items[0].text).toContain('汛期影响入户核查');
    const stats = await s.http.get('/api/v1/campaigns/nt-1/stats').set(auth).expect(200);
    expect(stats.body.unitsWithoutContacts).toEqual(expect.arrayContaining(['syg-jd']));
    expect(stats.body.unitsWithoutContacts).not.toContain('hsg-jd');
  });

  it('on request, mails today what an untouched clue past its deadline set off: the whole chain of escalation', async () => {
    const doc = { ...withDemoContacts(overduePlan(localDate(Date.now(), 'Asia/Shanghai'))), id: 'nt-late' };
    await s.http.post('/api/v1/campaigns').set(auth).send(doc).expect(201);
    // L1 was dispatched and never verified; L2 was never dispatched (the task force's own work).
    await s.http.post('/api/v1/campaigns/nt-late/clues').set(auth).send({ clues: [clue('L1'), clue('L2', { unitCode: undefined })] }).expect(200);
    // The import already shows level 4 in the ledger; the workflow then records each rise on the timeline.
    const rises = async (no: string) =>
      (await s.http.get(`/api/v1/clues/${no}?campaignId=nt-late`).set(auth)).body.timeline.filter((t: { action: string }) => t.action === 'escalated').length;
    for (let i = 0; i < 300 && ((await rises('L1')) < 4 || (await rises('L2')) < 4); i++) await new Promise((r) => setTimeout(r, 100));
    expect([await rises('L1'), await rises('L2')]).toEqual([4, 4]);

    const officer = await tokenFor('unit_officer', 'hsg-jd');
    await s.http.post('/api/v1/campaigns/nt-late/digests/run').set(officer).expect(403);
    await s.http.post('/api/v1/campaigns/nt-late/digests/run').set(auth).expect(202);
    const escalations = async () =>
      (await s.http.get('/api/v1/outbox?campaignId=nt-late&kind=escalation').set(auth).expect(200)).body.items
        .map((m: { recipients: Array<{ email: string }> }) => m.recipients.map((r) => r.email).join(','))
        .sort();
    const chain = ['discipline@example.org', 'hsg-jd-leader@example.org', 'hsg-jd-officer@example.org', 'taskforce@example.org'];
    for (let i = 0; i < 300 && (await escalations()).length < 4; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await escalations()).toEqual(chain);
    const taskForce = (await s.http.get('/api/v1/outbox?campaignId=nt-late&kind=escalation').set(auth).expect(200)).body.items.find(
      (m: { recipients: Array<{ email: string }> }) => m.recipients[0]?.email === 'taskforce@example.org',
    );
    expect(taskForce.text).toContain('L1');
    expect(taskForce.text).toContain('L2');
    // The task force hears of the clue waiting for it to dispatch in a digest of its own.
    const forTaskForce = (await s.http.get('/api/v1/outbox?campaignId=nt-late&kind=digest').set(auth).expect(200)).body.items.filter(
      (m: { recipients: Array<{ email: string }> }) => m.recipients.some((r) => r.email === 'taskforce@example.org'),
    );
    expect(forTaskForce).toHaveLength(1);
    expect(forTaskForce[0]).toMatchObject({ unitCode: null, text: expect.stringContaining('L2') });
    const digest = (await s.http.get('/api/v1/outbox?campaignId=nt-late&kind=digest&unitCode=hsg-jd').set(auth).expect(200)).body.items;
    expect(digest).toHaveLength(1);
    expect(digest[0].text).toContain('L1');

    // Asking again the same day sends nothing new.
    await s.http.post('/api/v1/campaigns/nt-late/digests/run').set(auth).expect(202);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await escalations()).toEqual(chain);
  });
});

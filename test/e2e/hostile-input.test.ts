/**
 * The API as a careless or hostile client meets it (issue 10): every bad value is a clear 4xx in
 * the JSON error shape, and nothing is stored, started or changed by it — on the real stack.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { localDate } from '../../domain/time';
import { shiftedPlan, withDemoContacts } from '../../db/seed/demo';
import { clue, goodTeam, planDocument } from '../support/fixtures';
import { ADMIN, startStack, type Stack } from '../support/stack';

jest.setTimeout(180_000);

const NUL = '\u0000';

describe('hostile and careless input', () => {
  let s: Stack;
  let base: string;
  const admin = { Authorization: `Bearer ${ADMIN}` };
  const as: Record<string, { Authorization: string }> = {};
  const campaignId = 'hostile-1';
  const plan = { ...withDemoContacts(shiftedPlan(localDate(Date.now(), 'Asia/Shanghai'))), id: campaignId };

  const token = async (name: string, role: string, unitCode?: string) => {
    const res = await s.http.post('/api/v1/tokens').set(admin).send({ role, unitCode, name }).expect(201);
    as[name] = { Authorization: `Bearer ${res.body.token}` };
  };
  const importClues = (clues: unknown[]) => s.http.post(`/api/v1/campaigns/${campaignId}/clues`).set(admin).send({ clues });
  const ledger = async (clueNo: string) =>
    (await s.database.db.query(`SELECT stage, unit_code, seq FROM clues WHERE campaign_id = $1 AND clue_no = $2`, [campaignId, clueNo]))[0];
  const count = async (table: string) => (await s.database.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  /** A raw request, for what supertest and fetch will not send (TRACE, odd charsets, huge bodies). */
  const raw = (method: string, path: string, headers: Record<string, string>, body?: string | Buffer) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: any }>((resolve, reject) => {
      const req = http.request(`${base}${path}`, { method, headers: { ...admin, ...headers } }, (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text ? JSON.parse(text) : undefined }));
      });
      req.on('error', reject);
      req.end(body);
    });

  beforeAll(async () => {
    s = await startStack('postgres');
    const server = s.app.getHttpServer() as http.Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await s.http.post('/api/v1/campaigns').set(admin).send(plan).expect(201);
    await token('officer', 'unit_officer', 'hsg-jd');
    await token('civil', 'department', 'civil');
    await token('inspector', 'inspector');
  });
  afterAll(() => s?.close());

  it('refuses control characters anywhere they can be sent, naming the field', async () => {
    const campaigns = await count('campaigns');
    const title = await s.http.post('/api/v1/campaigns').set(admin).send({ ...planDocument('hostile-nul'), title: `专项${NUL}` }).expect(400);
    expect(title.body).toMatchObject({ error: 'validation_failed', details: [{ field: 'title', message: expect.stringContaining('控制字符') }] });
    expect(await count('campaigns')).toBe(campaigns);
    const tokens = await count('api_tokens');
    await s.http.post('/api/v1/tokens').set(admin).send({ role: 'inspector', name: `督导${NUL}` }).expect(400);
    expect(await count('api_tokens')).toBe(tokens);
    expect((await s.http.get(`/api/v1/clues/%00?campaignId=${campaignId}`).set(admin).expect(400)).body.details[0].field).toBe('clueNo');
    expect((await s.http.get(`/api/v1/clues?campaignId=${campaignId}&q=%00`).set(admin).expect(400)).body.details[0].field).toBe('q');
    const notices = await count('notices');
    const notice = await s.http.post('/api/v1/notices').set(as.inspector).send({ unitCode: 'hsg-jd', finding: `核查不深入${NUL}`, severity: 'general' }).expect(400);
    expect(notice.body.details).toEqual([{ field: 'finding', message: expect.stringContaining('控制字符') }]);
    expect(await count('notices')).toBe(notices);
    // A contact's e-mail address (found by schemathesis: NUL in an address reached the database as a 500).
    const contacts = `/api/v1/campaigns/${campaignId}/units/hsg-jd/contacts`;
    const before = (await s.http.get(`/api/v1/campaigns/${campaignId}`).set(admin).expect(200)).body.units.find((u: { code: string }) => u.code === 'hsg-jd').contacts;
    const mail = await s.http.put(contacts).set(admin).send({ contacts: [{ name: '张三', role: 'officer', email: `zhang${NUL}@hsg.gov.cn` }] }).expect(400);
    expect(mail.body.details).toEqual([{ field: 'contacts.0.email', message: '不是有效的邮箱地址（如 name@example.gov.cn）' }]);
    const after = (await s.http.get(`/api/v1/campaigns/${campaignId}`).set(admin).expect(200)).body.units.find((u: { code: string }) => u.code === 'hsg-jd').contacts;
    expect(after).toEqual(before);
  });

  it('keeps the good rows of an import and reports each bad one by row, never half-writing', async () => {
    const res = await importClues([
      clue('H-1'),
      clue('H-2', { amountInvolved: 1e15 }),
      clue('H-3', { issuedAt: '2024-02-30' }),
      clue('H-4', { issuedAt: '0000-00-00', subjectName: `李${NUL}` }),
    ]).expect(200);
    expect(res.body.accepted).toBe(1);
    expect(res.body.rejected).toEqual([
      { row: 2, clueNo: 'H-2', errors: [expect.stringMatching(/^amountInvolved: 金额过大/)] },
      { row: 3, clueNo: 'H-3', errors: [expect.stringMatching(/^issuedAt: 2024-02-30 不是真实存在的日期/)] },
      { row: 4, clueNo: 'H-4', errors: expect.arrayContaining([expect.stringMatching(/^subjectName: .*控制字符/), expect.stringMatching(/^issuedAt: /)]) },
    ]);
    expect(await ledger('H-1')).toMatchObject({ stage: 'verifying' });
    for (const n of ['H-2', 'H-3', 'H-4']) expect(await ledger(n)).toBeUndefined();

    const many = Array.from({ length: 600 }, (_, i) => clue(`M-${i + 1}`, i === 549 ? { amountInvolved: -5 } : {}));
    const big = await importClues(many).expect(200);
    expect(big.body).toMatchObject({ accepted: 599, rejected: [{ row: 550, clueNo: 'M-550', errors: [expect.stringContaining('金额应 ≥ 0')] }] });
    const stored = await s.database.db.query<{ n: number; started: number }>(
      `SELECT count(*)::int AS n, count(workflow_started_at)::int AS started FROM clues WHERE campaign_id = $1 AND clue_no LIKE 'M-%'`,
      [campaignId],
    );
    expect(stored[0].n).toBe(599);
  });

  it('answers the HTTP edges with 413, 415, 400 and 405 in the JSON error shape', async () => {
    const before = await count('campaigns');
    const huge = await raw('POST', '/api/v1/campaigns', { 'content-type': 'application/json' }, `{"id":"${'x'.repeat(66 * 1024 * 1024)}"}`);
    expect(huge).toMatchObject({ status: 413, body: { error: 'payload_too_large' } });
    const latin1 = await raw('POST', '/api/v1/campaigns', { 'content-type': 'application/json; charset=latin1' }, '{}');
    expect(latin1).toMatchObject({ status: 415, body: { error: 'unsupported_media_type' } });
    const text = await raw('POST', '/api/v1/campaigns', { 'content-type': 'text/plain' }, '{}');
    expect(text).toMatchObject({ status: 415, body: { error: 'unsupported_media_type' } });
    const deep = await raw('POST', '/api/v1/campaigns', { 'content-type': 'application/json' }, '['.repeat(5000) + ']'.repeat(5000));
    expect(deep).toMatchObject({ status: 400, body: { error: 'json_too_deep' } });
    const trace = await raw('TRACE', '/api/v1/clues', {});
    expect(trace).toMatchObject({ status: 405, body: { error: 'method_not_allowed' } });
    expect(trace.headers.allow).toBe('GET');
    const draw = await s.http.get(`/api/v1/campaigns/${campaignId}/sampling/1/draws/2147483648/proof`).set(admin).expect(400);
    expect(draw.body.details[0].field).toBe('n');
    const unknown = await s.http.get(`/api/v1/clues?campaignId=${campaignId}&colour=red`).set(admin).expect(400);
    expect(unknown.body.details).toEqual([{ field: 'colour', message: expect.stringContaining('未知字段') }]);
    expect(await count('campaigns')).toBe(before);
  });

  it('refuses an action whose text cannot be stored, before it reaches the workflow', async () => {
    await importClues([clue('A-1', { unitCode: undefined })]).expect(200);
    const before = await ledger('A-1');
    const dispatch = await s.http.post(`/api/v1/clues/A-1/dispatch?campaignId=${campaignId}`).set(admin).send({ unitCode: 'hsg-jd', reason: `调整${NUL}` }).expect(400);
    expect(dispatch.body.details).toEqual([{ field: 'reason', message: expect.stringContaining('控制字符') }]);
    expect(await ledger('A-1')).toEqual(before);
    await s.http.post(`/api/v1/clues/A-1/dispatch?campaignId=${campaignId}`).set(admin).send({ unitCode: 'hsg-jd' }).expect(200);
    const verification = { team: goodTeam, methods: ['site_visit'], conclusion: 'unsubstantiated', findings: `属实${NUL}` };
    await s.http.post(`/api/v1/clues/A-1/verification?campaignId=${campaignId}`).set(as.officer).send(verification).expect(400);
    const noCampaign = await s.http.post('/api/v1/clues/A-1/verification').set(as.officer).send({ ...verification, findings: 'ok' }).expect(400);
    expect(noCampaign.body.details[0].field).toBe('campaignId');
    expect(await ledger('A-1')).toMatchObject({ stage: 'verifying', unit_code: 'hsg-jd' });
  });

  it('exports CSV that Excel opens without running formulas, and refuses formula cells with no value', async () => {
    await importClues([clue('F-1', { subjectName: '=HYPERLINK("http://evil.example","点我")', community: '+1' })]).expect(200);
    const csv = await s.http.get(`/api/v1/campaigns/${campaignId}/ledger.csv?q=F-1`).set(admin).buffer(true).expect(200);
    const [header, row] = parse(csv.text, { bom: true }) as string[][];
    const cell = (title: string) => row[header.indexOf(title)];
    expect(cell('姓名')).toBe(`'=HYPERLINK("http://evil.example","点我")`);
    expect(cell('社区')).toBe(`'+1`);

    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('线索');
    sheet.addRow(['clueNo', 'projectNo', 'subjectName', 'subjectIdNo', 'clueType', 'description', 'amountInvolved']);
    const good = clue('X-1');
    sheet.addRow([good.clueNo, 4, '王某', good.subjectIdNo, good.clueType, good.description, 100]);
    sheet.addRow(['X-2', 4, '赵某', clue('X-2').subjectIdNo, '类型', '描述', { formula: 'SUM(1,2)' }]);
    const res = await s.http.post(`/api/v1/campaigns/${campaignId}/clues`).set(admin).attach('file', Buffer.from(await workbook.xlsx.writeBuffer()), 'x.xlsx').expect(200);
    expect(res.body.accepted).toBe(1);
    expect(res.body.rejected).toEqual([{ row: 3, clueNo: 'X-2', errors: [expect.stringMatching(/^amountInvolved: 单元格 G3 是公式/)] }]);

    // A control character pasted into a CSV cell is dropped, and the reply says so.
    const c = clue('C-1');
    const csvFile = `clueNo,projectNo,subjectName,subjectIdNo,clueType,description,amountInvolved\n${c.clueNo},4,王\u0007某,${c.subjectIdNo},类型,描述,100\n`;
    const fromCsv = await s.http.post(`/api/v1/campaigns/${campaignId}/clues`).set(admin).attach('file', Buffer.from(csvFile), 'c.csv').expect(200);
    expect(fromCsv.body).toMatchObject({ accepted: 1, notes: [{ row: 2, clueNo: 'C-1', notes: ['subjectName: 已删除不可见的控制字符'] }] });
    const c1 = await s.http.get(`/api/v1/clues/C-1?campaignId=${campaignId}`).set(admin).expect(200);
    expect(c1.body.subjectName).toBe('王某');
  });

  it('keeps contacts, tokens and stats within what each role may know', async () => {
    const forOfficer = await s.http.get(`/api/v1/campaigns/${campaignId}`).set(as.officer).expect(200);
    expect(forOfficer.body.units.every((u: { contacts: unknown[] }) => u.contacts.length === 0)).toBe(true);
    const forAdmin = await s.http.get(`/api/v1/campaigns/${campaignId}`).set(admin).expect(200);
    expect(forAdmin.body.units.some((u: { contacts: unknown[] }) => u.contacts.length > 0)).toBe(true);
    const ghost = await s.http.post('/api/v1/tokens').set(admin).send({ role: 'unit_officer', unitCode: 'atlantis', name: '无此单位' }).expect(422);
    expect(ghost.body.details[0].field).toBe('unitCode');
    const stats = await s.http.get(`/api/v1/campaigns/${campaignId}/stats`).set(as.civil).expect(200);
    const list = await s.http.get(`/api/v1/clues?campaignId=${campaignId}&pageSize=1`).set(as.civil).expect(200);
    expect(stats.body.total).toBe(list.body.total);
    expect(stats.body.byProject.map((p: { projectNo: number }) => p.projectNo)).toEqual([4, 5, 6, 7, 8]);
  });
});

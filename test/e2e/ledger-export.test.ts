/**
 * The 台账 export as a district clerk receives it, on a real Temporal dev server and PostgreSQL:
 * the workbook and the CSV hold one row per clue in Chinese, scoped and masked like GET /clues.
 */
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Response } from 'superagent';
import { localDate } from '../../domain/time';
import { shiftedPlan } from '../../db/seed/demo';
import { clue, idNumber, substantiatedVerification } from '../support/fixtures';
import { ADMIN, startStack, type Stack } from '../support/stack';

jest.setTimeout(180_000);

const HEADERS = [
  '线索编号', '项目序号', '项目名称', '核查单位', '姓名', '身份证号', '社区', '线索类型', '涉及金额（元）', '当前阶段',
  '核查结论', '核查不实', '是否抽中复核', '处置方式', '认定金额（元）', '追回金额（元）', '违规类型', '是否逾期', '下一期限',
  '导入时间', '销号时间', '销号人', '销号原因',
];
const AMOUNTS = new Set(['涉及金额（元）', '认定金额（元）', '追回金额（元）']);
const MASKED = /^\d{6}\*{8}\d{3}[\dX]$/;
/** A field a naive CSV writer would break: comma, quotes and a line break. */
const AWKWARD = '湖滨社区,"东区"\n3栋';

const substantiated = substantiatedVerification;

/** supertest buffers only text by default: collect the raw bytes of a file download. */
function binary(res: Response, done: (err: Error | null, body: Buffer) => void) {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}

type Row = Record<string, string>;

/** A workbook's rows as the text a clerk sees, keyed by header, for comparison with the CSV. */
async function xlsxRows(body: Buffer): Promise<{ sheet: ExcelJS.Worksheet; headers: string[]; rows: Row[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Row[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    rows.push(
      Object.fromEntries(
        headers.map((h, i) => {
          const v = row.getCell(i + 1).value;
          if (v === null || v === undefined) return [h, ''];
          if (v instanceof Date) return [h, h === '下一期限' ? v.toISOString().slice(0, 10) : v.toISOString().slice(0, 19).replace('T', ' ')];
          if (typeof v === 'number' && AMOUNTS.has(h)) return [h, v.toFixed(2)];
          return [h, String(v)];
        }),
      ),
    );
  });
  return { sheet, headers, rows };
}

function csvRows(body: Buffer): { headers: string[]; rows: Row[] } {
  const [headers, ...records] = parse(body.toString('utf8'), { bom: true }) as string[][];
  return { headers, rows: records.map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i]]))) };
}

/** An instant as the campaign's clocks (Asia/Shanghai, UTC+8, no daylight saving) show it. */
const shanghai = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

describe('ledger export (台账) through the HTTP API', () => {
  let s: Stack;
  const admin = { Authorization: `Bearer ${ADMIN}` };
  const as: Record<string, { Authorization: string }> = {};
  const campaignId = 'ledger-1';
  const today = localDate(Date.now(), 'Asia/Shanghai');
  const plan: Record<string, any> = { ...shiftedPlan(today), id: campaignId };

  const token = async (name: string, role: string, unitCode?: string) => {
    const res = await s.http.post('/api/v1/tokens').set(admin).send({ role, unitCode, name }).expect(201);
    as[name] = { Authorization: `Bearer ${res.body.token}` };
  };
  const post = (who: { Authorization: string }, clueNo: string, action: string, body: object) =>
    s.http.post(`/api/v1/clues/${clueNo}/${action}?campaignId=${campaignId}`).set(who).send(body).expect(200);
  const ledgerStage = async (clueNo: string) => (await s.http.get(`/api/v1/clues/${clueNo}?campaignId=${campaignId}`).set(admin).expect(200)).body;
  const eventually = async (check: () => Promise<boolean>, label: string) => {
    for (let i = 0; i < 300; i++) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out: ${label}`);
  };
  const download = (ext: 'xlsx' | 'csv', who: { Authorization: string }) =>
    s.http.get(`/api/v1/campaigns/${campaignId}/ledger.${ext}`).set(who).buffer(true).parse(binary).expect(200);

  beforeAll(async () => {
    s = await startStack('postgres');
    await s.http.post('/api/v1/campaigns').set(admin).send(plan).expect(201);
    await token('黄石港街道核查组', 'unit_officer', 'hsg-jd');
    await token('黄石港街道主要领导', 'unit_leader', 'hsg-jd');
    await token('区教育局', 'department', 'edu');
    await token('区纪委监委', 'discipline');
    const imported = await s.http
      .post(`/api/v1/campaigns/${campaignId}/clues`)
      .set(admin)
      .send({
        clues: [
          clue('L-001', { projectNo: 4, unitCode: 'hsg-jd', amountInvolved: 1200.5 }),
          clue('L-002', { projectNo: 1, unitCode: 'syg-jd', amountInvolved: 300 }),
          clue('L-003', { projectNo: 4, unitCode: 'hsg-jd', community: AWKWARD }),
          clue('L-004', { projectNo: 2, unitCode: undefined }),
          clue('L-005', { projectNo: 5, unitCode: 'hsg-jd' }),
        ],
      })
      .expect(200);
    expect(imported.body.accepted).toBe(5);
    const officer = as['黄石港街道核查组'];
    const leader = as['黄石港街道主要领导'];
    // L-001 goes on to disposal (处置中); L-005 all the way to 销号 by the discipline commission.
    for (const no of ['L-001', 'L-005']) {
      await post(officer, no, 'verification', substantiated);
      await post(leader, no, 'signoff', { approve: true });
    }
    await post(admin, 'L-001', 'classification', { dispositions: ['referral', 'rectification'], reason: '涉嫌违纪且需整改' });
    await post(admin, 'L-005', 'classification', { dispositions: ['referral'], reason: '涉嫌违纪' });
    await post(as['区纪委监委'], 'L-005', 'referral-outcome', { outcome: '立案审查', personsHandled: 1 });
    await eventually(async () => (await ledgerStage('L-001')).stage === 'disposing' && (await ledgerStage('L-005')).stage === 'closed', 'ledger rows projected');
  });
  afterAll(() => s?.close());

  it('gives the coordinator a workbook with a bold frozen header and one row per clue in Chinese', async () => {
    const res = await download('xlsx', admin);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const day = today.replace(/-/g, '');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="ledger-${campaignId}-${day}.xlsx"; filename*=UTF-8''${encodeURIComponent(`台账-${campaignId}-${day}.xlsx`)}`,
    );
    const { sheet, headers, rows } = await xlsxRows(res.body);
    expect(headers).toEqual(HEADERS);
    expect(sheet.getCell('A1').font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(rows.map((r) => r['线索编号'])).toEqual(['L-001', 'L-002', 'L-003', 'L-004', 'L-005']);
    const byNo = Object.fromEntries(rows.map((r) => [r['线索编号'], r]));

    expect(byNo['L-001']).toMatchObject({
      项目序号: '4',
      项目名称: '临时救助',
      核查单位: '黄石港街道',
      身份证号: idNumber(1),
      '涉及金额（元）': '1200.50',
      当前阶段: '处置中',
      核查结论: '查实',
      核查不实: '否',
      处置方式: '移交纪检监察机关、组织整改纠正',
      '认定金额（元）': '500.00',
      违规类型: '虚报冒领',
      是否逾期: '否',
      下一期限: plan.deadlines.rectification,
      销号时间: '',
    });
    // Amounts are numbers with two decimals, so a clerk can sum the column.
    const amountCell = sheet.getCell(`I${rows.findIndex((r) => r['线索编号'] === 'L-001') + 2}`);
    expect(amountCell.value).toBe(1200.5);
    expect(amountCell.numFmt).toBe('#,##0.00');
    expect(byNo['L-002']).toMatchObject({ 核查单位: '胜阳港街道', 当前阶段: '核查中', 核查结论: '', 下一期限: plan.deadlines.verification, 身份证号: idNumber(2) });
    expect(byNo['L-004']).toMatchObject({ 核查单位: '', 当前阶段: '待分派', 下一期限: plan.deadlines.mobilization });
    expect(byNo['L-003']['社区']).toBe(AWKWARD);

    const closed = await ledgerStage('L-005');
    expect(byNo['L-005']).toMatchObject({
      当前阶段: '已销号',
      处置方式: '移交纪检监察机关',
      销号人: closed.closedBy,
      销号时间: shanghai(closed.closedAt),
      销号原因: closed.closedReason,
      导入时间: shanghai(closed.importedAt),
      下一期限: '',
    });
    expect(closed.closedBy).toBeTruthy();
  });

  it('gives a unit officer only its own unit rows, with ID numbers masked', async () => {
    const { rows } = await xlsxRows((await download('xlsx', as['黄石港街道核查组'])).body);
    expect(rows.map((r) => r['线索编号'])).toEqual(['L-001', 'L-003', 'L-005']);
    for (const r of rows) expect(r['身份证号']).toMatch(MASKED);
    expect(rows[0]['身份证号']).toBe(`${idNumber(1).slice(0, 6)}********${idNumber(1).slice(-4)}`);
  });

  it('gives a department the clues of its own projects, as GET /clues does', async () => {
    const dept = as['区教育局'];
    const { rows } = await xlsxRows((await download('xlsx', dept)).body);
    const listed = await s.http.get(`/api/v1/clues?campaignId=${campaignId}`).set(dept).expect(200);
    expect(rows.map((r) => r['线索编号'])).toEqual(listed.body.items.map((c: { clueNo: string }) => c.clueNo));
    expect(rows.map((r) => r['线索编号'])).toEqual(['L-002', 'L-004']);
    for (const r of rows) expect(r['身份证号']).toMatch(MASKED);
  });

  it('writes the same rows as CSV: UTF-8 with a BOM, CRLF lines, awkward fields quoted', async () => {
    const csv = await download('csv', admin);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`台账-${campaignId}-`)}`);
    const body: Buffer = csv.body;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = body.toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')[0]).toBe(`\uFEFF${HEADERS.join(',')}`);
    expect(text).toContain('"湖滨社区,""东区""\n3栋"');

    const fromCsv = csvRows(body);
    const fromXlsx = await xlsxRows((await download('xlsx', admin)).body);
    expect(fromCsv.headers).toEqual(HEADERS);
    expect(fromCsv.rows).toEqual(fromXlsx.rows);
    expect(fromCsv.rows.find((r) => r['线索编号'] === 'L-003')!['社区']).toBe(AWKWARD);

    const unit = csvRows((await download('csv', as['黄石港街道核查组'])).body);
    expect(unit.rows.map((r) => r['线索编号'])).toEqual(['L-001', 'L-003', 'L-005']);
    for (const r of unit.rows) expect(r['身份证号']).toMatch(MASKED);
  });

  it('pages through a ledger larger than one database page without losing or repeating a row', async () => {
    const big = 'ledger-big';
    await s.http.post('/api/v1/campaigns').set(admin).send({ ...plan, id: big }).expect(201);
    // Written straight into the ledger: the export reads only the table, and 4,001 workflows would
    // only slow the test down. 4,001 rows = two full pages of 2,000 and one row more.
    await s.database.db.query(
      `INSERT INTO clues (campaign_id, clue_no, project_no, unit_code, subject_name, subject_id_no, clue_type, description, amount_involved, stage)
       SELECT $1, 'B-' || lpad(i::text, 5, '0'), 4, CASE WHEN i % 2 = 0 THEN 'hsg-jd' ELSE 'syg-jd' END, '王某', $2, '重复领取', '比对发现', i, 'verifying'
         FROM generate_series(1, 4001) AS i`,
      [big, idNumber(7)],
    );
    const expected = Array.from({ length: 4001 }, (_, i) => `B-${String(i + 1).padStart(5, '0')}`);
    const all = await s.http.get(`/api/v1/campaigns/${big}/ledger.csv`).set(admin).buffer(true).parse(binary).expect(200);
    const rows = csvRows(all.body).rows;
    expect(rows.map((r) => r['线索编号'])).toEqual(expected);
    expect(rows[4000]['涉及金额（元）']).toBe('4001.00');
    const unit = await s.http.get(`/api/v1/campaigns/${big}/ledger.xlsx`).set(as['黄石港街道核查组']).buffer(true).parse(binary).expect(200);
    expect((await xlsxRows(unit.body)).rows.map((r) => r['线索编号'])).toEqual(expected.filter((_, i) => (i + 1) % 2 === 0));
  });

  it('answers an unknown campaign with 404 and the API error body, and leaves GET /campaigns/:id alone', async () => {
    for (const ext of ['xlsx', 'csv']) {
      const res = await s.http.get(`/api/v1/campaigns/no-such/ledger.${ext}`).set(admin).expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['content-disposition']).toBeUndefined();
      expect(res.body).toEqual({ error: 'not_found', message: expect.stringContaining('no-such') });
    }
    await s.http.get(`/api/v1/campaigns/${campaignId}/ledger.xlsx`).expect(401);
    const campaign = await s.http.get(`/api/v1/campaigns/${campaignId}`).set(admin).expect(200);
    expect(campaign.body).toMatchObject({ id: campaignId, timezone: 'Asia/Shanghai' });
  });
});

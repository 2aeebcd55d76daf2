/** Clue files as a coordinator uploads them: CSV (UTF-8 or an Excel GBK export) and XLSX. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { ADMIN, startStack, type Stack } from '../support/stack';
import { idNumber, planDocument } from '../support/fixtures';

jest.setTimeout(120_000);

describe('clue import from CSV and XLSX files', () => {
  let s: Stack;
  const auth = { Authorization: `Bearer ${ADMIN}` };
  const upload = (buffer: Buffer, filename: string) => s.http.post('/api/v1/campaigns/up-1/clues').set(auth).attach('file', buffer, filename);
  const stored = async () => (await s.database.db.query<{ clue_no: string }>(`SELECT clue_no FROM clues WHERE campaign_id = 'up-1' ORDER BY clue_no`)).map((r) => r.clue_no);

  beforeAll(async () => {
    s = await startStack('postgres');
    await s.http.post('/api/v1/campaigns').set(auth).send(planDocument('up-1')).expect(201);
  });
  afterAll(() => s?.close());

  it('reads an Excel CSV export in GBK with Chinese column titles, row numbers as in the file', async () => {
    const res = await upload(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'clues-gbk.csv')), '线索.csv').expect(200);
    expect(res.body).toMatchObject({ accepted: 1, duplicates: [], workflowsPending: 0 });
    expect(res.body.rejected).toEqual([{ row: 3, clueNo: 'GBK-2', errors: expect.arrayContaining([expect.stringContaining('项目 31 不在本专项')]) }]);
    const clue = await s.http.get('/api/v1/clues/GBK-1?campaignId=up-1').set(auth).expect(200);
    expect(clue.body).toMatchObject({ subjectName: '张某', community: '湖滨社区', amountInvolved: 1200.5, stage: 'verifying', workflowStarted: true });
  });

  it('reads an XLSX sheet: text and number cells, dates, blank rows; an ID number stored as a number is refused', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('线索');
    sheet.addRow(['clueNo', 'projectNo', 'unitCode', 'subjectName', 'subjectIdNo', 'clueType', 'description', 'amountInvolved', 'issuedAt']);
    sheet.addRow(['X-1', 7, 'syg-jd', '刘某', idNumber(11), '重复领取', '同一人在两地领取耕地地力保护补贴', 860, new Date(Date.UTC(2024, 7, 2))]);
    sheet.addRow(['X-2', 7, 'syg-jd', '陈某', 420202198001010015, '重复领取', '身份证号被存成数字', 100, null]);
    sheet.addRow([]);
    sheet.addRow(['X-3', '9', '', '周某', idNumber(12), '名下有车辆', '待分派', '0', null]);
    const res = await upload(Buffer.from(await workbook.xlsx.writeBuffer()), '线索.xlsx').expect(200);
    expect(res.body.accepted).toBe(2);
    expect(res.body.rejected).toEqual([{ row: 3, clueNo: 'X-2', errors: [expect.stringContaining('文本')] }]);
    const x1 = await s.http.get('/api/v1/clues/X-1?campaignId=up-1').set(auth).expect(200);
    expect(x1.body).toMatchObject({ projectNo: 7, unitCode: 'syg-jd', issuedAt: '2024-08-02', amountInvolved: 860 });
    const x3 = await s.http.get('/api/v1/clues/X-3?campaignId=up-1').set(auth).expect(200);
    expect(x3.body).toMatchObject({ projectNo: 9, unitCode: null, stage: 'received' });
  });

  it('refuses a file whose columns it cannot map, naming them, and stores nothing', async () => {
    const before = await stored();
    const csv = '线索编号,项目序号,姓名,身份证号,线索类型,问题描述,备注说明\nBAD-1,4,李某,420202198001010015,类型,描述,无\n';
    const res = await upload(Buffer.from(csv), 'bad.csv').expect(400);
    expect(res.body.error).toBe('invalid_file');
    expect(res.body.message).toContain('备注说明');
    expect(res.body.message).toContain('涉及金额');
    expect(res.body.details).toEqual(
      expect.arrayContaining([{ field: '备注说明', message: '无法识别的列' }, expect.objectContaining({ field: 'amountInvolved' })]),
    );
    expect(await stored()).toEqual(before);
  });

  it('refuses old .xls files and empty bodies with a message that says what to send', async () => {
    const xls = await upload(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'old.xls').expect(400);
    expect(xls.body).toMatchObject({ error: 'invalid_file', message: expect.stringContaining('.xlsx') });
    const none = await s.http.post('/api/v1/campaigns/up-1/clues').set(auth).send({}).expect(400);
    expect(none.body).toMatchObject({ error: 'validation_failed', message: expect.stringContaining('multipart') });
  });
});

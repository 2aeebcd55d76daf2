/**
 * The console as the task force (区专班) sees it (issue 11), in Chromium against the real stack: the
 * overview's figures are the API's, a unit × stage cell opens exactly its clues, the list filters
 * by project and text and exports what it shows, and a clue's history reads in words.
 */
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { CLUE_ACTION_LABELS, labelOf } from '../../domain/labels';
import { STAGES } from '../../domain/vocabulary';
import { launchChromium } from '../support/browser';
import { FINDABLE, OVERDUE, listen, openConsole, seedConsoleCampaign } from '../support/console';
import { ADMIN, startStack, type Stack } from '../support/stack';

jest.setTimeout(60_000);

describe('the console, signed in as the task force', () => {
  let s: Stack;
  let browser: Browser;
  let base: string;
  let page: Page;
  const campaignId = 'console-tf';
  const admin = { Authorization: `Bearer ${ADMIN}` };
  const api = async (path: string) => (await s.http.get(path).set(admin).expect(200)).body;

  /** The clue numbers the list shows once `action` has made it ask GET /clues again and the answer is on screen. */
  const listAfter = async (action: () => Promise<unknown>): Promise<string[]> => {
    const [response] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/clues' && r.request().method() === 'GET'),
      action(),
    ]);
    const { total } = (await response.json()) as { total: number };
    await page.getByTestId('clue-total').filter({ hasText: new RegExp(`^${total}$`) }).waitFor();
    return page.getByTestId('clue-table').locator('tbody .clue-no').allTextContents();
  };

  beforeAll(async () => {
    [s, browser] = await Promise.all([startStack('postgres'), launchChromium()]);
    base = await listen(s);
    await seedConsoleCampaign(s, campaignId, async (role, unitCode) => {
      const res = await s.http.post('/api/v1/tokens').set(admin).send({ role, unitCode, name: `${unitCode} ${role}` }).expect(201);
      return { Authorization: `Bearer ${res.body.token}` };
    });
    page = await openConsole(browser, base, ADMIN, `/overview?campaignId=${campaignId}`);
  });
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it('shows on the overview the figures GET /stats gives: total, per stage, verification rate, overdue', async () => {
    const stats = await api(`/api/v1/campaigns/${campaignId}/stats`);
    await page.getByTestId('total').waitFor();
    expect(await page.getByTestId('total').textContent()).toBe(String(stats.total));
    expect(stats.total).toBe(9);
    for (const stage of STAGES) {
      const shown = await page.locator(`[data-stage="${stage}"] [data-testid="stage-count"]`).textContent();
      expect([stage, Number(shown)]).toEqual([stage, stats.byStage[stage] ?? 0]);
    }
    expect(await page.getByTestId('verification-rate').textContent()).toBe(`${(stats.verificationRate * 100).toFixed(1)}%`);
    expect(stats.verificationRate).toBe(2 / 8);
    const overdue = stats.byUnit.reduce((n: number, u: { overdue: number }) => n + u.overdue, 0);
    expect(await page.getByTestId('overdue-total').textContent()).toBe(String(overdue));
    expect(overdue).toBe(OVERDUE.length);
    // Each unit's row: its overdue count as the API counts it, the furthest behind first.
    const rows = page.getByTestId('unit-matrix').locator('.el-table__body-wrapper tbody tr');
    const names = (await rows.locator('td:first-child').allTextContents()).map((n) => n.trim());
    expect(names).toEqual(['黄石港街道', '胜阳港街道', '江北管理区', '花湖街道', '红旗桥街道', '沈家营街道']);
    const overdueColumn = 1 + STAGES.length + 2;
    for (const u of stats.byUnit as Array<{ name: string; overdue: number }>) {
      expect([u.name, await rows.nth(names.indexOf(u.name)).locator('td').nth(overdueColumn).innerText()]).toEqual([u.name, String(u.overdue)]);
    }
  });

  it('opens from a unit × stage cell the list of exactly those clues', async () => {
    const shown = await listAfter(() => page.locator('[data-testid="unit-matrix"] [data-cell="hsg-jd/verifying"]').first().click());
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ campaignId, unitCode: 'hsg-jd', stage: 'verifying' });
    const expected = (await api(`/api/v1/clues?campaignId=${campaignId}&unitCode=hsg-jd&stage=verifying`)).items.map((c: { clueNo: string }) => c.clueNo);
    expect(expected).toEqual(['CS-H3', 'CS-H4']);
    expect(shown).toEqual(expected);
    expect(await page.getByTestId('clue-total').textContent()).toBe('2');
  });

  it('filters the list by project, then by text, and exports exactly what it shows', async () => {
    expect(await listAfter(() => page.goto(`${base}/clues?campaignId=${campaignId}`))).toHaveLength(9);
    await page.getByTestId('filter-project').click();
    const byProject = await listAfter(() => page.locator('.el-select-dropdown__item:visible', { hasText: '4. 临时救助' }).click());
    expect(new URL(page.url()).searchParams.get('projectNo')).toBe('4');
    expect(byProject).toEqual(['CS-H1', 'CS-H2', 'CS-S1']);

    const query = page.getByTestId('filter-q');
    await query.fill(FINDABLE.subjectName);
    expect(await listAfter(() => query.press('Enter'))).toEqual([FINDABLE.clueNo]);
    expect(new URL(page.url()).searchParams.get('q')).toBe(FINDABLE.subjectName);

    await query.fill('');
    expect(await listAfter(() => page.getByTestId('search').click())).toEqual(['CS-H1', 'CS-H2', 'CS-S1']);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(await download.path());
    const sheet = book.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    const column = header.indexOf('线索编号');
    const rows: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push(String(row.getCell(column).value));
    });
    expect(rows.sort()).toEqual(['CS-H1', 'CS-H2', 'CS-S1']);
  });

  it('opens a clue and tells its history in words, newest first', async () => {
    await listAfter(() => page.goto(`${base}/clues?campaignId=${campaignId}&q=${encodeURIComponent(FINDABLE.subjectName)}`));
    await page.getByTestId('clue-table').locator('.clue-no', { hasText: FINDABLE.clueNo }).click();
    await page.waitForURL(`**/clues/${campaignId}/${FINDABLE.clueNo}`);
    await page.getByTestId('timeline').waitFor();
    const detail = await api(`/api/v1/clues/${FINDABLE.clueNo}?campaignId=${campaignId}`);
    const actions = await page.getByTestId('timeline').locator('.event-action').allTextContents();
    expect(actions).toEqual([...detail.timeline].reverse().map((e: { action: string }) => labelOf(CLUE_ACTION_LABELS, e.action)));
    expect(actions).toEqual(['领导审核通过', '提交核查情况', '逾期升级', '逾期升级', '逾期升级', '逾期升级', '导入线索']);
    const text = await page.getByTestId('timeline').innerText();
    expect(text).toContain('核查结论：查实');
    expect(text).toContain('主要领导审核同意，结论为“查实”');
    expect(text).toContain('逾期升级至第 4 级（区纪委监委）');
    expect(text).not.toMatch(/verification_submitted|signoff_approved|imported/);
    expect(await page.getByTestId('clue-facts').innerText()).toContain('黄石港街道');
    expect(await page.getByTestId('clue-status').innerText()).toContain('待分类处置');
  });

});

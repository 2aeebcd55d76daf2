/**
 * Who may see what in the console (issue 11), in Chromium against the real stack: a unit officer's
 * token shows that unit's clues on every page and only them, another unit's clue by URL is the
 * 「未找到该线索」 page and not its data, and a bad or revoked token ends on the sign-in page saying why.
 */
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { CONSOLE_CLUES, listen, newPage, openConsole, seedConsoleCampaign } from '../support/console';
import { ADMIN, startStack, type Stack } from '../support/stack';

jest.setTimeout(60_000);

describe('the console, as a unit sees it and with a bad token', () => {
  let s: Stack;
  let browser: Browser;
  let base: string;
  const campaignId = 'console-scope';
  const admin = { Authorization: `Bearer ${ADMIN}` };
  const own = [...CONSOLE_CLUES['hsg-jd']];
  const tokens: Record<string, string> = {};
  const issue = async (role: string, unitCode?: string, name = `${unitCode ?? ''} ${role}`) => {
    const res = await s.http.post('/api/v1/tokens').set(admin).send({ role, unitCode, name }).expect(201);
    return res.body.token as string;
  };

  beforeAll(async () => {
    [s, browser] = await Promise.all([startStack('postgres'), launchChromium()]);
    base = await listen(s);
    await seedConsoleCampaign(s, campaignId, async (role, unitCode) => {
      tokens[`${role}:${unitCode}`] ??= await issue(role, unitCode);
      return { Authorization: `Bearer ${tokens[`${role}:${unitCode}`]}` };
    });
  });
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  describe('a unit officer of 黄石港街道', () => {
    let page: Page;
    beforeAll(async () => {
      page = await openConsole(browser, base, tokens['unit_officer:hsg-jd'], `/overview?campaignId=${campaignId}`);
    });

    it('sees only its own unit in the menu and on the overview', async () => {
      await page.getByTestId('total').waitFor();
      expect(await page.getByTestId('total').textContent()).toBe(String(own.length));
      const menu = (await page.locator('.el-menu-item').allTextContents()).map((t) => t.trim());
      expect(menu).toEqual(['总览', '线索', '本单位', '邮件与通报']);
      const units = await page.getByTestId('unit-matrix').locator('.el-table__body-wrapper tbody tr td:first-child').allTextContents();
      expect(units.map((u) => u.trim())).toEqual(['黄石港街道']);
      const body = await page.locator('main').innerText();
      for (const other of ['胜阳港街道', '江北管理区']) expect(body).not.toContain(other);
    });

    it('lists only its own clues, and its unit page queues the same', async () => {
      await page.goto(`${base}/clues?campaignId=${campaignId}&pageSize=50`);
      await page.getByTestId('clue-total').filter({ hasText: new RegExp(`^${own.length}$`) }).waitFor();
      expect((await page.getByTestId('clue-table').locator('tbody .clue-no').allTextContents()).sort()).toEqual(own);
      // No unit filter for a token that sees one unit.
      expect(await page.getByTestId('filter-unit').count()).toBe(0);

      await page.locator('.el-menu-item', { hasText: '本单位' }).click();
      await page.waitForURL('**/units/hsg-jd');
      const queue = page.getByTestId('unit-queue');
      await queue.locator('tbody .clue-no').first().waitFor();
      expect((await queue.locator('tbody .clue-no').allTextContents()).sort()).toEqual(own);
    });

    it('gets the 「未找到该线索」 page, not the data, for another unit’s clue by URL', async () => {
      const other = CONSOLE_CLUES['syg-jd'][0];
      const detail = await s.http.get(`/api/v1/clues/${other}?campaignId=${campaignId}`).set(admin).expect(200);
      await page.goto(`${base}/clues/${campaignId}/${other}`);
      await page.getByTestId('clue-missing').waitFor();
      expect(await page.getByTestId('clue-missing').innerText()).toContain('未找到该线索');
      const shown = await page.locator('main').innerText();
      expect(shown).not.toContain(detail.body.subjectName);
      expect(shown).not.toContain(detail.body.community);
      expect(await page.getByTestId('timeline').count()).toBe(0);
      // Its own clue opens, with the ID number masked for a unit role.
      await page.goto(`${base}/clues/${campaignId}/${own[0]}`);
      await page.getByTestId('timeline').waitFor();
      expect(await page.getByTestId('id-no').textContent()).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    });
  });

  it('keeps a bad token on the sign-in page with the API’s message', async () => {
    const page = await newPage(browser);
    await page.goto(`${base}/overview?campaignId=${campaignId}`);
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByTestId('token').fill('cf_this-token-was-never-issued');
    await page.getByTestId('sign-in').click();
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').innerText()).toContain('访问令牌无效或已撤销');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.context().close();
  });

  it('sends a session whose token is revoked back to sign-in, saying why', async () => {
    const token = await issue('inspector', undefined, '督导组（将被撤销）');
    const page = await openConsole(browser, base, token, `/overview?campaignId=${campaignId}`);
    await page.getByTestId('total').waitFor();
    const listed = await s.http.get('/api/v1/tokens').set(admin).expect(200);
    const id = listed.body.items.find((t: { name: string }) => t.name === '督导组（将被撤销）').id;
    await s.http.delete(`/api/v1/tokens/${id}`).set(admin).expect(200);
    await page.locator('.el-menu-item', { hasText: '线索' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').innerText()).toContain('访问令牌无效或已撤销');
    await page.context().close();
  });
});

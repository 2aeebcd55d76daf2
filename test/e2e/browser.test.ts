/** The browser the console's tests will drive: it starts, renders a page with Chinese text, and answers. */
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';

describe('Chromium for browser tests', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('renders a page and reads back what it shows', async () => {
    const page = await browser.newPage();
    const html = '<title>线索</title><h1>问题线索 42</h1><button onclick="this.textContent=\'已核查\'">核查</button>';
    await page.goto(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    expect(await page.title()).toBe('线索');
    expect(await page.textContent('h1')).toBe('问题线索 42');
    await page.click('button');
    expect(await page.textContent('button')).toBe('已核查');
    const shot = await page.screenshot();
    expect(shot.subarray(1, 4).toString()).toBe('PNG');
  });
});

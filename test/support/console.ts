/**
 * The web console in a real browser for tests (issue 11): Debian's headless Chromium through
 * playwright-core, signed in to a running clueflow that serves web/dist. Launch and sign-in are the
 * ones `npm run screenshots` uses, so a test and the screenshots see the console the same way.
 */
import type { Browser, Page } from 'playwright-core';
import { launchChromium, signIn } from '../../scripts/screenshots';

export interface ConsoleSession {
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** Opens the console at `baseUrl` (e.g. http://127.0.0.1:<port>) signed in with `token`, on `landing`. */
export async function openConsole(baseUrl: string, token: string, landing = '/overview'): Promise<ConsoleSession> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await signIn(page, baseUrl, token, landing);
    return { browser, page, close: () => browser.close() };
  } catch (err) {
    await browser.close();
    throw err;
  }
}

/**
 * screenshots — signs in to a running clueflow console with headless Chromium and saves the
 * overview, the clue list and one clue's page of the demo campaign to docs/screenshots/.
 *
 *   npm run screenshots -- [--url http://localhost:3000] [--token <token>] [--campaign hsg-2024-demo] [--clue DEMO-0001]
 *
 * Defaults: CLUEFLOW_URL or http://localhost:$PORT (3000); CLUEFLOW_TOKEN or the admin token in
 * $DATA_DIR/admin-token (data/admin-token); of the clues furthest along, the one with the longest
 * history. The browser is CHROMIUM_PATH or `chromium` on PATH (Debian's package, as the browser
 * tests use), never a Playwright download. Without a Chinese font every character would be a box:
 * the script stops and says which package to install.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadBinariesConfig } from '../common/config';
import { findOnPath, isExecutable } from '../common/temporal-binaries';
import { STAGES, type Stage } from '../domain/vocabulary';

/** As in test/support/browser.ts: headless, no sandbox (root), and no calls to Google's hosts. */
const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

/** Headless Chromium as installed on the machine; a clear message when there is none. */
async function launchChromium(): Promise<Browser> {
  const explicit = process.env.CHROMIUM_PATH;
  const executablePath = explicit || findOnPath('chromium', loadBinariesConfig().searchPath);
  if (!executablePath || !isExecutable(executablePath)) {
    throw new Error(`no Chromium${explicit ? ` at CHROMIUM_PATH=${explicit}` : ' on PATH'}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** Signs in on the console's sign-in page with `token` and waits for the first page after it. */
export async function signIn(page: Page, baseUrl: string, token: string, landing = '/overview'): Promise<void> {
  await page.goto(new URL(`/login?redirect=${encodeURIComponent(landing)}`, baseUrl).href);
  await page.getByTestId('token').fill(token);
  await page.getByTestId('sign-in').click();
  await page.waitForURL((url) => url.pathname !== '/login', { timeout: 15_000 }).catch(async () => {
    const message = await page.getByTestId('login-error').textContent().catch(() => null);
    throw new Error(`sign-in failed${message ? `: ${message.trim()}` : ''}`);
  });
}

function adminToken(): string {
  const file = path.join(process.env.DATA_DIR || 'data', 'admin-token');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    throw new Error(`no token given and ${file} cannot be read: pass --token or set CLUEFLOW_TOKEN (the admin token npm start prints)`);
  }
}

const NO_CHINESE_FONT = 'no Chinese font installed, so every character would show as a box: install one (Debian: apt-get install fonts-noto-cjk) and run again';

/** Without a CJK font every Chinese character is a box: stop rather than save useless pictures. */
function requireChineseFont(): void {
  let fonts: string;
  try {
    fonts = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  } catch {
    // No fontconfig to ask (not Linux, or a bare image): Chromium finds fonts its own way there.
    console.warn('screenshots: fc-list is not available to check for a Chinese font; if the pictures show boxes, install one (Debian: fonts-noto-cjk)');
    return;
  }
  if (fonts.trim() === '') throw new Error(NO_CHINESE_FONT);
}

async function getJson<T>(baseUrl: string, token: string, path: string): Promise<T> {
  const res = await fetch(new URL(path, baseUrl), { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** Of the clues furthest along their lifecycle, the one with the longest history, so its page shows one. */
async function richestClue(baseUrl: string, token: string, campaignId: string): Promise<string> {
  const id = encodeURIComponent(campaignId);
  const { items } = await getJson<{ items: Array<{ clueNo: string; stage: Stage }> }>(baseUrl, token, `/api/v1/clues?campaignId=${id}&pageSize=200`);
  const rank = (stage: Stage) => (stage === 'transferred' ? -1 : STAGES.indexOf(stage));
  const top = Math.max(...items.map((c) => rank(c.stage)));
  const furthest = items.filter((c) => rank(c.stage) === top);
  if (furthest.length === 0) throw new Error(`campaign ${campaignId} has no clues to show`);
  const histories = await Promise.all(
    furthest.map(async (c) => ({ clueNo: c.clueNo, events: (await getJson<{ timeline: unknown[] }>(baseUrl, token, `/api/v1/clues/${encodeURIComponent(c.clueNo)}?campaignId=${id}`)).timeline.length })),
  );
  return histories.sort((a, b) => b.events - a.events || a.clueNo.localeCompare(b.clueNo))[0].clueNo;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { url: { type: 'string' }, token: { type: 'string' }, campaign: { type: 'string' }, clue: { type: 'string' }, out: { type: 'string' } },
  });
  const baseUrl = values.url ?? process.env.CLUEFLOW_URL ?? `http://localhost:${process.env.PORT || 3000}`;
  const token = values.token ?? process.env.CLUEFLOW_TOKEN ?? adminToken();
  const campaignId = values.campaign ?? 'hsg-2024-demo';
  const out = path.resolve(values.out ?? path.join(__dirname, '../../docs/screenshots'));
  mkdirSync(out, { recursive: true });
  requireChineseFont();

  const clueNo = values.clue ?? (await richestClue(baseUrl, token, campaignId));
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await signIn(page, baseUrl, token, `/overview?campaignId=${encodeURIComponent(campaignId)}`);
    const shots: Array<{ file: string; path: string; ready: string }> = [
      { file: 'overview.png', path: `/overview?campaignId=${encodeURIComponent(campaignId)}`, ready: 'project-matrix' },
      { file: 'clues.png', path: `/clues?campaignId=${encodeURIComponent(campaignId)}&sort=deadline`, ready: 'clue-table' },
      { file: 'clue-detail.png', path: `/clues/${encodeURIComponent(campaignId)}/${encodeURIComponent(clueNo)}`, ready: 'timeline' },
    ];
    for (const shot of shots) {
      await page.goto(new URL(shot.path, baseUrl).href);
      await page.getByTestId(shot.ready).waitFor({ timeout: 15_000 });
      await page.waitForLoadState('networkidle');
      // Charts animate in; a picture mid-animation shows half-drawn bars.
      await page.waitForTimeout(1_200);
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: path.join(out, shot.file), fullPage: true });
      console.log(`screenshots: ${shot.path} → ${path.relative(process.cwd(), path.join(out, shot.file))}`);
    }
  } finally {
    await browser.close();
  }
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`screenshots: ${err.message ?? err}`);
    process.exit(1);
  });
}

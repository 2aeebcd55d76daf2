/**
 * The web console in a real browser for tests (issue 11): the built console (web/dist) served by the
 * stack's own HTTP server on a loopback port, driven by headless Chromium through playwright-core.
 * Sign-in is the one `npm run screenshots` uses, so a test and the screenshots see the console alike.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import type * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { signIn } from '../../scripts/screenshots';
import type { Stack } from './stack';

const ROOT = path.resolve(__dirname, '..', '..');
const BUILT = path.join(ROOT, 'web', 'dist', 'index.html');
/** What the built console is made of: its sources, the domain rules it imports, its build and its dependencies. */
const INPUTS = ['web/src', 'web/index.html', 'web/vite.config.mts', 'web/tsconfig.json', 'domain', 'package-lock.json'];

function newestChange(file: string): number {
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(file).reduce((newest, name) => Math.max(newest, newestChange(path.join(file, name))), stat.mtimeMs);
}

/**
 * Builds web/dist (`npm run build:web`) when it is missing or older than what it is built from, so
 * browser tests never drive a stale console. A few seconds, once per run; nothing when it is current.
 */
export function ensureConsoleBuilt(log: (line: string) => void): void {
  const built = fs.existsSync(BUILT) ? fs.statSync(BUILT).mtimeMs : 0;
  const sources = Math.max(...INPUTS.map((p) => newestChange(path.join(ROOT, p))));
  if (built > sources) return;
  log(built ? 'the console changed since web/dist was built; building it (npm run build:web) …' : 'building the console (npm run build:web) …');
  const result = spawnSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.error || result.status !== 0) {
    throw new Error(`npm run build:web failed (${result.error?.message ?? `exit code ${result.status}`}); the browser tests need the built console`);
  }
}

/** Makes the stack's HTTP server listen on a loopback port (startStack only initialises it) and gives its base URL. */
export async function listen(stack: Stack): Promise<string> {
  const server = stack.app.getHttpServer() as http.Server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A fresh browser context (its own sessionStorage, so its own sign-in) at the size the screenshots use. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
  return context.newPage();
}

/** A page signed in to the console at `baseUrl` with `token`, on `landing`. */
export async function openConsole(browser: Browser, baseUrl: string, token: string, landing = '/overview'): Promise<Page> {
  const page = await newPage(browser);
  await signIn(page, baseUrl, token, landing);
  return page;
}

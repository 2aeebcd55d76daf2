/**
 * The Chromium that browser tests drive with playwright-core (Playwright's own browser download
 * cannot work on a machine that reaches only the package registries): CHROMIUM_PATH, else
 * `chromium` on PATH, which the end-to-end tier's set-up installs from Debian's packages when it is
 * missing. (@sparticuz/chromium, a Chromium inside an npm package, was tried too: its binary needs
 * the system's NSS libraries, libnss3 and libnspr4, and would not start on a minimal Debian, where
 * Debian's chromium installs with everything it needs.)
 */
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import { chromium, type Browser } from 'playwright-core';
import { loadBinariesConfig } from '../../common/config';
import { findOnPath, isExecutable } from '../../common/temporal-binaries';

/**
 * Headless, as root (no sandbox), and quiet: without the networking flags Chromium keeps calling
 * Google's hosts, which this machine's closed network refuses.
 */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];

function findChromium(): string | undefined {
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`CHROMIUM_PATH=${explicit} is not an executable file`);
    return explicit;
  }
  return findOnPath('chromium', loadBinariesConfig().searchPath);
}

const HOW_TO_GET_ONE = 'set CHROMIUM_PATH to a Chromium or Chrome executable, or install Debian\'s chromium (apt-get install chromium)';

/** The browser's executable; the set-up has made sure there is one. */
export function chromiumExecutablePath(): string {
  const found = findChromium();
  if (!found) throw new Error(`no Chromium: ${HOW_TO_GET_ONE}`);
  return found;
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error || result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.error?.message ?? `exit code ${result.status}`}); ${HOW_TO_GET_ONE}`);
  }
}

/** Installs Debian's chromium when no browser is found: as root, non-interactive, waiting for another apt to finish. */
export function ensureChromium(log: (line: string) => void): void {
  if (findChromium()) return;
  const apt = findOnPath('apt-get', loadBinariesConfig().searchPath);
  if (!apt || os.userInfo().uid !== 0) throw new Error(`no Chromium for the browser tests: ${HOW_TO_GET_ONE}`);
  log('no Chromium found; installing Debian\'s chromium and a Chinese font (fonts-noto-cjk) with apt-get (once) …');
  const lockWait = ['-o', 'DPkg::Lock::Timeout=300'];
  run(apt, ['-q', ...lockWait, 'update']);
  // Without a CJK font the console's pages (and npm run screenshots) would show every character as a box.
  run(apt, ['-q', '-y', ...lockWait, 'install', '--no-install-recommends', 'chromium', 'fonts-noto-cjk']);
  if (!findChromium()) throw new Error(`apt-get installed chromium, yet it is not on PATH; ${HOW_TO_GET_ONE}`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumExecutablePath(), args: CHROMIUM_ARGS });
}

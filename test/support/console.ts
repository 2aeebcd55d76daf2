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
import { overduePlan } from '../../db/seed/demo';
import { localDate } from '../../domain/time';
import { signIn } from '../../scripts/screenshots';
import { clue, substantiatedVerification } from './fixtures';
import { ADMIN, type Stack } from './stack';
import { waitFor } from './wait';

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

/**
 * A campaign in the shape the console's tests read, seeded through the API: the plan moved so that
 * its verification deadline passed 15 days ago (db/seed/demo overduePlan), nine clues across three
 * units and three projects, two of them verified and signed off, one awaiting sign-off, one
 * transferred up, the rest untouched and so overdue at the top escalation level (第 4 级).
 */
export const CONSOLE_CLUES = {
  'hsg-jd': ['CS-H1', 'CS-H2', 'CS-H3', 'CS-H4'],
  'syg-jd': ['CS-S1', 'CS-S2', 'CS-S3'],
  'jb-glq': ['CS-J1', 'CS-J2'],
} as const;

/** Verified and signed off (查实): now with the task force to classify, and on time again. */
export const SIGNED_OFF = ['CS-H1', 'CS-S3'];
/** The one clue whose subject the text filter finds. */
export const FINDABLE = { clueNo: 'CS-H1', subjectName: '周建国' };
/** Still with their units past the verification deadline. */
export const OVERDUE = ['CS-H2', 'CS-H3', 'CS-H4', 'CS-S1', 'CS-S2', 'CS-J1'];

export async function seedConsoleCampaign(
  stack: Stack,
  campaignId: string,
  tokenFor: (role: string, unitCode?: string) => Promise<{ Authorization: string }>,
): Promise<void> {
  const admin = { Authorization: `Bearer ${ADMIN}` };
  const plan = { ...overduePlan(localDate(Date.now(), 'Asia/Shanghai')), id: campaignId };
  await stack.http.post('/api/v1/campaigns').set(admin).send(plan).expect(201);
  const projectOf: Record<string, number> = { 'CS-H1': 4, 'CS-H2': 4, 'CS-H3': 1, 'CS-H4': 1, 'CS-S1': 4, 'CS-S2': 16, 'CS-S3': 16, 'CS-J1': 1, 'CS-J2': 16 };
  const clues = Object.entries(CONSOLE_CLUES).flatMap(([unitCode, nos]) =>
    nos.map((no, i) =>
      clue(no, {
        unitCode,
        projectNo: projectOf[no],
        subjectName: no === FINDABLE.clueNo ? FINDABLE.subjectName : `对象${no.slice(3)}`,
        community: `${['湖滨', '沿湖', '江北'][i % 3]}社区`,
        amountInvolved: 1000 + 100 * i,
      }),
    ),
  );
  const imported = await stack.http.post(`/api/v1/campaigns/${campaignId}/clues`).set(admin).send({ clues }).expect(200);
  expect(imported.body.accepted).toBe(clues.length);
  // Every clue's workflow records the four escalation levels as it starts; act only once all have.
  // (Acting while a clue still climbs races ClueCase.escalate(), which can then record levels for a
  // stage the clue has already left.)
  const climbed = async (clueNo: string) => {
    const { body } = await stack.http.get(`/api/v1/clues/${clueNo}?campaignId=${campaignId}`).set(admin).expect(200);
    return body.timeline.filter((e: { action: string }) => e.action === 'escalated').length === 4;
  };
  await waitFor(async () => (await Promise.all(clues.map((c) => climbed(c.clueNo)))).every(Boolean), 'every clue escalated to level 4', 300);
  const atTopLevel = async (n: number) =>
    (await stack.http.get(`/api/v1/clues?campaignId=${campaignId}&overdue=true&escalationLevel=4`).set(admin).expect(200)).body.total === n;
  const act = async (who: { Authorization: string }, clueNo: string, action: string, body: object) =>
    stack.http.post(`/api/v1/clues/${clueNo}/${action}?campaignId=${campaignId}`).set(who).send(body).expect(200);
  for (const no of SIGNED_OFF) {
    const unit = no.startsWith('CS-H') ? 'hsg-jd' : 'syg-jd';
    await act(await tokenFor('unit_officer', unit), no, 'verification', substantiatedVerification);
    await act(await tokenFor('unit_leader', unit), no, 'signoff', { approve: true, comment: '同意' });
  }
  await act(await tokenFor('unit_officer', 'hsg-jd'), 'CS-H2', 'verification', substantiatedVerification);
  await act(admin, 'CS-J2', 'transfer-up', { reason: '涉事人员干部管理权限在市级' });
  await waitFor(() => atTopLevel(OVERDUE.length), 'the clues acted on out of the overdue ones', 100);
}

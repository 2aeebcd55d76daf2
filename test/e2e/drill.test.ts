/**
 * The fault drill, trimmed (`npm run drill` is the full one): the API and two workers as processes of
 * their own, compiled as production runs them; a Temporal dev server and a PostgreSQL of the drill's
 * own, really stopped and started again; workers really SIGKILLed; the API flooded — while the
 * simulator drives a small campaign. Every check of the drill must hold: clues where their plan ends,
 * reconcile clean, nothing doubled or missing, 503 with a clear body while a dependency was down.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runDrill } from '../../scripts/drill/run';

jest.setTimeout(420_000);

const ROOT = path.join(__dirname, '..', '..');
// Its own folder: mail-crash.test.ts builds into .test-build and removes it, perhaps at the same time.
const BUILD = path.join(ROOT, '.test-build-drill');

describe('fault drill', () => {
  beforeAll(() => {
    const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', BUILD], { cwd: ROOT, encoding: 'utf8' });
    if (tsc.status !== 0) throw new Error(`build failed: ${tsc.stdout}${tsc.stderr}`);
  });
  afterAll(() => fs.rmSync(BUILD, { recursive: true, force: true }));

  it('loses nothing and doubles nothing through worker kills, a Temporal and a PostgreSQL outage and a flood', async () => {
    const lines: string[] = [];
    const report = await runDrill({
      build: BUILD,
      cluesPerRound: 12,
      minRounds: 1,
      concurrency: 4,
      workers: 2,
      postgresDownMs: 5_000,
      temporalDownMs: 4_000,
      floodRequests: 100,
      floodConcurrency: 40,
      randomKills: 1,
      gapMs: 1_500,
      seed: 1,
      log: (line) => lines.push(line),
    });
    const failed = report.checks.filter((c) => !c.ok);
    if (failed.length) process.stderr.write(`${lines.join('\n')}\n`);
    expect(failed).toEqual([]);
    expect(report.faults.map((f) => f.fault.split(' ')[0])).toEqual(['SIGKILL', '2', 'stop', 'stop', 'flood:', 'SIGKILL']);
    expect(report.rounds.reduce((n, r) => n + r.clues, 0)).toBeGreaterThanOrEqual(12);
  });
});

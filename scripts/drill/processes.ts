/**
 * clueflow's API and workers as child processes (`node <dist>/api/main.js`, `node <dist>/worker/main.js`),
 * the production shape: the drill can SIGKILL one and start it again. Each knows its own PID only.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export class NodeProcess {
  private child: ChildProcess | undefined;
  /** It logged that it is up (API listening, worker polling) since its last start. */
  ready = false;
  /** Exits the drill did not cause (a crash), with how it ended. */
  readonly unplannedExits: string[] = [];
  readonly output: string[] = [];
  private expectingExit = false;
  starts = 0;

  constructor(
    readonly name: string,
    private readonly script: string,
    private readonly env: NodeJS.ProcessEnv,
    /** What its log says once it is up. */
    private readonly readyLine: string,
    private readonly onUnplannedExit?: (p: NodeProcess, how: string, wasReady: boolean) => void,
  ) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): void {
    this.expectingExit = false;
    this.ready = false;
    this.starts++;
    const child = spawn(process.execPath, [this.script], { env: this.env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    const keep = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      if (this.child === child && text.includes(this.readyLine)) this.ready = true;
      this.output.push(text);
      if (this.output.length > 400) this.output.splice(0, 200);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    child.once('exit', (code, signal) => {
      if (this.expectingExit || this.child !== child) return;
      const how = signal ? `signal ${signal}` : `code ${code}`;
      this.unplannedExits.push(`${new Date().toISOString()} ${how}: ${this.output.slice(-3).join('').slice(-600)}`);
      this.onUnplannedExit?.(this, how, this.ready);
    });
  }

  /** Kills it with `signal` and waits for it to be gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    this.expectingExit = true;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill(signal);
      if (signal !== 'SIGKILL') setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
    });
  }
}

/** Resolves once GET `url` answers 200 (the API is listening), or throws after `ms`. */
export async function waitForHttp(url: string, ms: number, alive: () => boolean): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`the process serving ${url} exited`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${ms / 1000} s`);
}

/** A one-line progress bar on stderr (or a line every 10 s when stderr is not a terminal). */
export class Progress {
  private done = 0;
  private readonly started = performance.now();
  private lastDraw = 0;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly enabled: boolean,
    private readonly errors: () => number = () => 0,
  ) {
    this.draw(true);
  }

  add(n: number): void {
    this.done += n;
    this.draw(false);
  }

  end(): void {
    this.draw(true);
    if (this.enabled && process.stderr.isTTY) process.stderr.write('\n');
  }

  private draw(force: boolean): void {
    if (!this.enabled) return;
    const now = performance.now();
    const tty = process.stderr.isTTY;
    if (!force && now - this.lastDraw < (tty ? 200 : 10_000)) return;
    this.lastDraw = now;
    const width = 30;
    const frac = this.total ? this.done / this.total : 1;
    const filled = Math.round(frac * width);
    const secs = (now - this.started) / 1000;
    const rate = secs > 0 ? this.done / secs : 0;
    const errors = this.errors();
    const line = `[simulate] ${this.label.padEnd(8)} ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${this.done}/${this.total}  ${rate.toFixed(1)}/s  ${secs.toFixed(0)}s${errors ? `  ${errors} unexpected` : ''}`;
    process.stderr.write(tty ? `\r${line}` : `${line}\n`);
  }
}

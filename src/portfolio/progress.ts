/**
 * The portfolio's progress line on a terminal: `[done/total] rate repos/s current`, redrawn in place
 * on stderr. Nothing on a stream that is not a terminal, nor in CI (CI set), where logs keep every
 * carriage return as a line.
 */
import { basename } from 'node:path';
import { sanitizeExcerpt } from '../detect/sanitize.js';

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export class Progress {
  private done = 0;
  private readonly start: number;
  private readonly on: boolean;
  constructor(
    private readonly total: number,
    private readonly stream: ProgressStream = process.stderr,
    env: NodeJS.ProcessEnv = process.env,
    private readonly now: () => number = Date.now,
  ) {
    this.start = now();
    this.on = stream.isTTY === true && total > 0 && !(env.CI && env.CI !== 'false' && env.CI !== '0');
  }

  /** One more repository done (scanned or failed); `current` is its path. */
  tick(current: string): void {
    this.done += 1;
    if (!this.on) return;
    const secs = (this.now() - this.start) / 1000;
    const rate = secs > 0 ? (this.done / secs).toFixed(1) : '-';
    const name = sanitizeExcerpt(basename(current), 40);
    const line = `[${this.done}/${this.total}] ${rate} repos/s ${name}`;
    const width = this.width();
    this.stream.write(`\r${line.slice(0, width).padEnd(width)}`);
  }

  /** Clears the line, so that what follows on stderr starts at the left edge. */
  end(): void {
    if (this.on && this.done > 0) this.stream.write(`\r${' '.repeat(this.width())}\r`);
  }

  private width(): number {
    return Math.max(10, Math.min((this.stream.columns || 80) - 1, 80));
  }
}

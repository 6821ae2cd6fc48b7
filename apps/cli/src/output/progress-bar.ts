import { MultiBar, type SingleBar } from 'cli-progress';
import type { Output } from './output.js';

/**
 * A live progress bar on stderr when it is a terminal (cli-progress), with lines logged above it; elsewhere no bar,
 * and the lines go to stdout as plain text, one per event, so logs and CI output stay readable.
 */
export class ProgressBar {
  private readonly multibar: MultiBar | undefined;
  private bar: SingleBar | undefined;

  constructor(
    private readonly output: Output,
    format: string,
  ) {
    if (output.interactive) {
      this.multibar = new MultiBar({
        format,
        stream: process.stderr,
        barsize: 12,
        barCompleteChar: '█',
        barIncompleteChar: '░',
        hideCursor: true,
        clearOnComplete: true,
        fps: 8,
        // Keep the bar within narrow terminals rather than wrapping.
        linewrap: false,
        autopadding: true,
      });
    }
  }

  /** Shows the bar at 0 of `total`. */
  start(total: number, payload: Record<string, string>): void {
    this.bar = this.multibar?.create(total, 0, payload);
  }

  update(value: number, payload: Record<string, string>): void {
    this.bar?.update(value, payload);
  }

  setTotal(total: number): void {
    this.bar?.setTotal(total);
  }

  /** A line above the bar (terminal) or on stdout (otherwise). */
  log(line: string): void {
    if (this.multibar !== undefined) this.multibar.log(`${line}\n`);
    else this.output.line(line);
  }

  stop(): void {
    this.multibar?.stop();
    this.bar = undefined;
  }
}

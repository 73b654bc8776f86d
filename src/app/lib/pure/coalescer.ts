// Coalesces updates into one repaint per interval: tokens and results arrive far faster than a page needs to
// repaint, and each repaint is a main-thread frame competing with the model for a core.
import type { Host } from './ports';

export class Coalescer {
  private cancel: (() => void) | null = null;

  constructor(
    private readonly flush: () => void,
    private readonly later: Host['later'],
    private readonly everyMs: number,
  ) {}

  /** Flushes within everyMs (once, however many calls come before). */
  schedule(): void {
    this.cancel ??= this.later(() => this.now(), this.everyMs);
  }

  /** Flushes now, dropping the pending one. */
  now(): void {
    this.cancel?.();
    this.cancel = null;
    this.flush();
  }
}

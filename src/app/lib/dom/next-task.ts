// Ends the current task so the browser can paint and handle input: long chains of awaits otherwise run as
// microtasks inside the one task that resolved them (an IndexedDB event), however much work they do.
import type { Host } from '../pure/ports';

export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Resolves once the page has rendered a frame (or after 100 ms, as in a hidden tab, where frames do not come). */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timeout = setTimeout(resolve, 100);
    requestAnimationFrame(() =>
      setTimeout(() => {
        clearTimeout(timeout);
        resolve();
      }, 0),
    );
  });
}

/** The page's scheduling, as the state classes take it. */
export const browserHost: Host = {
  nextTask,
  afterNextPaint,
  later(fn, ms) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};

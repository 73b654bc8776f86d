// Ends the current task so the browser can paint and handle input: long chains of awaits otherwise run as
// microtasks inside the one task that resolved them (an IndexedDB event), however much work they do.
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

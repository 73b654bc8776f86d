// Pause, resume and cancel for a run, usable from a UI button or a CLI signal handler.
// Pausing stops new items from starting; in-flight ones finish and are stored. Cancelling aborts in-flight ones.

export type ControlState = 'running' | 'paused' | 'cancelled';

export interface RunControl {
  readonly state: ControlState;
  /** Aborted when the run is cancelled. */
  readonly signal: AbortSignal;
  pause(): void;
  resume(): void;
  cancel(): void;
  /** Resolves once running (or cancelled). */
  whenRunning(): Promise<void>;
  /** Called on every state change; returns an unsubscribe function. */
  onChange(listener: (state: ControlState) => void): () => void;
}

export function createRunControl(): RunControl {
  const controller = new AbortController();
  let state: ControlState = 'running';
  let wake: (() => void) | null = null;
  let resumed: Promise<void> = Promise.resolve();
  const listeners = new Set<(s: ControlState) => void>();
  const set = (next: ControlState): void => {
    if (state === next || state === 'cancelled') return;
    state = next;
    if (next === 'paused') {
      resumed = new Promise((resolve) => (wake = resolve));
    } else {
      wake?.();
      wake = null;
      resumed = Promise.resolve();
    }
    if (next === 'cancelled') controller.abort();
    for (const l of listeners) l(next);
  };
  return {
    get state() {
      return state;
    },
    signal: controller.signal,
    pause: () => set('paused'),
    resume: () => set('running'),
    cancel: () => set('cancelled'),
    whenRunning: () => resumed,
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

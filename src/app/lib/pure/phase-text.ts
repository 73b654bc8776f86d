// What the run panels say about a run's (or a plan's) phase: one wording for both, with pause and cancel in progress.

const PHASE_TEXT: Readonly<Record<string, string>> = Object.freeze({
  idle: 'Not started',
  preparing: 'Preparing data…',
  'loading-model': 'Loading the model…',
  running: 'Running',
  completed: 'Completed',
  cancelled: 'Cancelled',
  failed: 'Failed',
});

/** The panel heading's status for a phase and the run control's state. */
export function phaseText(phase: string, control: string): string {
  if (phase === 'running' && control === 'paused') return 'Paused (items in flight finish first)';
  if (phase === 'running' && control === 'cancelled') return 'Cancelling…';
  return PHASE_TEXT[phase] ?? phase;
}

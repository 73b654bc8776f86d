// Loading a local model and warming it up (warm-up.ts) as one preparing phase: the load's 'ready' is held back
// until the engine is warm, so the page shows one "preparing" line, not ready-then-busy. Any ModelBackend.

import { EvalError } from '../errors';
import type { LoadProgress, ModelBackend } from '../ports';
import { warmUpRequest, warmUpUntilSteady, type WarmUpOptions, type WarmUpReport } from './warm-up';

export interface LoadWarmedUpOptions {
  /** True once the model was unloaded (dispose()): the warm-up stops and the load fails with backend/disposed. */
  isDisposed: () => boolean;
  warmUp?: Partial<WarmUpOptions>;
  now?: () => number;
}

function unloadedWhileLoading(): EvalError {
  return new EvalError('backend/disposed', 'The model was unloaded while it was loading: load it again.');
}

/** backend.load, then generations on the synthetic item until steady; 'ready' comes last, with the warm-up's summary. */
export async function loadWarmedUp(
  backend: ModelBackend,
  onProgress: ((p: LoadProgress) => void) | undefined,
  options: LoadWarmedUpOptions,
): Promise<WarmUpReport> {
  const { isDisposed } = options;
  let ready: LoadProgress | undefined;
  await backend.load((p) => (p.phase === 'ready' ? (ready = p) : onProgress?.(p)));
  onProgress?.({
    phase: 'compile',
    message: 'warming up on a synthetic item (the engine compiles before the first real item)',
  });
  const request = await warmUpRequest();
  let report: WarmUpReport;
  try {
    report = await warmUpUntilSteady(
      async () => (await backend.generate(request)).latencyMs,
      options.warmUp ?? {},
      options.now ?? (() => performance.now()),
      isDisposed,
    );
  } catch (e) {
    // a warm-up generation on a model disposed under it fails in whatever way its engine does
    throw isDisposed() ? unloadedWhileLoading() : e;
  }
  if (isDisposed()) throw unloadedWhileLoading();
  const first = Math.round(report.latenciesMs[0] ?? 0);
  const last = Math.round(report.latenciesMs.at(-1) ?? 0);
  const summary = `warmed up in ${report.runs} runs (${(report.totalMs / 1000).toFixed(1)} s; ${first} → ${last} ms a run)`;
  onProgress?.({ ...ready, phase: 'ready', message: ready?.message ? `${ready.message}; ${summary}` : summary });
  return report;
}

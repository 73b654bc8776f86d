// The run engine: a bounded pool of workers takes items from one queue, evaluates each and stores its result at
// once. Resumable (items with a stored result are skipped, failed ones retried), pausable and cancellable.
import { EvalError, isErrorCode, isEvalError } from '../errors';
import type { ErrorCode } from '../errors';
import type { ExtractMode, Item, ItemResult } from '../types';
import { createRunControl } from './control';
import type { ItemContext } from './item';
import { evaluateItem } from './item';
import { createRateMeter } from './rate';
import type { RunFailure, RunOptions, RunOutcome, RunPorts, RunProgress, RunSpec, RunState } from './types';

/** Failures no other item can escape: a refused API key, a backend that is gone, a server failing every item. */
const DEFAULT_FATAL: readonly ErrorCode[] = ['backend/auth', 'backend/disposed', 'backend/stopped-early'];

interface Task {
  run: RunSpec;
  /** The run's index in ports.runs (ItemRef.run). */
  runIndex: number;
  item: Item;
}

export async function runEvaluation(ports: RunPorts, options: RunOptions): Promise<RunOutcome> {
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
    throw new EvalError('config/concurrency', `Concurrency must be a whole number ≥ 1 (got ${options.concurrency}).`);
  }
  const now = options.now ?? (() => performance.now());
  const control = options.control ?? createRunControl();
  const fatalCodes: ReadonlySet<ErrorCode> = new Set(options.fatalCodes ?? DEFAULT_FATAL);
  const mode: ExtractMode = options.mode ?? 'paper';
  // One signal for everything in flight: cancellation, the caller's signal, or a fatal error.
  const abort = new AbortController();
  const onCancel = (): void => abort.abort();
  control.signal.addEventListener('abort', onCancel, { once: true });
  const onExternal = (): void => control.cancel();
  if (options.signal?.aborted) control.cancel();
  options.signal?.addEventListener('abort', onExternal, { once: true });

  const tasks: Task[] = [];
  let total = 0;
  let resumed = 0;
  for (const [runIndex, run] of ports.runs.entries()) {
    const ids = new Set<string>();
    for (const item of run.items) {
      if (ids.has(item.id))
        throw new EvalError(
          'run/duplicate-item',
          `Item id '${item.id}' appears twice in ${run.manifest.benchmark}: item ids must be unique within a run.`,
        );
      ids.add(item.id);
    }
    const stored = await run.store.open(run.manifest);
    const finished = new Set(stored.filter((r) => r.error === undefined).map((r) => r.id));
    total += run.items.length;
    for (const item of run.items) {
      if (finished.has(item.id)) resumed += 1;
      else tasks.push({ run, runIndex, item });
    }
  }

  const started = now();
  const meter = createRateMeter(options.rateWindowMs ?? 10_000, now);
  const failures: RunFailure[] = [];
  let done = resumed;
  let inFlight = 0;
  let outputTokens = 0;
  let next = 0;
  let fatal: unknown = null;
  let finalState: RunState | null = null;

  const state = (): RunState => {
    if (finalState !== null) return finalState;
    if (control.state === 'cancelled') return 'cancelling';
    return control.state;
  };
  const snapshot = (): RunProgress => {
    const { itemsPerS, outputTokensPerS } = meter.rates();
    const remaining = total - done - failures.length;
    return {
      state: state(),
      total,
      done,
      failed: failures.length,
      resumed,
      inFlight,
      itemsPerS,
      outputTokensPerS,
      etaS: remaining === 0 ? 0 : itemsPerS > 0 ? remaining / itemsPerS : null,
      elapsedMs: now() - started,
      outputTokens,
    };
  };
  const emit = (): void => options.onProgress?.(snapshot());
  const unsubscribe = control.onChange(emit);

  // One controller per item in flight, all aborted together: a single listener on the run's signal
  // (hundreds of listeners on one AbortSignal trip Node's leak warning).
  const live = new Set<AbortController>();
  abort.signal.addEventListener(
    'abort',
    () => {
      for (const c of live) c.abort();
    },
    { once: true },
  );

  const stopWith = (e: unknown): void => {
    if (fatal === null) fatal = e;
    abort.abort();
  };

  // A result is handed to its store the moment it exists, but the generation slot does not wait for the disk:
  // puts (durable, batched by the store) overlap the next generations. An item counts as done once stored.
  const storing = new Set<Promise<void>>();
  const maxStoring = options.concurrency * 4;
  // An item counts as in flight from the moment a worker takes it until its result is stored (or it is dropped).
  const store = (task: Task, result: ItemResult, tokens: number): void => {
    const put = task.run.store.put(result).then(
      () => {
        inFlight -= 1;
        const error = result.error;
        if (error === undefined) done += 1;
        else
          failures.push({ id: task.item.id, benchmark: task.item.benchmark, code: error.code, message: error.message });
        outputTokens += tokens;
        meter.record(tokens);
        emit();
      },
      // the store failed: nothing later can be saved either
      (e: unknown) => {
        inFlight -= 1;
        stopWith(
          isEvalError(e)
            ? e
            : new EvalError('store/write', `Saving a result failed: ${e instanceof Error ? e.message : String(e)}`, e),
        );
      },
    );
    storing.add(put);
    void put.finally(() => storing.delete(put));
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      await control.whenRunning();
      if (abort.signal.aborted) return;
      const task = tasks[next];
      if (task === undefined) return;
      next += 1;
      inFlight += 1;
      emit();
      const itemAbort = new AbortController();
      live.add(itemAbort);
      const ctx: ItemContext = {
        backend: ports.backend,
        manifest: task.run.manifest,
        source: task.run.source,
        mode,
        template: options.template,
        signal: itemAbort.signal,
        ...(options.yieldToHost !== undefined ? { yieldToHost: options.yieldToHost } : {}),
        ...(options.onItem !== undefined ? { onItem: options.onItem, run: task.runIndex } : {}),
      };
      let evaluated: Awaited<ReturnType<typeof evaluateItem>> = null;
      try {
        // The previous item's turnaround (its result stored) and this item's start run as separate host tasks.
        await options.yieldToHost?.();
        evaluated = await evaluateItem(task.item, ctx);
      } finally {
        live.delete(itemAbort);
        // Dropped (cancelled) or thrown: no longer in flight. A result stays in flight until it is stored.
        if (evaluated === null) {
          inFlight -= 1;
          emit();
        }
      }
      if (evaluated === null) continue;
      const error = evaluated.result.error;
      // a result's code is a string (results are data); only a catalogued one can be fatal
      if (error !== undefined && isErrorCode(error.code) && fatalCodes.has(error.code)) {
        inFlight -= 1;
        stopWith(new EvalError(error.code, error.message));
        continue;
      }
      store(task, evaluated.result, evaluated.outputTokens);
      // backpressure: a store slower than the model must not let unsaved results pile up
      while (storing.size >= maxStoring) await Promise.race(storing);
    }
  };

  emit();
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, Math.max(1, tasks.length)) }, worker));
    while (storing.size > 0) await Promise.all(storing);
  } finally {
    unsubscribe();
    control.signal.removeEventListener('abort', onCancel);
    options.signal?.removeEventListener('abort', onExternal);
  }
  if (fatal !== null) {
    finalState = 'failed';
    emit();
    throw fatal;
  }
  const cancelled = control.state === 'cancelled' && done + failures.length < total;
  finalState = cancelled ? 'cancelled' : 'completed';
  const progress = snapshot();
  options.onProgress?.(progress);
  return { status: cancelled ? 'cancelled' : 'completed', progress, failures };
}

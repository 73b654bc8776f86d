// The inference worker: a transformers.js ModelBackend behind comlink. Created only by src/app/workers.ts.

import { expose } from 'comlink';
import { createTransformersBackend, type TransformersBackend } from '../src/backends/transformers';
import { EvalError } from '../src/core/errors';
import type { LoadProgress } from '../src/core/ports';
import { warmUpRequest, warmUpUntilSteady, type WarmUpReport } from '../src/core/run';
import type { InferenceWorkerApi } from './api';
import { registerErrorTransfer } from './error-transfer';
import { fetchedUrls, setUpWorkerEnv } from './worker-env';

registerErrorTransfer();

let backend: TransformersBackend | null = null;
let warmUpOnLoad = false;
let warmed: WarmUpReport | null = null;
let disposed = false;

function unloadedWhileLoading(): EvalError {
  return new EvalError('backend/disposed', 'The model was unloaded while it was loading: load it again.');
}

function current(): TransformersBackend {
  if (!backend) throw new EvalError('backend/not-loaded', 'the inference worker got a call before init()');
  return backend;
}

const api: InferenceWorkerApi = {
  async init(opts) {
    setUpWorkerEnv(opts);
    backend = createTransformersBackend({ model: opts.model, device: opts.device, dtype: opts.dtype });
    warmUpOnLoad = opts.warmUp === true;
    disposed = false;
    return backend.capabilities;
  },
  async load(onProgress) {
    const b = current();
    if (!warmUpOnLoad) return b.load(onProgress);
    // 'ready' is held back until the engine is warm: the page shows one preparing phase, not ready-then-busy.
    let ready: LoadProgress | undefined;
    await b.load((p) => (p.phase === 'ready' ? (ready = p) : onProgress?.(p)));
    onProgress?.({
      phase: 'compile',
      message: 'warming up on a synthetic item (the engine compiles before the first real item)',
    });
    const request = warmUpRequest();
    try {
      warmed = await warmUpUntilSteady(
        async () => (await b.generate(request)).latencyMs,
        {},
        () => performance.now(),
        () => disposed,
      );
    } catch (e) {
      // a warm-up generation on a model disposed under it fails in whatever way onnxruntime does
      throw disposed ? unloadedWhileLoading() : e;
    }
    if (disposed) throw unloadedWhileLoading();
    const first = Math.round(warmed.latenciesMs[0] ?? 0);
    const last = Math.round(warmed.latenciesMs.at(-1) ?? 0);
    const summary = `warmed up in ${warmed.runs} runs (${(warmed.totalMs / 1000).toFixed(1)} s; ${first} → ${last} ms a run)`;
    onProgress?.({ ...ready, phase: 'ready', message: ready?.message ? `${ready.message}; ${summary}` : summary });
  },
  async generate(request, onToken) {
    // Streamed pieces travel on their own channel: wait for the page to have them all before answering.
    const delivered: Promise<unknown>[] = [];
    const result = await current().generate(
      request,
      onToken ? (piece) => void delivered.push(Promise.resolve(onToken(piece))) : undefined,
    );
    await Promise.all(delivered);
    return result;
  },
  interrupt: () => current().interrupt(),
  async dispose() {
    disposed = true;
    await backend?.dispose();
    backend = null;
  },
  fetchedUrls: async () => fetchedUrls(),
  warmUpReport: async () => warmed,
};

expose(api);

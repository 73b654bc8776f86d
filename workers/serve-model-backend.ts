// Serves a ModelBackend from inside a worker as InferenceWorkerApi: init creates it, load warms it up when asked
// (core/run/load-warmed-up.ts), streamed pieces are delivered before the generation answers. Engine-free: the
// worker entry says which backend.

import { EvalError } from '../src/core/errors';
import type { ModelBackend } from '../src/core/ports';
import { loadWarmedUp, type WarmUpReport } from '../src/core/run';
import type { InferenceWorkerApi, WorkerGenerateResult, WorkerModelOptions } from './api';

/** A ModelBackend whose generations also report their token ids. */
export type TokenIdBackend = ModelBackend & Pick<InferenceWorkerApi, 'generate'>;

export interface ServedBackend {
  api: InferenceWorkerApi;
  /** The last load's warm-up, or null when it had none (for the debug channel). */
  warmUpReport(): WarmUpReport | null;
}

export function serveModelBackend(create: (opts: WorkerModelOptions) => TokenIdBackend): ServedBackend {
  let backend: TokenIdBackend | null = null;
  let warmUpOnLoad = false;
  let warmed: WarmUpReport | null = null;
  let disposed = false;

  const current = (): TokenIdBackend => {
    if (!backend) throw new EvalError('backend/not-loaded', 'the model worker got a call before init()');
    return backend;
  };

  const api = {
    async init(opts) {
      backend = create(opts);
      warmUpOnLoad = opts.warmUp === true;
      disposed = false;
      return backend.capabilities;
    },
    async load(onProgress) {
      const b = current();
      if (!warmUpOnLoad) return b.load(onProgress);
      warmed = await loadWarmedUp(b, onProgress, { isDisposed: () => disposed });
    },
    async generate(request, onToken): Promise<WorkerGenerateResult> {
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
  } satisfies InferenceWorkerApi;

  return { api, warmUpReport: () => warmed };
}

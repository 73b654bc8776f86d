// The embedding worker: the gme Embedder (transformers.js) behind comlink. Created only by src/app/workers.ts.

import { expose, transfer } from 'comlink';
import { createGmeEmbedder, type GmeEmbedder } from '../src/backends/transformers';
import { EvalError } from '../src/core/errors';
import type { EmbedWorkerApi } from './api';
import { listenForDebug } from './debug';
import { registerErrorTransfer } from './error-transfer';
import { setUpWorkerEnv } from './worker-env';

registerErrorTransfer();

let embedder: GmeEmbedder | null = null;

function current(): GmeEmbedder {
  if (!embedder) throw new EvalError('backend/not-loaded', 'the embed worker got a call before init()');
  return embedder;
}

const api = {
  async init(opts) {
    setUpWorkerEnv(opts);
    embedder = createGmeEmbedder({
      model: opts.model,
      device: opts.device,
      dtype: opts.dtype,
      ...(opts.instruction !== undefined ? { instruction: opts.instruction } : {}),
    });
  },
  async load(onProgress) {
    const e = current();
    await e.load(onProgress);
    return e.dim;
  },
  async embed(input) {
    // A copy goes back (the cache keeps the original), transferred rather than cloned.
    const v = Float32Array.from(await current().embed(input));
    return transfer(v, [v.buffer]);
  },
  async dispose() {
    await embedder?.dispose();
    embedder = null;
  },
} satisfies EmbedWorkerApi;

if (import.meta.env.DEV) listenForDebug({ warmUpReport: () => null });
expose(api);

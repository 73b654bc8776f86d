// The inference worker: a transformers.js ModelBackend behind comlink. Created only by src/app/workers.ts.

import { expose } from 'comlink';
import { createTransformersBackend, type TransformersBackend } from '../src/backends/transformers';
import { EvalError } from '../src/core/errors';
import type { InferenceWorkerApi } from './api';
import { registerErrorTransfer } from './error-transfer';
import { fetchedUrls, setUpWorkerEnv } from './worker-env';

registerErrorTransfer();

let backend: TransformersBackend | null = null;

function current(): TransformersBackend {
  if (!backend) throw new EvalError('backend/not-initialised', 'the inference worker got a call before init()');
  return backend;
}

const api: InferenceWorkerApi = {
  async init(opts) {
    setUpWorkerEnv(opts);
    backend = createTransformersBackend({ model: opts.model, device: opts.device, dtype: opts.dtype });
    return backend.capabilities;
  },
  load: (onProgress) => current().load(onProgress),
  async generate(request, onToken) {
    // Streamed pieces travel on their own channel: wait for the page to have them all before answering.
    const delivered: Promise<unknown>[] = [];
    const result = await current().generate(request, onToken ? (piece) => void delivered.push(Promise.resolve(onToken(piece))) : undefined);
    await Promise.all(delivered);
    return result;
  },
  interrupt: () => current().interrupt(),
  async dispose() {
    await backend?.dispose();
    backend = null;
  },
  fetchedUrls: async () => fetchedUrls(),
};

expose(api);

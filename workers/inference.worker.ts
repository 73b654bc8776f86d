// The inference worker: the transformers.js ModelBackend behind comlink. Created only by src/app/workers.ts.

import { expose } from 'comlink';
import { createTransformersBackend } from '../src/backends/transformers';
import { listenForDebug } from './debug';
import { registerErrorTransfer } from './error-transfer';
import { serveModelBackend } from './serve-model-backend';
import { setUpWorkerEnv } from './worker-env';

registerErrorTransfer();

const served = serveModelBackend((opts) => {
  setUpWorkerEnv(opts);
  return createTransformersBackend({ model: opts.model, device: opts.device, dtype: opts.dtype });
});

if (import.meta.env.DEV) listenForDebug(served);
expose(served.api);

// The classify worker: trains a classifier file (k-fold CV, then the final fit) off the page's thread, so the
// Classifier page keeps painting while L-BFGS runs. Created only by src/app/workers.ts.
import { expose } from 'comlink';
import { trainClassifier } from '../src/core/classify';
import type { ClassifyWorkerApi } from './api';
import { registerErrorTransfer } from './error-transfer';

registerErrorTransfer();

const api = {
  train: (examples, opts) => trainClassifier(examples, opts),
} satisfies ClassifyWorkerApi;

expose(api);

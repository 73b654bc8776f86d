// Workers that run one job for the page and end: a dataset load (the data worker, which then holds the items until
// the dataset is removed) and a classifier's training. Model and embedding workers, with their device choice and
// wasm fallback, are in workers.ts; these two files are the only ones that start Workers (scripts/check-imports.mjs),
// each through lib/dom/start-worker.ts so that it runs under the page's connection policy.
import { proxy, releaseProxy, wrap } from 'comlink';
import type { DatasetChoice, DatasetLoadProgress, DetectedLoad } from '../core/benchmarks/load-detected';
import type { ClassifierFile, TrainOptions, TrainingExample } from '../core/classify';
import type { SourceSpec } from '../data/source-spec';
import { heldBy, readAllAndClose, type HeldLoad } from './state/dataset-items';
import type { ClassifyWorkerApi, DataWorkerApi } from '../../workers/api';
import { registerErrorTransfer } from '../../workers/error-transfer';

import classifyWorkerUrl from '../../workers/classify.worker.ts?worker&url';
import dataWorkerUrl from '../../workers/data.worker.ts?worker&url';
import { startWorker } from './lib/dom/start-worker';

registerErrorTransfer();

/**
 * Loads one dataset in its own data worker (detect, parse, index), which keeps the items: the page reads them a
 * slice at a time, and `items.close()` ends the worker. Images are read by the page from the same source reopened.
 */
export async function openDatasetInWorker(
  spec: SourceSpec,
  choice: DatasetChoice,
  onProgress: (p: DatasetLoadProgress) => void = () => {},
): Promise<HeldLoad> {
  const worker = startWorker(dataWorkerUrl, { name: 'data' });
  const api = wrap<DataWorkerApi>(worker);
  // The worker goes once the ranges it fetched are in Cache Storage (a reload then fetches nothing again).
  let settled: Promise<void> | null = null;
  const settle = (): Promise<void> => (settled ??= api.settle().catch(() => undefined));
  const end = (): void => {
    void settle().finally(() => {
      api[releaseProxy]();
      worker.terminate();
    });
  };
  try {
    const got = await api.load(spec, choice, proxy(onProgress));
    return { ...got, items: heldBy(got.report.kept, api, end), settled: settle };
  } catch (e) {
    end();
    throw e;
  }
}

/** Loads one dataset in a data worker and reads every item back (a slice per message), then ends the worker. */
export const loadDatasetInWorker = async (...args: Parameters<typeof openDatasetInWorker>): Promise<DetectedLoad> =>
  readAllAndClose(await openDatasetInWorker(...args));

/** Trains a classifier file in a fresh classify worker, ended once it answers: CV and L-BFGS never block the page. */
export async function trainInWorker(examples: TrainingExample[], opts: TrainOptions): Promise<ClassifierFile> {
  const worker = startWorker(classifyWorkerUrl, { name: 'classify' });
  const api = wrap<ClassifyWorkerApi>(worker);
  return api.train(examples, opts).finally(() => (api[releaseProxy](), worker.terminate()));
}

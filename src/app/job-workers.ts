// Workers that run one job for the page and end: a dataset load (the data worker, which then holds the items until
// the dataset is removed) and a classifier's training. Model and embedding workers, with their device choice and
// wasm fallback, are in workers.ts; these two files are the only ones that start Workers (scripts/check-imports.mjs),
// each through lib/dom/start-worker.ts so that it runs under the page's connection policy.
import { proxy, releaseProxy, transfer, wrap, type Remote } from 'comlink';
import type { DatasetChoice, DatasetLoadProgress, DetectedLoad } from '../core/benchmarks/load-detected';
import type { ClassifierFile, TrainOptions, TrainingExample } from '../core/classify';
import type { SourceSpec } from '../data/source-spec';
import { heldBy, readAllAndClose, type HeldLoad } from './state/dataset-items';
import type { ClassifyWorkerApi, DataWorkerApi, InflateWorkerApi } from '../../workers/api';
import { registerErrorTransfer } from '../../workers/error-transfer';

import classifyWorkerUrl from '../../workers/classify.worker.ts?worker&url';
import dataWorkerUrl from '../../workers/data.worker.ts?worker&url';
import inflateWorkerUrl from '../../workers/inflate.worker.ts?worker&url';
import { startWorker } from './lib/dom/start-worker';

registerErrorTransfer();

/** A data worker and its inflate helper, connected (or not: `connected` says whether the helper answered). */
interface DataWorkers {
  worker: Worker;
  api: Remote<DataWorkerApi>;
  inflater: Worker;
  helper: Remote<InflateWorkerApi>;
  port: MessagePort;
  connected: Promise<boolean>;
}

function startDataWorkers(): DataWorkers {
  const worker = startWorker(dataWorkerUrl, { name: 'data' });
  // Its helper inflates zip entries on another thread while the data worker parses; it goes when the load answers.
  const inflater = startWorker(inflateWorkerUrl, { name: 'inflate' });
  const channel = new MessageChannel();
  const helper = wrap<InflateWorkerApi>(inflater);
  // The port is handed over once the helper answers (it starts faster than the data worker): one that failed to
  // start would leave the data worker waiting on it forever, so then the data worker inflates on its own thread.
  const connected = new Promise<boolean>((resolve) => {
    inflater.addEventListener('error', () => resolve(false), { once: true });
    helper.connect(transfer(channel.port1, [channel.port1])).then(
      () => resolve(true),
      () => resolve(false),
    );
  });
  return { worker, api: wrap<DataWorkerApi>(worker), inflater, helper, port: channel.port2, connected };
}

/**
 * Loads one dataset in its own data worker (detect, parse, index), which keeps the items: the page reads them a
 * slice at a time, and `items.close()` ends the worker. Images are read by the page from the same source reopened.
 */
export async function openDatasetInWorker(
  spec: SourceSpec,
  choice: DatasetChoice,
  onProgress: (p: DatasetLoadProgress) => void = () => {},
): Promise<HeldLoad> {
  // Started per load, not ahead of one: idle workers kept from page start would outlive every job (the page's
  // workers must end with their jobs), for ≈0.2 s of the first load's start.
  const { worker, api, inflater, helper, port, connected } = startDataWorkers();
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
    const given = (await connected) ? transfer(port, [port]) : undefined;
    const got = await api.load(spec, choice, proxy(onProgress), given);
    return { ...got, items: heldBy(got.report.kept, api, end), settled: settle };
  } catch (e) {
    end();
    throw e;
  } finally {
    helper[releaseProxy]();
    inflater.terminate();
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

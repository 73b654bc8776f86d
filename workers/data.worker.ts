// The data worker: builds the DatasetSource from what the user gave (URL, files, folder handle, zip File), detects
// the benchmark and loads it here, so listing a large archive and parsing ≈89k records never block the page.
// Progress is posted at most every 100 ms. Items go back in batches, each its own message (awaited): one message of
// 89k items took the page ~0.8 s to deserialise in one task. Created only by src/app/workers.ts.

import { expose } from 'comlink';
import { loadDetected, type DatasetLoadProgress } from '../src/core/benchmarks/load-detected';
import { openSource } from '../src/data/source-spec';
import type { DataWorkerApi } from './api';
import { registerErrorTransfer } from './error-transfer';

registerErrorTransfer();

const EVERY_MS = 100;
const BATCH = 2000;

const api = {
  async load(spec, choice, onProgress, onItems) {
    let last = 0;
    const post = (p: DatasetLoadProgress): void => {
      const now = performance.now();
      if (onProgress === undefined || (p.phase !== 'done' && now - last < EVERY_MS)) return;
      last = now;
      void onProgress(p);
    };
    const got = await loadDetected(openSource(spec), choice, post);
    if (onItems === undefined) return got;
    const items = got.result.items;
    for (let i = 0; i < items.length; i += BATCH) await onItems(items.slice(i, i + BATCH));
    return { ...got, result: { ...got.result, items: [] } };
  },
} satisfies DataWorkerApi;

expose(api);

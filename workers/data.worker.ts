// The data worker: builds the DatasetSource from what the user gave (URL, files, folder handle, zip File), detects
// the benchmark and loads it here, so listing a large archive and parsing ≈89k records never block the page.
// Progress is posted at most every 100 ms. The kept items stay here: the page reads them a slice at a time (a page
// of the item browser, every item when a run starts); cloning all of them to the page at the end of each load cost
// more than the rest of an 89k-item load. One load per worker; created and ended only by src/app/workers.ts.

import { expose, releaseProxy, transfer, wrap } from 'comlink';
import { loadDetected, type DatasetLoadProgress } from '../src/core/benchmarks/load-detected';
import type { Item } from '../src/core/types';
import { settleCacheWrites } from '../src/data/cached-fetch';
import { openSource } from '../src/data/source-spec';
import type { DataWorkerApi, InflateWorkerApi } from './api';
import { registerErrorTransfer } from './error-transfer';
import { refusedError, refusedMark } from './refused-connections';

registerErrorTransfer();

const EVERY_MS = 100;

let kept: readonly Item[] = [];
let byId: Map<string, number> | null = null;

const api = {
  async load(spec, choice, onProgress, inflater) {
    let last = 0;
    const post = (p: DatasetLoadProgress): void => {
      const now = performance.now();
      if (onProgress === undefined || (p.phase !== 'done' && now - last < EVERY_MS)) return;
      last = now;
      void onProgress(p);
    };
    // Fetched ranges are written to Cache Storage in the background, after this answers: keeping a copy is no reason
    // to make the user wait for the load report. The page ends this worker only after settle().
    // Zip entries inflate in the helper the page started, if any: the next files inflate while this one is parsed.
    const helper = inflater === undefined ? undefined : wrap<InflateWorkerApi>(inflater);
    const zip =
      helper === undefined
        ? {}
        : {
            // Just the entry's bytes go, copied (the view may lie in a larger shared read); the result is moved back.
            inflate: (deflated: Uint8Array) => {
              const own = deflated.slice();
              return helper.inflate(transfer(own, [own.buffer]));
            },
          };
    const mark = refusedMark();
    const got = await loadDetected(openSource(spec, zip), choice, post)
      .catch((e: unknown) => {
        throw refusedError(mark) ?? e;
      })
      .finally(() => helper?.[releaseProxy]());
    kept = got.result.items;
    byId = null;
    return { benchmark: got.benchmark, variant: got.variant, detections: got.detections, report: got.result.report };
  },
  async slice(start, end) {
    return kept.slice(start, end);
  },
  settle: () => settleCacheWrites(),
  async find(id) {
    byId ??= new Map(kept.map((item, i) => [item.id, i]));
    const index = byId.get(id);
    const item = index === undefined ? undefined : kept[index];
    return index === undefined || item === undefined ? null : { index, item };
  },
} satisfies DataWorkerApi;

expose(api);

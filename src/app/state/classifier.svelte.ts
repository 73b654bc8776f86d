// The Classifier page's state, wired to the page: gme in the embed worker, the remote embeddings client, vectors in
// memory + IndexedDB (text features are cheaper to compute than to read back, so they stay in memory), training in
// the classify worker, settings in localStorage.
import { normalizeBaseUrl } from '../../backends/openai';
import { createRemoteEmbedder } from '../../backends/openai/embeddings';
import { MemoryVectorCache, type VectorCache } from '../../core/classify';
import { ensureConnectable } from '../lib/dom/connect-policy';
import { idbVectorCache } from '../lib/dom/idb-vector-cache';
import { nextTask } from '../lib/dom/next-task';
import { webStorage } from '../lib/dom/web-storage';
import { gmeWorkerTarget } from '../lib/pure/classifier-view';
import { trainInWorker } from '../job-workers';
import { createEmbedWorker } from '../workers';
import { ClassifierSession } from './classifier-session.svelte';

// gme's default instruction (backends/transformers/gme-embedder.ts), written out so the page's bundle does not pull
// in transformers.js: a remote gme then embeds the same prompt as the worker.
const GME_INSTRUCTION = 'You are a helpful assistant.';
const textCache = new MemoryVectorCache();
let vectorCache: VectorCache | null = null;

export const classifier = new ClassifierSession({
  kv: webStorage('local'),
  async embedder(choice, apiKey, onProgress) {
    if (choice.kind === 'gme') {
      const t = gmeWorkerTarget(choice.location);
      if (t.localModelPath !== undefined) ensureConnectable(t.localModelPath);
      const worker = await createEmbedWorker({
        model: t.model,
        dtypes: [choice.dtype],
        allowRemoteModels: t.allowRemoteModels,
        ...(t.localModelPath !== undefined ? { localModelPath: t.localModelPath } : {}),
      });
      await worker.load(onProgress);
      return worker;
    }
    ensureConnectable(choice.url);
    return createRemoteEmbedder({
      model: choice.model,
      endpoints: [{ url: normalizeBaseUrl(choice.url), maxInFlight: 4 }],
      instruction: GME_INSTRUCTION,
      ...(apiKey !== '' ? { apiKey } : {}),
    });
  },
  nameOf: (choice) => (choice.kind === 'gme' ? gmeWorkerTarget(choice.location).name : choice.model),
  cacheFor: (f) => (f.source === 'text' ? textCache : (vectorCache ??= idbVectorCache())),
  train: trainInWorker,
  nextTask,
});

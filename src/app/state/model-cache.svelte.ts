// The model files cached by transformers.js in this browser (Cache Storage): sizes per model, the origin's quota,
// and deletion.
import { deleteCachedModel, listCachedModels, storageEstimate } from '../lib/dom/cache-storage';
import type { CachedModel } from '../lib/pure/cached-models';
import { CachedBytes } from './cached-bytes.svelte';

export class ModelCache extends CachedBytes<CachedModel, string> {
  get models(): CachedModel[] {
    return this.entries;
  }
}

export const modelCache = new ModelCache({
  list: () => listCachedModels(),
  remove: (model) => deleteCachedModel(model),
  estimate: storageEstimate,
});

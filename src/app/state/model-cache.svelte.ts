// The model files cached by transformers.js in this browser (Cache Storage): sizes per model and deletion.
import { deleteCachedModel, listCachedModels, storageEstimate } from '../lib/dom/cache-storage';
import type { CachedModel } from '../lib/pure/cached-models';
import { describeError } from '../lib/pure/errors';

export interface ModelCacheDeps {
  list(): Promise<CachedModel[]>;
  remove(model: string): Promise<unknown>;
  /** Origin quota and usage, when the browser reports them. */
  estimate(): Promise<{ usage: number; quota: number } | null>;
}

export class ModelCache {
  models = $state.raw<CachedModel[]>([]);
  loaded = $state(false);
  busy = $state(false);
  error = $state<string | null>(null);
  /** Origin quota and usage, when the browser reports them. */
  usage = $state.raw<{ usage: number; quota: number } | null>(null);

  constructor(private readonly deps: ModelCacheDeps) {}

  get totalBytes(): number {
    return this.models.reduce((n, m) => n + m.bytes, 0);
  }

  async refresh(): Promise<void> {
    this.busy = true;
    try {
      this.models = await this.deps.list();
      this.usage = await this.deps.estimate();
      this.error = null;
    } catch (e) {
      this.error = describeError(e);
    } finally {
      this.busy = false;
      this.loaded = true;
    }
  }

  async remove(model: string): Promise<void> {
    this.busy = true;
    try {
      await this.deps.remove(model);
    } catch (e) {
      this.error = describeError(e);
    }
    await this.refresh();
  }
}

export const modelCache = new ModelCache({
  list: () => listCachedModels(),
  remove: (model) => deleteCachedModel(model),
  estimate: storageEstimate,
});

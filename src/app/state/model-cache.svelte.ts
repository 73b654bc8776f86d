// The model files cached by transformers.js in this browser (Cache Storage): sizes per model and deletion.
import { deleteCachedModel, listCachedModels } from '../lib/cache-storage';
import type { CachedModel } from '../lib/cache-storage';
import { describeError } from '../lib/errors';

class ModelCache {
  models = $state.raw<CachedModel[]>([]);
  loaded = $state(false);
  busy = $state(false);
  error = $state<string | null>(null);
  /** Origin quota and usage, when the browser reports them. */
  usage = $state.raw<{ usage: number; quota: number } | null>(null);

  get totalBytes(): number {
    return this.models.reduce((n, m) => n + m.bytes, 0);
  }

  async refresh(): Promise<void> {
    this.busy = true;
    try {
      this.models = await listCachedModels();
      const estimate = await navigator.storage?.estimate?.();
      this.usage =
        estimate?.usage !== undefined && estimate.quota !== undefined
          ? { usage: estimate.usage, quota: estimate.quota }
          : null;
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
      await deleteCachedModel(model);
    } catch (e) {
      this.error = describeError(e);
    }
    await this.refresh();
  }
}

export const modelCache = new ModelCache();

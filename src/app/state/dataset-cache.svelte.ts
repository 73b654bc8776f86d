// The dataset bytes kept in this browser's Cache Storage (URL datasets' range reads): sizes per URL and deletion.
import type { CachedDataset } from '../../core/dataset-cache-key';
import { deleteCachedDataset, listCachedDatasets } from '../lib/dom/dataset-cache';
import { describeError } from '../lib/pure/errors';

export interface DatasetCacheDeps {
  list(): Promise<CachedDataset[]>;
  /** One URL's ranges, or all of them when absent. */
  remove(url?: string): Promise<unknown>;
}

export class DatasetCache {
  datasets = $state.raw<CachedDataset[]>([]);
  loaded = $state(false);
  busy = $state(false);
  error = $state<string | null>(null);

  constructor(private readonly deps: DatasetCacheDeps) {}

  get totalBytes(): number {
    return this.datasets.reduce((n, d) => n + d.bytes, 0);
  }

  async refresh(): Promise<void> {
    this.busy = true;
    try {
      this.datasets = await this.deps.list();
      this.error = null;
    } catch (e) {
      this.error = describeError(e);
    } finally {
      this.busy = false;
      this.loaded = true;
    }
  }

  async remove(url?: string): Promise<void> {
    this.busy = true;
    try {
      await this.deps.remove(url);
    } catch (e) {
      this.error = describeError(e);
    }
    await this.refresh();
  }
}

export const datasetCache = new DatasetCache({
  list: () => listCachedDatasets(),
  remove: (url) => deleteCachedDataset(url),
});

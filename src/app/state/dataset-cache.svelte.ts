// The dataset bytes kept in this browser's Cache Storage (URL datasets' range reads): sizes per URL and deletion.
import type { CachedDataset } from '../../core/dataset-cache-key';
import { deleteCachedDataset, listCachedDatasets } from '../lib/dom/dataset-cache';
import { CachedBytes } from './cached-bytes.svelte';

/** remove(url) deletes one URL's ranges; remove() all of them. */
export class DatasetCache extends CachedBytes<CachedDataset, string | undefined> {
  get datasets(): CachedDataset[] {
    return this.entries;
  }
}

export const datasetCache = new DatasetCache({
  list: () => listCachedDatasets(),
  remove: (url) => deleteCachedDataset(url),
});

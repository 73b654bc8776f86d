// The dataset byte ranges kept in Cache Storage (src/data/cached-fetch.ts), grouped by URL: list with sizes,
// delete one URL's or all. Sizes are the stored bodies' lengths (a size entry has none).
import { DATASET_CACHE, parseDatasetCacheKey, summarizeDatasetCache } from '../../../core/dataset-cache-key';
import type { CachedDataset } from '../../../core/dataset-cache-key';

export async function listCachedDatasets(cacheName = DATASET_CACHE): Promise<CachedDataset[]> {
  if (typeof caches === 'undefined' || !(await caches.has(cacheName))) return [];
  const cache = await caches.open(cacheName);
  const entries: { key: string; bytes: number }[] = [];
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    entries.push({ key: request.url, bytes: response === undefined ? 0 : (await response.blob()).size });
  }
  return summarizeDatasetCache(entries);
}

/** Deletes the cached ranges of one URL (every URL when absent); resolves with the number of entries removed. */
export async function deleteCachedDataset(url?: string, cacheName = DATASET_CACHE): Promise<number> {
  if (typeof caches === 'undefined' || !(await caches.has(cacheName))) return 0;
  const cache = await caches.open(cacheName);
  let removed = 0;
  for (const request of await cache.keys()) {
    const parsed = parseDatasetCacheKey(request.url);
    if (parsed !== null && (url === undefined || parsed.url === url) && (await cache.delete(request))) removed += 1;
  }
  return removed;
}

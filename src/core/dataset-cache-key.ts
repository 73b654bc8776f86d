// Where a downloaded dataset byte range is kept in Cache Storage: one entry per (URL, range), under a synthetic
// URL because Cache Storage ignores fragments and refuses 206 answers and HEAD requests. Shared by the caching
// fetch (src/data/cached-fetch.ts, page and data worker) and the page's list of cached datasets.

/** The Cache Storage name for dataset bytes (transformers.js keeps models in 'transformers-cache'). */
export const DATASET_CACHE = 'medvlm-dataset-bytes';

const KEY_BASE = 'https://dataset-cache.invalid/entry';

/** `range` is the Range header ("bytes=0-99"), or 'size' for the file's size (a HEAD answer). */
export function datasetCacheKey(url: string, range: string): string {
  return `${KEY_BASE}?${new URLSearchParams({ url, range }).toString()}`;
}

export function parseDatasetCacheKey(key: string): { url: string; range: string } | null {
  if (!key.startsWith(`${KEY_BASE}?`)) return null;
  const params = new URL(key).searchParams;
  const url = params.get('url');
  const range = params.get('range');
  return url === null || range === null ? null : { url, range };
}

export interface CachedDataset {
  url: string;
  /** Cached ranges (and the size entry). */
  entries: number;
  bytes: number;
}

/** Entries (key, body bytes) summed per dataset URL, largest first. */
export function summarizeDatasetCache(entries: readonly { key: string; bytes: number }[]): CachedDataset[] {
  const byUrl = new Map<string, CachedDataset>();
  for (const { key, bytes } of entries) {
    const parsed = parseDatasetCacheKey(key);
    if (parsed === null) continue;
    const d = byUrl.get(parsed.url) ?? { url: parsed.url, entries: 0, bytes: 0 };
    d.entries += 1;
    d.bytes += bytes;
    byUrl.set(parsed.url, d);
  }
  return [...byUrl.values()].sort((a, b) => b.bytes - a.bytes || a.url.localeCompare(b.url));
}

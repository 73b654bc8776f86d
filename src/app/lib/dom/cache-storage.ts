// The model files transformers.js keeps in Cache Storage ('transformers-cache'), grouped by model: list with
// sizes, delete. A file's size is its Content-Length when stored, else the size of its body.
import { modelOfUrl, TRANSFORMERS_CACHE } from '../pure/cached-models';
import type { CachedModel } from '../pure/cached-models';

async function sizeOf(response: Response): Promise<number> {
  const length = Number(response.headers.get('content-length'));
  if (Number.isFinite(length) && length > 0) return length;
  return (await response.blob()).size;
}

export async function listCachedModels(cacheName = TRANSFORMERS_CACHE): Promise<CachedModel[]> {
  if (typeof caches === 'undefined') return [];
  if (!(await caches.has(cacheName))) return [];
  const cache = await caches.open(cacheName);
  const byModel = new Map<string, CachedModel>();
  for (const request of await cache.keys()) {
    const response = await cache.match(request);
    const bytes = response === undefined ? 0 : await sizeOf(response);
    const model = modelOfUrl(request.url);
    const entry = byModel.get(model) ?? { model, files: [], bytes: 0 };
    entry.files.push({ url: request.url, bytes });
    entry.bytes += bytes;
    byModel.set(model, entry);
  }
  return [...byModel.values()].sort((a, b) => b.bytes - a.bytes);
}

/** Deletes every cached file of one model; resolves with the number of files removed. */
export async function deleteCachedModel(model: string, cacheName = TRANSFORMERS_CACHE): Promise<number> {
  if (typeof caches === 'undefined') return 0;
  const cache = await caches.open(cacheName);
  let removed = 0;
  for (const request of await cache.keys()) {
    if (modelOfUrl(request.url) === model && (await cache.delete(request))) removed += 1;
  }
  return removed;
}

/** This origin's storage usage and quota, when the browser reports them. */
export async function storageEstimate(): Promise<{ usage: number; quota: number } | null> {
  const e = await navigator.storage?.estimate?.();
  return e?.usage !== undefined && e.quota !== undefined ? { usage: e.usage, quota: e.quota } : null;
}

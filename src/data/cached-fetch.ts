// A fetch for HTTP range reads that keeps each answered range in Cache Storage, so a dataset read again (after a
// reload, or by the page after the data worker) is not downloaded twice. Works in the page and in workers
// (`caches` exists in both); where Cache Storage is missing or fails it is a plain fetch.
import { datasetCacheKey } from '../core/dataset-cache-key';

function urlOf(input: RequestInfo | URL): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}

function rangeOf(init: RequestInit | undefined): string | null {
  const h = new Headers(init?.headers);
  return h.get('range');
}

/** Only answers that describe the file itself are kept: a 206 range, or a HEAD's size. */
const KEPT_HEADERS = ['content-range', 'content-length', 'accept-ranges', 'content-type'];

function storedHeaders(res: Response, status: number): Headers {
  const h = new Headers();
  for (const name of KEPT_HEADERS) {
    const v = res.headers.get(name);
    if (v !== null) h.set(name, v);
  }
  h.set('x-medvlm-status', String(status));
  return h;
}

// Writes still in flight, by key. A range is handed back as soon as it arrived, while its copy is written in the
// background (awaiting each write held up every read of a load); a read of the same range waits for its write, and
// a worker settles them all (settleCacheWrites) before it ends, so nothing is fetched twice.
const writing = new Map<string, Promise<void>>();

/** Resolves once every range written by this realm's caching fetches is in Cache Storage (or failed to be). */
export async function settleCacheWrites(): Promise<void> {
  while (writing.size > 0) await Promise.all(writing.values());
}

export function cachedRangeFetch(cacheName: string, base: typeof fetch = (...a) => fetch(...a)): typeof fetch {
  const open = (): Promise<Cache | null> =>
    typeof caches === 'undefined' ? Promise.resolve(null) : caches.open(cacheName).catch(() => null);
  return async (input, init) => {
    const url = urlOf(input);
    const method = (init?.method ?? 'GET').toUpperCase();
    const range = rangeOf(init);
    const part = method === 'HEAD' ? 'size' : method === 'GET' && range !== null ? range : null;
    const cache = part === null ? null : await open();
    if (cache === null || part === null) return base(input, init);
    const key = datasetCacheKey(url, part);
    await writing.get(key);
    const hit = await cache.match(key).catch(() => undefined);
    if (hit !== undefined) {
      const status = Number(hit.headers.get('x-medvlm-status') ?? '200');
      return new Response(method === 'HEAD' ? null : await hit.arrayBuffer(), { status, headers: hit.headers });
    }
    const res = await base(input, init);
    // A 200 to a Range request is the whole file: not a range to keep (http-range.ts decides what to do with it).
    const keep = method === 'HEAD' ? res.ok : res.status === 206;
    if (!keep) return res;
    // The body goes both ways as a stream (the platform tees it): no copy of the bytes in script on the way.
    const copy = method === 'HEAD' ? null : res.clone().body;
    const headers = storedHeaders(res, res.status);
    const write = cache
      .put(key, new Response(copy, { status: 200, headers }))
      .catch(() => undefined)
      .finally(() => writing.delete(key));
    writing.set(key, write);
    return res;
  };
}

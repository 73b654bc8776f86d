// URL datasets' range reads kept in Cache Storage: a second load of the same zip sends no range request for the
// bytes already cached, and Delete empties the cache.
import { beforeEach, describe, expect, inject, it } from 'vitest';
import { listCachedDatasets, deleteCachedDataset } from '../../src/app/lib/dom/dataset-cache';
import { loadDatasetInWorker } from '../../src/app/job-workers';
import { loadBenchmark } from '../../src/core/benchmarks';
import { createUrlSource } from '../../src/data/url-source';
import { cachedRangeFetch } from '../../src/data/cached-fetch';

const CACHE = 'test-dataset-bytes';
const servers = inject('dataServers');

describe.skipIf(!servers.shared)('dataset byte cache', () => {
  beforeEach(async () => {
    await caches.delete(CACHE);
  });

  it('a second load of a URL zip sends no request: every range comes from the cache', async () => {
    const url = `${servers.cors}/zips/vqa-rad.zip`;
    const sent: string[] = [];
    const counting: typeof fetch = (input, init) => {
      sent.push(`${init?.method ?? 'GET'} ${new Headers(init?.headers).get('range') ?? ''}`);
      return fetch(input, init);
    };
    const load = () => loadBenchmark(createUrlSource(url, { fetchImpl: cachedRangeFetch(CACHE, counting) }), 'vqa-rad');
    const first = await load();
    const firstRequests = sent.length;
    expect(firstRequests).toBeGreaterThan(0);
    const second = await load();
    expect(sent.length, `second load sent: ${sent.slice(firstRequests).join(', ')}`).toBe(firstRequests);
    expect(second.items.map((i) => i.id)).toEqual(first.items.map((i) => i.id));
    expect(second.items.length).toBe(servers.expected['vqa-rad']?.length);

    const listed = await listCachedDatasets(CACHE);
    expect(listed.map((d) => d.url)).toEqual([url]);
    expect(listed[0]?.bytes).toBeGreaterThan(0);
    expect(await deleteCachedDataset(url, CACHE)).toBe(listed[0]?.entries);
    expect(await listCachedDatasets(CACHE)).toEqual([]);
  });

  it('the data worker reads through the same cache when the spec names it', async () => {
    const url = `${servers.cors}/zips/vqa-rad.zip`;
    const got = await loadDatasetInWorker({ kind: 'url', url, cache: CACHE }, { benchmark: 'vqa-rad' });
    expect(got.result.items.length).toBe(servers.expected['vqa-rad']?.length);
    const listed = await listCachedDatasets(CACHE);
    expect(listed.map((d) => d.url)).toEqual([url]);
    await deleteCachedDataset(undefined, CACHE);
    expect(await listCachedDatasets(CACHE)).toEqual([]);
  });
});

// Cache keys for dataset byte ranges round-trip, and the per-URL totals the Benchmarks page shows add up.
import { describe, expect, it } from 'vitest';
import { datasetCacheKey, parseDatasetCacheKey, summarizeDatasetCache } from '../../../src/core/dataset-cache-key';

describe('dataset cache keys', () => {
  it('round-trips a URL with its own query and fragment, and a range', () => {
    const url = 'https://h.co/d/a.zip?download=1#x';
    expect(parseDatasetCacheKey(datasetCacheKey(url, 'bytes=0-99'))).toEqual({ url, range: 'bytes=0-99' });
    expect(parseDatasetCacheKey('https://huggingface.co/x')).toBeNull();
  });

  it('sums entries per URL, largest first, ignoring foreign keys', () => {
    const a = 'https://a/x.zip';
    const b = 'https://b/y.parquet';
    expect(
      summarizeDatasetCache([
        { key: datasetCacheKey(a, 'size'), bytes: 0 },
        { key: datasetCacheKey(a, 'bytes=0-9'), bytes: 10 },
        { key: datasetCacheKey(b, 'bytes=0-99'), bytes: 100 },
        { key: 'https://other/entry', bytes: 5 },
      ]),
    ).toEqual([
      { url: b, entries: 1, bytes: 100 },
      { url: a, entries: 2, bytes: 10 },
    ]);
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getBenchmark } from '../../../../src/core/benchmarks';
import { EXTRACTOR_VERSION } from '../../../../src/core/extract';
import { PROMPT_VERSION } from '../../../../src/core/prompt';
import { buildRunManifest, manifestMismatches } from '../../../../src/core/run';
import { describeSample, drawSample } from '../../../../src/core/sample';
import type { LoadResult } from '../../../../src/core/types';
import { APP_VERSION } from '../../../../src/core/version';
import { createMemorySource } from '../../../../src/data/memory';
import { makeItems, makeManifest } from './fixtures';

const sha = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');

describe('run manifest', () => {
  it('records versions, hashes of the data files and item ids, model, backend and generation — no key', async () => {
    const files = { 'data.json': '[{"qid": 1}]', 'imgs/a.jpg': new Uint8Array([1, 2, 3]) };
    const source = createMemorySource(files);
    const items = makeItems(4);
    const loaded: LoadResult = {
      items,
      report: {
        benchmark: 'vqa-rad',
        variant: 'test',
        files: ['data.json'],
        records: 4,
        filtered: 0,
        kept: 4,
        excluded: 0,
        excludedByReason: {},
        exclusions: [],
        missingImages: 0,
      },
    };
    const m = await buildRunManifest({
      source,
      loaded,
      model: 'qwen2.5-vl-72b',
      backend: 'openai',
      backendModel: 'Qwen/Qwen2.5-VL-72B-Instruct',
      endpoints: ['http://gpu1:8000/v1'],
      generation: { maxNewTokens: 2048, temperature: 0, maxPixels: 1_003_520 },
      itemIds: ['q1', 'q0'],
    });
    expect(m).toMatchObject({
      type: 'manifest',
      appVersion: APP_VERSION,
      benchmark: 'vqa-rad',
      benchmarkVersion: getBenchmark('vqa-rad').version,
      variant: 'test',
      model: 'qwen2.5-vl-72b',
      backend: 'openai',
      backendModel: 'Qwen/Qwen2.5-VL-72B-Instruct',
      endpoints: ['http://gpu1:8000/v1'],
      promptVersion: PROMPT_VERSION,
      extractorVersion: EXTRACTOR_VERSION,
      generation: { maxNewTokens: 2048, temperature: 0, maxPixels: 1_003_520 },
    });
    expect(m.dataHash).toBe(sha(`data.json\t${sha(files['data.json'])}\n`));
    expect(m.itemIdsHash).toBe(sha('q0\nq1'));
    expect(Date.parse(m.createdAt)).not.toBeNaN();
  });

  it('records the sample drawn for the run: seed, size as given, strata, n, population, ids hash', async () => {
    const items = makeItems(40).map((item, k) => ({ ...item, meta: { organ: k % 4 === 0 ? 'HEAD' : 'CHEST' } }));
    const loaded: LoadResult = {
      items,
      report: {
        benchmark: 'vqa-rad',
        variant: 'yesno',
        files: ['data.json'],
        records: 40,
        filtered: 0,
        kept: 40,
        excluded: 0,
        excludedByReason: {},
        exclusions: [],
        missingImages: 0,
      },
    };
    const drawn = drawSample(items, { size: { percent: 25 }, seed: 9, strata: ['organ'] });
    const sample = await describeSample(drawn);
    if (sample === null) throw new Error('a 25% sample is a sample');
    const m = await buildRunManifest({
      source: createMemorySource({ 'data.json': '[]' }),
      loaded,
      model: 'm',
      backend: 'openai',
      backendModel: 'M',
      generation: { maxNewTokens: 16, temperature: 0 },
      itemIds: drawn.items.map((i) => i.id),
      sample,
    });
    expect(m.sample).toEqual({
      seed: 9,
      size: '25%',
      strata: ['organ'],
      n: 10,
      population: 40,
      itemIdsHash: sha([...drawn.items.map((i) => i.id)].sort().join('\n')),
    });
    expect(m.itemIdsHash).toBe(m.sample?.itemIdsHash);
    // 10 of 40 at 1:3 → quotas 2.5 and 7.5: the tie on the remainder goes by the seed
    expect([2, 3]).toContain(drawn.items.filter((i) => i.meta['organ'] === 'HEAD').length);
  });

  it('lists what differs between a stored run and a new one, ignoring what may change between sessions', () => {
    const base = makeManifest();
    expect(
      manifestMismatches(base, {
        ...base,
        appVersion: 'x',
        endpoints: ['http://b/v1'],
        createdAt: 'later',
        updatedAt: 'now',
      }),
    ).toEqual([]);
    const diffs = manifestMismatches(base, {
      ...base,
      model: 'other',
      generation: { ...base.generation, maxPixels: 10 },
    });
    expect(diffs).toEqual(['model: stored "qwen2.5-vl-7b", now "other"', 'max pixels: stored null, now 10']);
  });
});

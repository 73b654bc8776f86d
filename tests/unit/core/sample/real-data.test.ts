// The catalogue's default strata on the real samples in ../shared/datasets: every field is one the adapter fills,
// and a sample of 10 or 40 items follows the strata's proportions (one item each where N allows).
import { describe, expect, it } from 'vitest';
import {
  BENCHMARK_CATALOGUE,
  BENCHMARK_IDS,
  SAMPLE_GOLD,
  defaultSampleStrata,
  loadBenchmark,
  variantsOf,
} from '../../../../src/core/benchmarks';
import type { BenchmarkId } from '../../../../src/core/benchmarks';
import { drawSample } from '../../../../src/core/sample';
import { createFsSource } from '../../../../src/data/fs';
import { describeShared, sharedPath } from '../../../support/shared-datasets';

describe('default sample strata', () => {
  it('names the strata for every variant of every benchmark', () => {
    for (const id of BENCHMARK_IDS) {
      const table: Readonly<Record<string, unknown>> = BENCHMARK_CATALOGUE[id].sampleStrata;
      expect(Object.keys(table).sort(), id).toEqual([...variantsOf(id)].sort());
    }
    expect(defaultSampleStrata('omnimedvqa', 'open-access')).toEqual(['modality', 'question_type']);
    expect(defaultSampleStrata('pathvqa', 'yesno')).toEqual([SAMPLE_GOLD]);
  });
});

const REAL: readonly [BenchmarkId, string, string][] = [
  ['medxpertqa', 'medxpertqa', 'mm'],
  ['omnimedvqa', 'omnimedvqa', 'open-access'],
  ['omnimedvqa', 'mcq-bundle', 'bundle'],
  ['pmc-vqa', 'pmc-vqa', 'test_2'],
  ['pathvqa', 'pathvqa', 'yesno'],
  ['slake', 'slake', 'closed'],
  ['vqa-rad', 'vqa-rad', 'yesno'],
];

describeShared('default sample strata on the real samples', () => {
  it.each(REAL)('%s (%s, %s): strata fields filled, samples in proportion', async (id, folder, variant) => {
    const { items } = await loadBenchmark(createFsSource(sharedPath(folder)), id, variant);
    const strata = defaultSampleStrata(id, variant);
    for (const field of strata)
      if (field !== SAMPLE_GOLD)
        expect(
          items.some((i) => i.meta[field] != null),
          `${id} ${field}`,
        ).toBe(true);
    for (const n of [10, 40]) {
      const drawn = drawSample(items, { size: { count: n }, seed: 1, strata });
      expect(drawn.items).toHaveLength(Math.min(n, items.length));
      if (n >= drawn.counts.length) for (const c of drawn.counts) expect(c.sampled, c.label).toBeGreaterThanOrEqual(1);
      else
        for (const c of drawn.counts)
          expect(Math.abs(c.sampled - (n * c.population) / items.length), c.label).toBeLessThan(1);
    }
  });
});

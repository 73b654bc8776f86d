import { describe, expect, it } from 'vitest';
import { BENCHMARKS, getBenchmark, loadBenchmark } from '../../../../src/core/benchmarks';
import { isEvalError } from '../../../../src/core/errors';
import { BENCHMARK_IDS } from '../../../../src/core/types';
import { createMemorySource } from '../../../../src/data/memory';

describe('benchmark registry', () => {
  it('has the seven benchmarks in the paper order, frozen, with the paper column names', () => {
    expect(Object.keys(BENCHMARKS)).toEqual([...BENCHMARK_IDS]);
    expect(Object.values(BENCHMARKS).map((b) => b.paperColumn)).toEqual([
      'MedXpert',
      'OmniMedVQA',
      'PMC-VQA',
      'PathVQA',
      'MMMU',
      'SLAKE',
      'VQA-RAD',
    ]);
    expect(Object.isFrozen(BENCHMARKS)).toBe(true);
    expect(() => {
      (BENCHMARKS as Record<string, unknown>)['x'] = 1;
    }).toThrow();
    for (const [id, def] of Object.entries(BENCHMARKS)) {
      expect(def.id).toBe(id);
      expect(def.variants).toContain(def.defaultVariant);
      expect(def.version).toMatch(/^\d+$/);
      expect(def.officialSource.length).toBeGreaterThan(0);
      expect(def.license.length).toBeGreaterThan(0);
    }
  });

  it('offers the MCQ bundle as a variant of the six benchmarks it covers', () => {
    const withBundle = Object.values(BENCHMARKS)
      .filter((b) => b.variants.includes('bundle'))
      .map((b) => b.id);
    expect(withBundle.sort()).toEqual(['mmmu-med', 'omnimedvqa', 'pathvqa', 'pmc-vqa', 'slake', 'vqa-rad']);
    expect(getBenchmark('vqa-rad').variants).toEqual(['yesno', 'closed', 'bundle']);
    expect(getBenchmark('pmc-vqa').defaultVariant).toBe('test_clean');
  });

  it('an unknown id fails with config/unknown-benchmark, a suggestion and the list', () => {
    try {
      getBenchmark('vqarad');
      expect.unreachable();
    } catch (e) {
      expect(isEvalError(e)).toBe(true);
      expect(e).toMatchObject({ code: 'config/unknown-benchmark' });
      expect((e as Error).message).toContain("Did you mean 'vqa-rad'?");
      for (const id of BENCHMARK_IDS) expect((e as Error).message).toContain(id);
    }
  });

  it('an unknown variant fails with config/unknown-variant listing the valid ones, before reading anything', async () => {
    const source = createMemorySource({});
    await expect(loadBenchmark(source, 'pmc-vqa', 'test2')).rejects.toMatchObject({
      code: 'config/unknown-variant',
      message: expect.stringMatching(/Did you mean 'test_2'\?.*test_clean, test_2, bundle/),
    });
    await expect(loadBenchmark(source, 'nope')).rejects.toMatchObject({ code: 'config/unknown-benchmark' });
  });
});

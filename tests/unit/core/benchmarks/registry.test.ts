import { describe, expect, it } from 'vitest';
import {
  BENCHMARKS,
  BENCHMARK_CATALOGUE,
  BENCHMARK_IDS,
  defaultVariantOf,
  getBenchmark,
  isBenchmarkId,
  loadBenchmark,
  variantsOf,
} from '../../../../src/core/benchmarks';
import { isEvalError } from '../../../../src/core/errors';
import { PAPER_BENCHMARKS, PAPER_TABLES, TABLE_COLUMNS, TABLE_KINDS, paperValue } from '../../../../src/core/tables';
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

  it('derives every id from the catalogue: each has a definition, a table column and paper values', () => {
    expect(Object.keys(BENCHMARK_CATALOGUE)).toEqual([...BENCHMARK_IDS]);
    expect(Object.isFrozen(BENCHMARK_CATALOGUE)).toBe(true);
    expect(TABLE_COLUMNS.map((c) => c.benchmark)).toEqual([...BENCHMARK_IDS]);
    for (const id of BENCHMARK_IDS) {
      const facts = BENCHMARK_CATALOGUE[id];
      expect(isBenchmarkId(id)).toBe(true);
      expect(BENCHMARKS[id]).toMatchObject({ id, title: facts.title, version: facts.version });
      expect(typeof BENCHMARKS[id].load).toBe('function');
      expect(BENCHMARKS[id].variants).toEqual(variantsOf(id));
      expect(BENCHMARKS[id].defaultVariant).toBe(defaultVariantOf(id));
      expect(variantsOf(id)[0]).toBe(defaultVariantOf(id));
      expect(Object.isFrozen(variantsOf(id))).toBe(true);
      expect(TABLE_COLUMNS.find((c) => c.benchmark === id)?.label).toBe(facts.paperColumn);
      // the paper's values for the benchmarks it printed; none (null) for any other
      const printed = (PAPER_BENCHMARKS as readonly string[]).includes(id);
      for (const kind of TABLE_KINDS)
        for (const row of PAPER_TABLES[kind])
          expect(paperValue(kind, row.model, id) !== null, `${id} ${row.model}`).toBe(printed);
    }
    expect(PAPER_BENCHMARKS).toEqual([
      'medxpertqa',
      'omnimedvqa',
      'pmc-vqa',
      'pathvqa',
      'mmmu-med',
      'slake',
      'vqa-rad',
    ]);
    expect(isBenchmarkId('vqarad')).toBe(false);
    expect(isBenchmarkId('toString')).toBe(false);
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

// Seeded stratified samples: determinism, independence from input order, proportional allocation, sizes and seeds.
import { describe, expect, it } from 'vitest';
import { isEvalError } from '../../../../src/core/errors';
import {
  allocate,
  describeSample,
  drawSample,
  parseSampleSeed,
  parseSampleSize,
  sampleCount,
} from '../../../../src/core/sample';
import type { Item, MetaValue } from '../../../../src/core/types';
import { mulberry32 } from '../../../support/prng';

function item(id: string, meta: Record<string, MetaValue>, answer = 'A'): Item {
  const options = [
    { letter: 'A', text: 'yes' },
    { letter: 'B', text: 'no' },
  ];
  return { id, benchmark: 'slake', variant: 'closed', question: `q${id}`, options, answer, images: [], meta };
}

/** 400 items over modality × content type, in uneven proportions (one stratum of 3 items). */
function population(): Item[] {
  const shares: [string, string, number][] = [
    ['CT', 'Organ', 150],
    ['CT', 'Abnormality', 90],
    ['MRI', 'Organ', 80],
    ['X-Ray', 'Organ', 47],
    ['X-Ray', 'Abnormality', 30],
    ['MRI', 'Plane', 3],
  ];
  const items: Item[] = [];
  for (const [modality, content_type, count] of shares)
    for (let k = 0; k < count; k++)
      items.push(item(`${modality}-${content_type}-${k}`, { modality, content_type }, k % 3 === 0 ? 'B' : 'A'));
  return items;
}

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const rnd = mulberry32(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

const STRATA = ['modality', 'content_type'];
const ids = (items: readonly Item[]): string[] => items.map((i) => i.id);

describe('drawSample', () => {
  it('is deterministic for a seed and does not depend on the input order', () => {
    const items = population();
    const a = drawSample(items, { size: { count: 40 }, seed: 7, strata: STRATA });
    const b = drawSample(items, { size: { count: 40 }, seed: 7, strata: STRATA });
    expect(ids(a.items)).toEqual(ids(b.items));
    for (const s of [1, 2, 3]) {
      const c = drawSample(shuffled(items, s), { size: { count: 40 }, seed: 7, strata: STRATA });
      expect([...ids(c.items)].sort()).toEqual([...ids(a.items)].sort());
    }
    expect(a.items).toHaveLength(40);
  });

  it('keeps the order the items were given in (the release order)', () => {
    const items = population();
    const drawn = drawSample(items, { size: { count: 25 }, seed: 0, strata: STRATA });
    const position = new Map(items.map((i, k) => [i.id, k]));
    const positions = drawn.items.map((i) => position.get(i.id) ?? -1);
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
  });

  it('draws another sample for another seed', () => {
    const items = population();
    const a = new Set(ids(drawSample(items, { size: { count: 40 }, seed: 0, strata: STRATA }).items));
    const b = ids(drawSample(items, { size: { count: 40 }, seed: 1, strata: STRATA }).items);
    expect(b.filter((id) => !a.has(id)).length).toBeGreaterThan(10);
  });

  it('allocates each stratum its proportional share within ±1, at least one each', () => {
    const items = population();
    for (const n of [10, 40, 100, 257]) {
      const drawn = drawSample(items, { size: { count: n }, seed: n, strata: STRATA });
      expect(drawn.items).toHaveLength(n);
      for (const c of drawn.counts) {
        expect(c.sampled).toBeGreaterThanOrEqual(1);
        expect(Math.abs(c.sampled - (n * c.population) / items.length), `${c.label} n=${n}`).toBeLessThan(1);
      }
      // the counts are the drawn items' own strata
      const seen = new Map<string, number>();
      for (const i of drawn.items) {
        const label = `${String(i.meta['modality'])} / ${String(i.meta['content_type'])}`;
        seen.set(label, (seen.get(label) ?? 0) + 1);
      }
      for (const c of drawn.counts) expect(seen.get(c.label) ?? 0).toBe(c.sampled);
    }
  });

  it('gives every stratum one item when N equals the number of strata, none when N is smaller', () => {
    const six = drawSample(population(), { size: { count: 6 }, seed: 0, strata: STRATA });
    expect(six.counts.map((c) => c.sampled)).toEqual([1, 1, 1, 1, 1, 1]);
    const three = drawSample(population(), { size: { count: 3 }, seed: 0, strata: STRATA });
    expect(three.counts.map((c) => c.sampled)).toEqual([1, 1, 1, 0, 0, 0]);
  });

  it('allocates by largest remainders within ±1 on random stratum sizes', () => {
    const rnd = mulberry32(11);
    for (let trial = 0; trial < 200; trial++) {
      const sizes = Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => 1 + Math.floor(rnd() * 60));
      const total = sizes.reduce((a, b) => a + b, 0);
      const n = 1 + Math.floor(rnd() * total);
      const alloc = allocate(
        sizes,
        n,
        sizes.map((_, i) => `s${i}`),
        trial,
      );
      expect(alloc.reduce((a, b) => a + b, 0)).toBe(n);
      sizes.forEach((size, i) => {
        const a = alloc[i] ?? 0;
        expect(a).toBeLessThanOrEqual(size);
        if (n >= sizes.length) expect(a).toBeGreaterThanOrEqual(1);
        // the at-least-one rule moves single items; without it every stratum is within ±1 of its quota
        if (sizes.every((s) => (n * s) / total >= 1)) expect(Math.abs(a - (n * size) / total)).toBeLessThan(1);
      });
    }
  });

  it('stratifies by the gold letter with the "gold" field', () => {
    const items = population();
    const drawn = drawSample(items, { size: { count: 30 }, seed: 3, strata: ['gold'] });
    const b = drawn.items.filter((i) => i.answer === 'B').length;
    const bShare = items.filter((i) => i.answer === 'B').length / items.length;
    expect(Math.abs(b - 30 * bShare)).toBeLessThan(1);
  });

  it('returns every item, marked complete and with no manifest sample, when N exceeds the items', async () => {
    const items = population().slice(0, 12);
    const drawn = drawSample(items, { size: { count: 500 }, seed: 0, strata: STRATA });
    expect(ids(drawn.items)).toEqual(ids(items));
    expect(drawn.complete).toBe(true);
    expect(await describeSample(drawn)).toBeNull();
  });

  it('describes a sample for the manifest: seed, size as given, strata, n, population, ids hash', async () => {
    const drawn = drawSample(population(), { size: { percent: 5 }, seed: 4, strata: STRATA });
    const info = await describeSample(drawn);
    expect(info).toMatchObject({ seed: 4, size: '5%', strata: STRATA, n: 20, population: 400 });
    expect(info?.itemIdsHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a strata field no item has, naming the fields there are', () => {
    expect(() => drawSample(population(), { size: { count: 5 }, seed: 0, strata: ['modalty'] })).toThrow(
      /No item has the strata field 'modalty': choose among content_type, modality, gold/,
    );
  });
});

describe('sample sizes and seeds', () => {
  it('parses counts and percentages', () => {
    expect(parseSampleSize('200')).toEqual({ count: 200 });
    expect(parseSampleSize(' 5% ')).toEqual({ percent: 5 });
    expect(parseSampleSize('0.5%')).toEqual({ percent: 0.5 });
    expect(parseSampleSize('100%')).toEqual({ percent: 100 });
  });

  it.each([
    ['0', /asks for no items: give a whole number of items ≥ 1/],
    ['0%', /asks for no items/],
    ['150%', /more than all the items: use at most 100%/],
    ['abc', /neither a count nor a percentage/],
    ['2.5', /neither a count nor a percentage/],
    ['-3', /neither a count nor a percentage/],
  ])('refuses %s with what to do', (text, message) => {
    try {
      parseSampleSize(text);
      expect.unreachable();
    } catch (e) {
      expect(isEvalError(e) && e.code).toBe('config/sample');
      expect(String((e as Error).message)).toMatch(message);
    }
  });

  it('turns a size into a count of items: rounded, at least one, at most all', () => {
    expect(sampleCount({ percent: 10 }, 251)).toBe(25);
    expect(sampleCount({ percent: 0.1 }, 35)).toBe(1);
    expect(sampleCount({ count: 500 }, 35)).toBe(35);
    expect(sampleCount({ count: 5 }, 0)).toBe(0);
  });

  it('takes 32-bit whole seeds only', () => {
    expect(parseSampleSeed('0')).toBe(0);
    expect(parseSampleSeed('4294967295')).toBe(4294967295);
    for (const bad of ['-1', '1.5', 'x', '4294967296'])
      expect(() => parseSampleSeed(bad)).toThrow(/not a whole number from 0 to 4294967295/);
  });
});

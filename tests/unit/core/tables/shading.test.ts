import { describe, expect, it } from 'vitest';
import { shadeLevels } from '../../../../src/core/tables';
import { seeded } from '../results/make-results';

describe('shadeLevels', () => {
  it('spreads ten distinct values from 0 (lowest) to 4 (highest), monotonically', () => {
    const values = [0.5, 0.1, 0.9, 0.3, 0.7, 0.2, 0.8, 0.4, 0.6, 0.05];
    const levels = shadeLevels(values);
    // Ranks (strictly lower count): 0.05→0 … 0.9→9; level = round(4·r/9).
    const expected = values.map((v) => Math.round((4 * values.filter((w) => w < v).length) / 9));
    expect(levels).toEqual(expected);
    expect(levels[values.indexOf(0.9)]).toBe(4);
    expect(levels[values.indexOf(0.05)]).toBe(0);
  });

  it('gives equal values equal levels whatever their order', () => {
    const values = [0.6, 0.4, 0.6, 0.2, 0.6, 0.4];
    const levels = shadeLevels(values);
    // 0.6 has 3 lower cells (the max), 0.4 has 1: round(4·1/3) = 1.
    expect(levels).toEqual([4, 1, 4, 0, 4, 1]);
    const rand = seeded(7);
    for (let trial = 0; trial < 20; trial++) {
      const order = values.map((_, i) => i).sort(() => rand() - 0.5);
      const permuted = shadeLevels(order.map((i) => values[i] ?? 0));
      order.forEach((orig, k) => expect(permuted[k]).toBe(levels[orig]));
    }
  });

  it('handles the edges: empty, one value, all equal, two values', () => {
    expect(shadeLevels([])).toEqual([]);
    expect(shadeLevels([0.3])).toEqual([4]);
    expect(shadeLevels([0.3, 0.3, 0.3])).toEqual([4, 4, 4]);
    expect(shadeLevels([0.7, 0.2])).toEqual([4, 0]);
  });

  it('is rank-based: one very low outlier does not flatten the rest', () => {
    const levels = shadeLevels([0.01, 0.6, 0.61, 0.62, 0.63]);
    expect(levels).toEqual([0, 1, 2, 3, 4]);
  });
});

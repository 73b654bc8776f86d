// Stratified, seeded k-fold: each fold keeps the class balance, the same seed gives the same folds in any input
// order, another seed other folds; the CV report's numbers are consistent with its confusion matrix.
import { describe, expect, it } from 'vitest';
import { crossValidate, stratifiedFolds } from '../../../../src/core/classify/cv';
import { mulberry32 } from '../../../support/prng';

const N = 103;
const ids = Array.from({ length: N }, (_, i) => `item-${i}`);
const labels = ids.map((_, i) => (i % 10 < 7 ? 1 : 0));

describe('stratified k-fold', () => {
  it('every fold holds its share of each class (±1) and every item once', () => {
    const folds = stratifiedFolds(ids, labels, 5, 42);
    const positives = labels.filter((l) => l === 1).length;
    for (let f = 0; f < 5; f++) {
      const members = ids.map((_, i) => i).filter((i) => folds[i] === f);
      const pos = members.filter((i) => labels[i] === 1).length;
      expect(Math.abs(pos - positives / 5)).toBeLessThanOrEqual(1);
      expect(Math.abs(members.length - N / 5)).toBeLessThanOrEqual(1);
    }
  });

  it('same seed, same folds — whatever the input order; another seed, other folds', () => {
    const a = stratifiedFolds(ids, labels, 5, 42);
    const order = ids.map((_, i) => i).reverse();
    const b = stratifiedFolds(
      order.map((i) => ids[i] ?? ''),
      order.map((i) => labels[i] ?? 0),
      5,
      42,
    );
    order.forEach((i, k) => expect(b[k]).toBe(a[i]));
    expect(Array.from(stratifiedFolds(ids, labels, 5, 42))).toEqual(Array.from(a));
    expect(Array.from(stratifiedFolds(ids, labels, 5, 43))).not.toEqual(Array.from(a));
  });

  it('rejects fewer than 2 folds', () => {
    expect(() => stratifiedFolds(ids, labels, 1, 0)).toThrow(/folds/);
  });
});

describe('cross-validation report', () => {
  it('finds signal, beats the majority baseline on balanced accuracy, and is reproducible', () => {
    const rnd = mulberry32(3);
    const d = 8;
    const y = Uint8Array.from(labels);
    const data = new Float64Array(N * d);
    for (let i = 0; i < N; i++)
      for (let j = 0; j < d; j++) data[i * d + j] = rnd() - 0.5 + (j < 2 && y[i] === 1 ? 0.6 : 0);
    const x = { rows: N, cols: d, data };
    const r = crossValidate(x, y, ids, { folds: 5, seed: 9, l2: 0.01 });
    expect(r.auc).toBeGreaterThan(0.75);
    expect(r.balancedAccuracy).toBeGreaterThan(0.6);
    expect(r.majorityBaseline).toBeCloseTo(labels.filter((l) => l === 1).length / N, 12);
    const c = r.confusion;
    expect(c.tp + c.fp + c.tn + c.fn).toBe(N);
    expect(c.tp + c.fn).toBe(r.positives);
    expect(r.accuracy).toBeCloseTo((c.tp + c.tn) / N, 12);
    expect(crossValidate(x, y, ids, { folds: 5, seed: 9, l2: 0.01 })).toEqual(r);
  });
});

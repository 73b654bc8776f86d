// ROC AUC against hand-computed values and a brute-force pair count (ties = ½); confusion and threshold choice.
import { describe, expect, it } from 'vitest';
import {
  accuracyOf,
  balancedAccuracyOf,
  bestThreshold,
  confusionAt,
  rocAuc,
  rocCurve,
} from '../../../../src/core/classify/metrics';
import { mulberry32 } from '../../../support/prng';

/** P(score of a positive > score of a negative) + ½ P(equal), over all pairs. */
function pairAuc(scores: number[], labels: number[]): number {
  let wins = 0;
  let pairs = 0;
  scores.forEach((sp, i) => {
    if (labels[i] !== 1) return;
    scores.forEach((sn, j) => {
      if (labels[j] === 1) return;
      pairs++;
      wins += sp > sn ? 1 : sp === sn ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

describe('classifier metrics', () => {
  it('AUC of the textbook case is 0.75', () => {
    // positives 0.35, 0.8; negatives 0.1, 0.4: pairs won 0.35>0.1, 0.8>0.1, 0.8>0.4 → 3 of 4
    expect(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])).toBe(0.75);
  });

  it('ties count half, as in the pair count', () => {
    expect(rocAuc([0.5, 0.5, 0.5, 0.9], [0, 1, 0, 1])).toBe(0.75);
    const rnd = mulberry32(7);
    const scores = Array.from({ length: 300 }, () => Math.round(rnd() * 20) / 20);
    const labels = scores.map((s) => (rnd() < 0.3 + 0.4 * s ? 1 : 0));
    expect(rocAuc(scores, labels)).toBeCloseTo(pairAuc(scores, labels), 12);
  });

  it('is NaN with one class only, 1 and 0 for perfect and inverted scores', () => {
    expect(rocAuc([0.1, 0.2], [1, 1])).toBeNaN();
    expect(rocAuc([0.1, 0.2, 0.9], [0, 1, 1])).toBe(1);
    expect(rocAuc([0.9, 0.2, 0.1], [0, 1, 1])).toBe(0);
  });

  it('confusion, accuracy and balanced accuracy at a threshold (score ≥ threshold is positive)', () => {
    const c = confusionAt([0.1, 0.4, 0.35, 0.8, 0.6], [0, 0, 1, 1, 0], 0.4);
    expect(c).toEqual({ tp: 1, fp: 2, tn: 1, fn: 1 });
    expect(accuracyOf(c)).toBe(2 / 5);
    expect(balancedAccuracyOf(c)).toBeCloseTo((1 / 2 + 1 / 3) / 2, 12);
  });

  it('the ROC curve runs from (0,0) to (1,1) and the best threshold separates separable scores', () => {
    const scores = [0.1, 0.2, 0.3, 0.7, 0.8];
    const labels = [0, 0, 0, 1, 1];
    const roc = rocCurve(scores, labels);
    expect(roc[0]).toMatchObject({ fpr: 0, tpr: 0 });
    expect(roc.at(-1)).toMatchObject({ fpr: 1, tpr: 1 });
    const t = bestThreshold(scores, labels);
    expect(t).toBeCloseTo(0.5, 12);
    expect(balancedAccuracyOf(confusionAt(scores, labels, t))).toBe(1);
  });
});

// Stratified, seeded k-fold cross-validation: each class is ordered by a seeded keyed hash of the example ids (the
// same seed gives the same folds whatever order examples arrive in) and dealt round-robin into k folds, so every
// fold has the class balance of the whole.
import { compareSeeded } from '../sample/random';
import { type LogisticOptions, type Matrix, fitLogistic, linearScores, pickRows, sigmoid } from './logistic';
import {
  type Confusion,
  type RocPoint,
  accuracyOf,
  balancedAccuracyOf,
  bestThreshold,
  confusionAt,
  rocAuc,
  rocCurve,
} from './metrics';

/** Fold index (0 … k−1) of every example. */
export function stratifiedFolds(
  ids: readonly string[],
  labels: ArrayLike<number>,
  k: number,
  seed: number,
): Uint8Array {
  if (!Number.isInteger(k) || k < 2 || k > 255) throw new RangeError(`folds must be a whole number 2…255 (got ${k})`);
  const folds = new Uint8Array(ids.length);
  const order = compareSeeded(seed);
  for (const cls of [0, 1]) {
    const members = ids.map((_, i) => i).filter((i) => (labels[i] === 1 ? 1 : 0) === cls);
    members.sort((a, b) => order(ids[a] ?? '', ids[b] ?? '') || a - b);
    // classes continue the deal where the previous one stopped, so fold sizes differ by at most one overall
    const offset = cls === 0 ? 0 : ids.length - members.length;
    members.forEach((i, r) => {
      folds[i] = (r + offset) % k;
    });
  }
  return folds;
}

export interface CvReport {
  folds: number;
  seed: number;
  n: number;
  positives: number;
  /** Pooled out-of-fold ROC AUC. */
  auc: number;
  /** Mean and spread of the per-fold AUCs. */
  foldAuc: number[];
  /** Chosen on the pooled out-of-fold scores: the highest balanced accuracy. */
  threshold: number;
  /** At the chosen threshold, on the out-of-fold scores. */
  accuracy: number;
  balancedAccuracy: number;
  confusion: Confusion;
  /** Always predicting the larger class. */
  majorityBaseline: number;
  /** At threshold 0.5, for comparison. */
  accuracyAtHalf: number;
  balancedAccuracyAtHalf: number;
  roc: RocPoint[];
}

/** Class weights inversely proportional to class frequency (n / (2·n_class)), as sklearn's 'balanced'. */
export function balancedWeights(labels: ArrayLike<number>): { positiveWeight: number; negativeWeight: number } {
  let p = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) p++;
  const n = labels.length;
  const neg = n - p;
  return { positiveWeight: p === 0 ? 1 : n / (2 * p), negativeWeight: neg === 0 ? 1 : n / (2 * neg) };
}

/** Out-of-fold probabilities of a k-fold CV; each fold is fitted with class weights from its own training part. */
export function crossValidate(
  x: Matrix,
  y: Uint8Array,
  ids: readonly string[],
  opts: { folds: number; seed: number; l2: number; maxIterations?: number },
): CvReport {
  const folds = stratifiedFolds(ids, y, opts.folds, opts.seed);
  const scores = new Float64Array(x.rows);
  const foldAuc: number[] = [];
  for (let f = 0; f < opts.folds; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < x.rows; i++) (folds[i] === f ? test : train).push(i);
    const yTrain = Uint8Array.from(train, (i) => y[i] ?? 0);
    const lr: LogisticOptions = { l2: opts.l2, ...balancedWeights(yTrain), maxIterations: opts.maxIterations };
    const model = fitLogistic(pickRows(x, train), yTrain, lr);
    const z = linearScores(pickRows(x, test), model);
    test.forEach((i, k) => {
      scores[i] = sigmoid(z[k] ?? 0);
    });
    foldAuc.push(
      rocAuc(
        test.map((i) => scores[i] ?? 0),
        test.map((i) => y[i] ?? 0),
      ),
    );
  }
  return cvReportOf(scores, y, opts.folds, opts.seed, foldAuc);
}

export function cvReportOf(
  scores: Float64Array,
  y: Uint8Array,
  folds: number,
  seed: number,
  foldAuc: number[],
): CvReport {
  let positives = 0;
  for (const v of y) positives += v;
  const threshold = bestThreshold(scores, y);
  const confusion = confusionAt(scores, y, threshold);
  const half = confusionAt(scores, y, 0.5);
  return {
    folds,
    seed,
    n: y.length,
    positives,
    auc: rocAuc(scores, y),
    foldAuc,
    threshold,
    accuracy: accuracyOf(confusion),
    balancedAccuracy: balancedAccuracyOf(confusion),
    confusion,
    majorityBaseline: Math.max(positives, y.length - positives) / y.length,
    accuracyAtHalf: accuracyOf(half),
    balancedAccuracyAtHalf: balancedAccuracyOf(half),
    roc: rocCurve(scores, y),
  };
}

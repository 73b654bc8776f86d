// Binary classification metrics on scores: ROC AUC (ties count half, as the Mann–Whitney U statistic), the ROC
// curve, the confusion matrix at a threshold, and the threshold that maximises balanced accuracy.

export interface Confusion {
  /** Predicted positive and positive. */
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export interface RocPoint {
  threshold: number;
  fpr: number;
  tpr: number;
}

/** Area under the ROC curve by average ranks (ties share their rank); NaN when a class is absent. */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0));
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n;) {
    let j = i;
    const s = scores[order[i] ?? 0] ?? 0;
    while (j + 1 < n && (scores[order[j + 1] ?? 0] ?? 0) === s) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[order[k] ?? 0] === 1) {
        positives++;
        rankSum += rank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Predicted positive when score ≥ threshold. */
export function confusionAt(scores: ArrayLike<number>, labels: ArrayLike<number>, threshold: number): Confusion {
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < scores.length; i++) {
    const predicted = (scores[i] ?? 0) >= threshold;
    const positive = labels[i] === 1;
    if (predicted && positive) c.tp++;
    else if (predicted) c.fp++;
    else if (positive) c.fn++;
    else c.tn++;
  }
  return c;
}

export function accuracyOf(c: Confusion): number {
  const n = c.tp + c.fp + c.tn + c.fn;
  return n === 0 ? NaN : (c.tp + c.tn) / n;
}

/** Mean of the recall of each class. */
export function balancedAccuracyOf(c: Confusion): number {
  return (c.tp / (c.tp + c.fn) + c.tn / (c.tn + c.fp)) / 2;
}

/** ROC points from (fpr 0, tpr 0) to (1, 1), one per distinct score (descending), thresholds as "score ≥". */
export function rocCurve(scores: ArrayLike<number>, labels: ArrayLike<number>): RocPoint[] {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0));
  let p = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) p++;
  const negatives = labels.length - p;
  const points: RocPoint[] = [{ threshold: Infinity, fpr: 0, tpr: 0 }];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length;) {
    const s = scores[order[i] ?? 0] ?? 0;
    while (i < order.length && (scores[order[i] ?? 0] ?? 0) === s) {
      if (labels[order[i] ?? 0] === 1) tp++;
      else fp++;
      i++;
    }
    points.push({ threshold: s, fpr: negatives === 0 ? 0 : fp / negatives, tpr: p === 0 ? 0 : tp / p });
  }
  return points;
}

/** The threshold with the highest balanced accuracy (Youden's J); ties go to the one closest to 0.5. */
export function bestThreshold(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  let best = 0.5;
  let bestJ = -Infinity;
  const points = rocCurve(scores, labels);
  for (let k = 1; k < points.length; k++) {
    const pt = points[k];
    const next = points[k + 1];
    if (pt === undefined) continue;
    // midway between this score and the next lower one, so a new item with a score in between is decided the same way
    const threshold = next === undefined ? pt.threshold : (pt.threshold + next.threshold) / 2;
    const j = pt.tpr - pt.fpr;
    if (j > bestJ + 1e-12 || (Math.abs(j - bestJ) <= 1e-12 && Math.abs(threshold - 0.5) < Math.abs(best - 0.5))) {
      bestJ = j;
      best = threshold;
    }
  }
  return best;
}

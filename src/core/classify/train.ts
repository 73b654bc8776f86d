// Training a classifier file from labelled MedXpertQA vectors: k-fold CV for the report and the threshold, then
// one fit on all examples for the shipped weights.
import { sha256Hex } from '../hash';
import type { Tag } from '../types';
import { balancedWeights, crossValidate } from './cv';
import { CLASSIFIER_FORMAT, CLASSIFIER_VERSION, type ClassifierFile, type EmbeddingSource, round7 } from './file';
import { type Matrix, fitLogistic, sparseRows } from './logistic';
import type { RocPoint } from './metrics';

export interface TrainingExample {
  id: string;
  label: Tag;
  /** What the vector was computed from, for the training-data hash (the item's content hash is enough). */
  contentHash: string;
  vector: Float32Array;
}

export interface TrainOptions {
  source: EmbeddingSource;
  name: string;
  variants: string[];
  /** λ of the L2 penalty. */
  l2: number;
  folds: number;
  seed: number;
  maxIterations?: number;
}

/** The defaults the shipped classifier is trained with (l2 chosen on CV AUC among 1e-4 … 1e-2). */
export const DEFAULT_TRAIN = Object.freeze({ l2: 3e-4, folds: 5, seed: 20261206 });

function thinRoc(points: readonly RocPoint[], max = 101): { fpr: number; tpr: number }[] {
  const step = Math.max(1, Math.ceil(points.length / max));
  const kept = points.filter((_, i) => i % step === 0 || i === points.length - 1);
  return kept.map((p) => ({ fpr: round7(p.fpr), tpr: round7(p.tpr) }));
}

/** sha256 over the sorted "id<TAB>label<TAB>content hash" lines. */
export async function trainingDataHash(examples: readonly TrainingExample[]): Promise<string> {
  const lines = examples.map((e) => `${e.id}\t${e.label}\t${e.contentHash}\n`);
  lines.sort();
  return sha256Hex(lines.join(''));
}

/** Vectors as a matrix: sparse rows when under a tenth of the entries are set (text features), else dense. */
export function toMatrix(vectors: readonly Float32Array[], dim: number): Matrix {
  let nnz = 0;
  vectors.forEach((vec, i) => {
    if (vec.length !== dim) throw new RangeError(`vector ${i} has ${vec.length} numbers, expected ${dim}`);
    for (const x of vec) if (x !== 0) nnz++;
  });
  if (nnz < 0.1 * vectors.length * dim) return sparseRows(vectors, dim);
  const data = new Float32Array(vectors.length * dim);
  vectors.forEach((vec, i) => data.set(vec, i * dim));
  return { rows: vectors.length, cols: dim, data };
}

export async function trainClassifier(
  examples: readonly TrainingExample[],
  opts: TrainOptions,
): Promise<ClassifierFile> {
  const first = examples[0];
  if (first === undefined) throw new RangeError('no training examples');
  const dim = first.vector.length;
  const x = toMatrix(
    examples.map((e) => e.vector),
    dim,
  );
  const y = Uint8Array.from(examples, (e) => (e.label === 'reasoning' ? 1 : 0));
  const ids = examples.map((e) => e.id);
  const cv = crossValidate(x, y, ids, opts);
  const weights = balancedWeights(y);
  const fit = fitLogistic(x, y, { l2: opts.l2, ...weights, maxIterations: opts.maxIterations });
  const w = Array.from(fit.weights, round7);
  const bias = round7(fit.bias);
  const weightsHash = await sha256Hex(JSON.stringify([bias, w]));
  const reasoning = y.reduce((n, v) => n + v, 0);
  return {
    format: CLASSIFIER_FORMAT,
    version: CLASSIFIER_VERSION,
    id: `${opts.source}:${opts.name}:${weightsHash.slice(0, 12)}`,
    embedding: { source: opts.source, name: opts.name, dim },
    training: {
      benchmark: 'medxpertqa',
      variants: opts.variants,
      n: examples.length,
      reasoning,
      understanding: examples.length - reasoning,
      dataHash: await trainingDataHash(examples),
    },
    model: {
      kind: 'logistic-regression',
      l2: opts.l2,
      classWeights: { reasoning: round7(weights.positiveWeight), understanding: round7(weights.negativeWeight) },
      iterations: fit.iterations,
      bias,
      weights: w,
      threshold: round7(cv.threshold),
    },
    cv: {
      folds: cv.folds,
      seed: cv.seed,
      n: cv.n,
      positives: cv.positives,
      auc: round7(cv.auc),
      foldAuc: cv.foldAuc.map(round7),
      threshold: round7(cv.threshold),
      accuracy: round7(cv.accuracy),
      balancedAccuracy: round7(cv.balancedAccuracy),
      confusion: cv.confusion,
      majorityBaseline: round7(cv.majorityBaseline),
      accuracyAtHalf: round7(cv.accuracyAtHalf),
      balancedAccuracyAtHalf: round7(cv.balancedAccuracyAtHalf),
      roc: thinRoc(cv.roc),
    },
  };
}

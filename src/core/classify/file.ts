// The classifier file: everything needed to apply a trained classifier and to judge it — which features it reads
// (source, name, dimension), what it was trained on (a hash of the ids, labels and texts), the weights and
// threshold, and the cross-validated report. Read through a valibot schema at the edge; written deterministically
// (fixed key order, numbers rounded) so the shipped file can be checked byte for byte against its script.
import * as v from 'valibot';
import { EvalError } from '../errors';

export const CLASSIFIER_FORMAT = 'medvlm-bench/classifier';
export const CLASSIFIER_VERSION = 1;

/** Where the features come from: the shipped text features, gme in the app or Node, or a remote endpoint. */
export const EMBEDDING_SOURCES = ['text', 'gme', 'remote'] as const;
export type EmbeddingSource = (typeof EMBEDDING_SOURCES)[number];

const finite = v.pipe(v.number(), v.finite());
const prob = v.pipe(v.number(), v.minValue(0), v.maxValue(1));
const count = v.pipe(v.number(), v.integer(), v.minValue(0));

const ConfusionSchema = v.object({ tp: count, fp: count, tn: count, fn: count });

const CvSchema = v.object({
  folds: v.pipe(v.number(), v.integer(), v.minValue(2)),
  seed: v.pipe(v.number(), v.integer()),
  n: count,
  positives: count,
  auc: prob,
  foldAuc: v.array(prob),
  threshold: prob,
  accuracy: prob,
  balancedAccuracy: prob,
  confusion: ConfusionSchema,
  majorityBaseline: prob,
  accuracyAtHalf: prob,
  balancedAccuracyAtHalf: prob,
  /** At most ~100 points (thinned), for drawing. */
  roc: v.array(v.object({ fpr: prob, tpr: prob })),
});

export const ClassifierFileSchema = v.object({
  format: v.literal(CLASSIFIER_FORMAT),
  version: v.literal(CLASSIFIER_VERSION),
  /** `<source>:<name>:<first 12 hex of the weights' hash>`: what every tag records. */
  id: v.pipe(v.string(), v.minLength(1)),
  embedding: v.object({
    source: v.picklist(EMBEDDING_SOURCES),
    /** The feature model or embedding model (e.g. hashed-ngrams-v1, Alibaba-NLP/gme-Qwen2-VL-2B-Instruct). */
    name: v.pipe(v.string(), v.minLength(1)),
    dim: v.pipe(v.number(), v.integer(), v.minValue(1)),
  }),
  training: v.object({
    benchmark: v.literal('medxpertqa'),
    variants: v.array(v.string()),
    n: count,
    reasoning: count,
    understanding: count,
    /** sha256 over the sorted "id<TAB>label<TAB>sha256(text)" lines. */
    dataHash: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
  }),
  model: v.object({
    kind: v.literal('logistic-regression'),
    l2: finite,
    classWeights: v.object({ reasoning: finite, understanding: finite }),
    iterations: count,
    bias: finite,
    weights: v.array(finite),
    /** Tag reasoning when P(reasoning) ≥ threshold; chosen on the CV folds (highest balanced accuracy). */
    threshold: prob,
  }),
  cv: CvSchema,
});

export type ClassifierFile = v.InferOutput<typeof ClassifierFileSchema>;
export type ClassifierCv = ClassifierFile['cv'];

/** Reads a classifier file's JSON; a wrong shape is config/classifier naming the field. */
export function parseClassifierFile(text: string, name: string): ClassifierFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new EvalError(
      'config/classifier',
      `${name} is not JSON: give a classifier file made by 'classify train'.`,
      e,
    );
  }
  return checkClassifierFile(raw, name);
}

export function checkClassifierFile(raw: unknown, name: string): ClassifierFile {
  const result = v.safeParse(ClassifierFileSchema, raw);
  if (!result.success) {
    const issue = result.issues[0];
    const where = issue === undefined ? '' : (v.getDotPath(issue) ?? '(top level)');
    throw new EvalError(
      'config/classifier',
      `${name} is not a classifier file of version ${CLASSIFIER_VERSION} (${where}: ${issue?.message ?? 'invalid'}); make one with 'medvlm-bench classify train'.`,
    );
  }
  const c = result.output;
  if (c.model.weights.length !== c.embedding.dim)
    throw new EvalError(
      'config/classifier',
      `${name}: ${c.model.weights.length} weights for embedding dimension ${c.embedding.dim}; the file is damaged — train it again.`,
    );
  return c;
}

/** Rounds to 7 significant digits: floats stored as short, exactly reproducible decimals. */
export function round7(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(7));
}

/** The file's text: two-space JSON, with the weights on one line (16k numbers would be 16k lines). */
export function serializeClassifierFile(c: ClassifierFile): string {
  const marker = '"__WEIGHTS__"';
  const text = JSON.stringify({ ...c, model: { ...c.model, weights: '__WEIGHTS__' } }, null, 2);
  return text.replace(marker, JSON.stringify(c.model.weights)) + '\n';
}

// Applying a classifier: each item gets P(reasoning), a tag by the file's threshold, and the classifier's id.
// MedXpertQA items keep their gold label (the score is still recorded, so agreement can be measured).
import type { Item } from '../types';
import type { ClassifierFile } from './file';
import { type ItemFeatures, type VectorCache, cacheKey, cachedFeatures, itemContentHash } from './features';
import { sigmoid } from './logistic';
import type { TagLine } from './tags';

/** P(reasoning) of one vector. */
export function scoreVector(c: ClassifierFile, vector: Float32Array): number {
  const w = c.model.weights;
  let z = c.model.bias;
  for (let j = 0; j < w.length; j++) z += (w[j] ?? 0) * (vector[j] ?? 0);
  return sigmoid(z);
}

/** A compiled scorer: the weights in a typed array once, for the apply loop. */
export function scorer(c: ClassifierFile): (vector: Float32Array) => number {
  const w = Float64Array.from(c.model.weights);
  const bias = c.model.bias;
  return (vector) => {
    let z = bias;
    const n = Math.min(w.length, vector.length);
    for (let j = 0; j < n; j++) z += (w[j] ?? 0) * (vector[j] ?? 0);
    return sigmoid(z);
  };
}

export interface ApplyOptions {
  cache: VectorCache;
  /** Called after each item (done, total). */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** The feature source must be the one the classifier was trained on. */
export function checkFeaturesMatch(c: ClassifierFile, f: ItemFeatures): string | null {
  if (c.embedding.name !== f.name) return `the classifier reads ${c.embedding.name} features, not ${f.name}`;
  if (f.dim !== 0 && c.embedding.dim !== f.dim)
    return `the classifier has ${c.embedding.dim} weights, ${f.name} gives ${f.dim}`;
  return null;
}

export async function tagItems(
  items: readonly Item[],
  c: ClassifierFile,
  features: ItemFeatures,
  opts: ApplyOptions,
): Promise<TagLine[]> {
  const score = scorer(c);
  const out: TagLine[] = [];
  for (const [i, item] of items.entries()) {
    opts.signal?.throwIfAborted();
    const hash = itemContentHash(item);
    const vector =
      opts.cache.peek?.(cacheKey(features, hash)) ?? (await cachedFeatures(features, opts.cache, item, hash)).vector;
    const p = score(vector);
    const gold = item.tag !== undefined && item.tagSource === 'gold';
    out.push({
      id: item.id,
      tag: gold && item.tag !== undefined ? item.tag : p >= c.model.threshold ? 'reasoning' : 'understanding',
      score: Math.round(p * 1e6) / 1e6,
      classifier: c.id,
      source: gold ? 'gold' : c.embedding.source,
      hash,
    });
    opts.onProgress?.(i + 1, items.length);
  }
  return out;
}

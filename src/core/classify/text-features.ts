// The text-only feature model (no download, ships with the app): hashed word 1–2-grams and character 3–5-grams of
// the question and, in their own namespace, of the options, each count as log(1 + tf), the vector L2-normalised.
// A fixed function of the text — nothing is fitted — so an item's vector depends on the item alone.
import type { Item } from '../types';

export const TEXT_FEATURES_NAME = 'hashed-ngrams-v1';
/** 2^14 buckets: few collisions for MedXpertQA's vocabulary, and 16k weights in the classifier file. */
export const TEXT_FEATURES_DIM = 1 << 14;

/** FNV-1a over UTF-16 code units, 32 bits. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[0-9]+(\.[0-9]+)?/g, '0')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

function addGram(counts: Map<number, number>, gram: string, dim: number): void {
  const h = fnv1a(gram);
  const bucket = h % dim;
  // the top bit signs the feature, so colliding grams cancel on average instead of piling up
  const sign = h & 0x80000000 ? -1 : 1;
  counts.set(bucket, (counts.get(bucket) ?? 0) + sign);
}

function addText(counts: Map<number, number>, namespace: string, text: string, dim: number): void {
  const ws = words(text);
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i] ?? '';
    addGram(counts, `${namespace}w:${w}`, dim);
    if (i + 1 < ws.length) addGram(counts, `${namespace}b:${w} ${ws[i + 1] ?? ''}`, dim);
    const padded = ` ${w} `;
    for (let n = 3; n <= 5; n++)
      for (let s = 0; s + n <= padded.length; s++) addGram(counts, `${namespace}c:${padded.slice(s, s + n)}`, dim);
  }
}

/** The feature vector of a question and its options. */
export function textFeatures(question: string, options: readonly string[], dim = TEXT_FEATURES_DIM): Float32Array {
  const counts = new Map<number, number>();
  addText(counts, 'q', question, dim);
  for (const o of options) addText(counts, 'o', o, dim);
  const out = new Float32Array(dim);
  let norm = 0;
  for (const [bucket, c] of counts) {
    const v = Math.sign(c) * Math.log1p(Math.abs(c));
    out[bucket] = v;
    norm += v * v;
  }
  if (norm > 0) {
    const inv = 1 / Math.sqrt(norm);
    for (const [bucket] of counts) out[bucket] = (out[bucket] ?? 0) * inv;
  }
  return out;
}

/** An item's text features. */
export function itemTextFeatures(item: Pick<Item, 'question' | 'options'>, dim = TEXT_FEATURES_DIM): Float32Array {
  return textFeatures(
    item.question,
    item.options.map((o) => o.text),
    dim,
  );
}

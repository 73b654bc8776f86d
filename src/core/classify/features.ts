// Item → feature vector, behind one interface for every embedding source: the shipped text features, or any
// Embedder port (gme in a worker or in Node, a remote /v1/embeddings endpoint) fed the item's text and image bytes.
// Vectors are cached by the item's content hash, so re-tagging a benchmark costs no embedding at all.
import { EvalError } from '../errors';
import type { Embedder } from '../ports';
import type { Item } from '../types';
import type { EmbeddingSource } from './file';
import { sha256HexSync } from './sha256';
import { TEXT_FEATURES_DIM, TEXT_FEATURES_NAME, itemTextFeatures } from './text-features';

/** Reads an item's image bytes (the caller's data source); only sources that look at images call it. */
export type ImageReader = (item: Item) => Promise<Uint8Array[]>;

export interface ItemFeatures {
  readonly source: EmbeddingSource;
  /** The feature or embedding model's name, recorded in the classifier file. */
  readonly name: string;
  readonly dim: number;
  features(item: Item): Promise<Float32Array>;
}

/** Vectors by content hash (the transformers backend's EmbeddingCache has the same shape). */
export interface VectorCache {
  get(key: string): Promise<Float32Array | undefined>;
  set(key: string, vector: Float32Array): Promise<void>;
  /** An in-memory hit without a promise; lets a cached apply run without one await per item. */
  peek?(key: string): Float32Array | undefined;
}

export class MemoryVectorCache implements VectorCache {
  private readonly map = new Map<string, Float32Array>();
  peek(key: string): Float32Array | undefined {
    return this.map.get(key);
  }
  async get(key: string): Promise<Float32Array | undefined> {
    return this.map.get(key);
  }
  async set(key: string, vector: Float32Array): Promise<void> {
    this.map.set(key, vector);
  }
  get size(): number {
    return this.map.size;
  }
}

/** The text an embedding model sees: the question, then the options as "A. text" lines. */
export function embedText(item: Pick<Item, 'question' | 'options'>): string {
  return [item.question, ...item.options.map((o) => `${o.letter}. ${o.text}`)].join('\n');
}

/**
 * sha256 of what an item's features depend on: question, options, image paths (and inline images' byte lengths),
 * each part length-prefixed so no two items run into the same text. Two loads of the same release give the same
 * hash; an edited question gives another.
 */
export function itemContentHash(item: Pick<Item, 'question' | 'options' | 'images'>): string {
  let text = `q${item.question.length}:${item.question}`;
  for (const o of item.options) text += `o${o.letter.length}:${o.letter}${o.text.length}:${o.text}`;
  for (const im of item.images)
    text += `i${im.path.length}:${im.path}${im.bytes === undefined ? '' : `#${im.bytes.length}`}`;
  return sha256HexSync(text);
}

/** The shipped, download-free text features (text-features.ts). */
export const TEXT_ITEM_FEATURES: ItemFeatures = Object.freeze({
  source: 'text',
  name: TEXT_FEATURES_NAME,
  dim: TEXT_FEATURES_DIM,
  features: async (item: Item) => itemTextFeatures(item),
});

/** Any Embedder port as item features: the item's text plus its images' bytes. */
export function embedderFeatures(
  embedder: Embedder,
  source: Exclude<EmbeddingSource, 'text'>,
  name: string,
  readImages: ImageReader,
): ItemFeatures {
  return {
    source,
    name,
    get dim() {
      return embedder.dim;
    },
    features: async (item) => embedder.embed({ text: embedText(item), images: await readImages(item) }),
  };
}

/** A cache key names the feature model too: two sources never share a vector. */
export function cacheKey(f: ItemFeatures, hash: string): string {
  return `${f.source}:${f.name}:${hash}`;
}

/** Features read from the cache when there, computed and kept otherwise; returns the vector and the content hash. */
export async function cachedFeatures(
  f: ItemFeatures,
  cache: VectorCache,
  item: Item,
  hash?: string,
): Promise<{ vector: Float32Array; hash: string; cached: boolean }> {
  const h = hash ?? itemContentHash(item);
  const key = cacheKey(f, h);
  const hit = await cache.get(key);
  if (hit !== undefined) return { vector: hit, hash: h, cached: true };
  const vector = await f.features(item);
  if (vector.length !== f.dim && f.dim !== 0)
    throw new EvalError(
      'backend/embed-failed',
      `${f.name} gave a vector of ${vector.length} numbers where ${f.dim} were expected; check the embedding model.`,
    );
  await cache.set(key, vector);
  return { vector, hash: h, cached: false };
}

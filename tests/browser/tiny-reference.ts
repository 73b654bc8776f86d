// What the browser tests compare against: token ids and gme embeddings computed in Node (onnxruntime-node),
// written by the browser project's globalSetup next to the generated models.

import type { ClassifyRun } from '../fixtures/tiny-models/classify-run';

export const REFERENCE_FILE = 'reference.json';
/** URL prefix the Vite server serves the generated models under. */
export const TINY_MODELS_URL = '/tests/.generated/tiny-models/';
export const MAX_NEW_TOKENS = 8;

export interface TinyReference {
  generations: Record<string, { promptTokens: number | null; outputTokenIds: number[] }>;
  gme: number[];
  /** The gme classifier path (tests/fixtures/tiny-models/classify-run.ts) run in Node. */
  gmeClassify: ClassifyRun | null;
}

export const referenceKey = (family: string, kind: string): string => `${family}/${kind}`;

// Builders of synthetic manifests and results for the results and tables tests (not a test file itself).
import { buildManifest } from '../../../../src/core/results';
import type { ResultRun } from '../../../../src/core/results';
import type { BenchmarkId, ItemResult, RunManifest, Tag } from '../../../../src/core/types';
import { mulberry32 } from '../../../support/prng';

export function manifest(over: Partial<RunManifest> = {}): RunManifest {
  return {
    ...buildManifest({
      appVersion: '0.1.0',
      benchmark: 'vqa-rad',
      benchmarkVersion: '1',
      variant: 'default',
      model: 'qwen2.5-vl-3b',
      backend: 'openai',
      backendModel: 'Qwen/Qwen2.5-VL-3B-Instruct',
      promptVersion: 'p1',
      extractorVersion: 'e1',
      dataHash: 'sha256:data',
      itemIdsHash: 'sha256:ids',
      generation: { maxNewTokens: 2048, temperature: 0 },
      createdAt: '2025-01-01T00:00:00.000Z',
    }),
    ...over,
  };
}

export function result(id: string, over: Partial<ItemResult> = {}): ItemResult {
  const correct = over.correct ?? true;
  return {
    type: 'result',
    id,
    benchmark: 'vqa-rad',
    variant: 'default',
    model: 'qwen2.5-vl-3b',
    output: `reasoning…\n\\boxed{${correct ? 'A' : 'B'}}`,
    extracted: correct ? 'A' : 'B',
    letter: correct ? 'A' : 'B',
    status: 'boxed',
    mode: 'paper',
    gold: 'A',
    correct,
    promptTokens: 100,
    completionTokens: 50,
    latencyMs: 1234.5,
    truncated: false,
    tag: null,
    tagSource: null,
    ...over,
  };
}

export const seeded = mulberry32;

/** A run of `n` items with random correctness (probability pCorrect) and random tags (some left null). */
export function syntheticRun(
  model: string,
  benchmark: BenchmarkId,
  n: number,
  seed: number,
  opts: { pCorrect?: number; variant?: string; untaggedShare?: number; manifest?: Partial<RunManifest> } = {},
): ResultRun {
  const rand = seeded(seed);
  const variant = opts.variant ?? 'default';
  const results: ItemResult[] = [];
  for (let i = 0; i < n; i++) {
    const correct = rand() < (opts.pCorrect ?? 0.6);
    const roll = rand();
    const tag: Tag | null = roll < (opts.untaggedShare ?? 0) ? null : rand() < 0.7 ? 'reasoning' : 'understanding';
    results.push(
      result(`${benchmark}-${i}`, { model, benchmark, variant, correct, tag, tagSource: tag === null ? null : 'gme' }),
    );
  }
  return { manifest: manifest({ model, benchmark, variant, ...opts.manifest }), results };
}

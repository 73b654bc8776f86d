// Warming a local model up before its first real item. On a fresh engine the first generations run while V8 tiers
// onnxruntime's wasm up in background threads (WebGPU compiles its shaders the same way): they are slow, their
// stats are not the model's, and on a small machine the compile threads starve the page. A few generations on a
// synthetic item, until the latency stops improving, do that work before the run.

import { encodePng } from '../image/png';
import { buildMessages } from '../prompt';
import type { GenerateRequest, Item } from '../types';
import { resolveImages } from './item';

export interface WarmUpOptions {
  /**
   * Runs are judged in blocks of at least `blockRuns` runs and `blockMs` of generation: a single run's latency is
   * too noisy (the engine's own compile threads preempt it).
   */
  blockRuns: number;
  blockMs: number;
  /** A block makes progress when its fastest run is this fraction faster than the fastest before it (0.1 = 10%). */
  improvement: number;
  /**
   * A block is steady when it makes no progress and its median run is within this fraction of its fastest: while
   * V8 still compiles in the background, preemption spreads a block's runs out even when its fastest has settled.
   */
  spread: number;
  /** Done after this many steady blocks in a row. */
  patience: number;
  /** Hard caps: warming up never costs more than this. */
  maxRuns: number;
  maxMs: number;
}

// On wasm, V8 tiers onnxruntime up in noisy steps with plateaus: judging blocks by their fastest run alone stops on
// a plateau with part of the compile left for the real run, hence the spread test. A model whose first run compiles
// everything at once (WebGPU shaders) pays one block after it. `npm run bench:app` prints what a warm-up took
// (runs, seconds, first → last latency) on the tiny test model.
export const DEFAULT_WARM_UP: WarmUpOptions = {
  blockRuns: 3,
  blockMs: 500,
  improvement: 0.1,
  spread: 0.25,
  patience: 1,
  maxRuns: 1000,
  maxMs: 20_000,
};

export interface WarmUpReport {
  runs: number;
  /** Each run's latency, in order. */
  latenciesMs: number[];
  totalMs: number;
  /** False when a cap (or shouldStop) ended it before the latency settled. */
  steady: boolean;
}

/**
 * Calls `runOnce` (one generation, resolving with its latency in ms) until `patience` blocks of runs in a row are
 * steady (no faster than the blocks before them, and their runs close together), or a cap is reached.
 * `shouldStop` ends it early (e.g. the run was cancelled).
 */
export async function warmUpUntilSteady(
  runOnce: () => Promise<number>,
  options: Partial<WarmUpOptions> = {},
  now: () => number = () => Date.now(),
  shouldStop: () => boolean = () => false,
): Promise<WarmUpReport> {
  const o = { ...DEFAULT_WARM_UP, ...options };
  const started = now();
  const latenciesMs: number[] = [];
  let best = Infinity;
  let block: number[] = [];
  let stale = 0;
  let steady = false;
  while (latenciesMs.length < o.maxRuns && now() - started < o.maxMs && !shouldStop()) {
    const ms = await runOnce();
    latenciesMs.push(ms);
    block.push(ms);
    if (block.length < o.blockRuns || block.reduce((a, b) => a + b, 0) < o.blockMs) continue;
    const fastest = Math.min(...block);
    const steadyBlock =
      best !== Infinity && fastest >= best * (1 - o.improvement) && median(block) <= fastest * (1 + o.spread);
    stale = steadyBlock ? stale + 1 : 0;
    best = Math.min(best, fastest);
    block = [];
    if (stale >= o.patience) {
      steady = true;
      break;
    }
  }
  return { runs: latenciesMs.length, latenciesMs, totalMs: now() - started, steady };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** A synthetic 112×112 picture (gradients), so the vision path runs too. */
function warmUpImagePng(): Uint8Array {
  const side = 112;
  const rgb = new Uint8Array(side * side * 3);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const i = (y * side + x) * 3;
      rgb[i] = (x * 255) / (side - 1);
      rgb[i + 1] = (y * 255) / (side - 1);
      rgb[i + 2] = ((x + y) * 255) / (2 * (side - 1));
    }
  }
  return encodePng(side, side, rgb);
}

const WARM_UP_ITEM: Omit<Item, 'images'> = {
  id: 'warm-up',
  benchmark: 'vqa-rad',
  variant: 'warm-up',
  question: 'Which imaging modality is shown?',
  options: [
    { letter: 'A', text: 'CT' },
    { letter: 'B', text: 'MRI' },
    { letter: 'C', text: 'X-ray' },
    { letter: 'D', text: 'Ultrasound' },
  ],
  answer: 'A',
  meta: {},
};

/** The synthetic item as a request: the paper's prompt and a picture, a few new tokens, greedy. */
export async function warmUpRequest(maxNewTokens = 4, maxPixels?: number): Promise<GenerateRequest> {
  const item: Item = { ...WARM_UP_ITEM, images: [{ path: 'warm-up.png', present: true, bytes: warmUpImagePng() }] };
  return {
    messages: await resolveImages(buildMessages(item), undefined),
    params: { maxNewTokens, temperature: 0, ...(maxPixels !== undefined ? { maxPixels } : {}) },
  };
}

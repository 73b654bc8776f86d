// A predictions file ({"id","output"} lines from another harness) scored in the browser against a loaded benchmark:
// the same toItemResult as every run, a manifest like the CLI's `score --out` writes (backend "import"), and counts
// of what did not pair, so the user sees what was left out.
import { EXTRACTOR_VERSION } from '../../../core/extract';
import { PROMPT_VERSION } from '../../../core/prompt';
import { buildManifest } from '../../../core/results';
import type { Prediction, ResultRun } from '../../../core/results';
import { GENERATION_DEFAULTS } from '../../../core/run/generation-defaults';
import { toItemResult } from '../../../core/score/item-result';
import type { BenchmarkId, Item } from '../../../core/types';
import { APP_VERSION } from '../../../core/version';

export interface PredictionsTarget {
  benchmark: BenchmarkId;
  benchmarkVersion: string;
  variant: string;
  items: readonly Item[];
  dataHash: string;
  itemIdsHash: string;
}

export interface ScoredPredictions {
  run: ResultRun;
  /** Items with no prediction (not scored: the accuracy is over the predicted items). */
  missing: number;
  /** Predictions whose id is no item of this benchmark and variant (ignored). */
  unknown: number;
}

export function scorePredictions(
  predictions: readonly Prediction[],
  target: PredictionsTarget,
  model: string,
  createdAt: string,
): ScoredPredictions {
  const byId = new Map(predictions.map((p) => [p.id, p.output]));
  const results = [];
  let missing = 0;
  for (const item of target.items) {
    const output = byId.get(item.id);
    if (output === undefined) missing++;
    else results.push(toItemResult(item, output, { model }));
  }
  const ids = new Set(target.items.map((i) => i.id));
  const unknown = predictions.filter((p) => !ids.has(p.id)).length;
  const manifest = buildManifest({
    appVersion: APP_VERSION,
    benchmark: target.benchmark,
    benchmarkVersion: target.benchmarkVersion,
    variant: target.variant,
    model,
    backend: 'import',
    backendModel: model,
    promptVersion: PROMPT_VERSION,
    extractorVersion: EXTRACTOR_VERSION,
    dataHash: target.dataHash,
    itemIdsHash: target.itemIdsHash,
    // Generated elsewhere: the token budget is unknown (0), as the CLI records it without --max-new-tokens.
    generation: { maxNewTokens: 0, temperature: GENERATION_DEFAULTS.temperature },
    createdAt,
  });
  return { run: { manifest, results }, missing, unknown };
}

/** The model id a predictions file is recorded under when the user names none: its file name without .jsonl. */
export function modelFromFileName(name: string): string {
  return (name.split('/').at(-1) ?? name).replace(/\.(jsonl|json|ndjson)$/i, '') || 'predictions';
}

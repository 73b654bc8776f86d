// valibot schemas for the lines of a results file: the edge where stored or imported JSON becomes typed.
// The compile-time checks at the bottom keep these schemas and the types in ../types from drifting apart.
import * as v from 'valibot';
import { BENCHMARK_IDS } from '../benchmarks/catalogue';
import { EXTRACT_STATUSES } from '../extract/statuses';
import type { ItemResult, RunManifest } from '../types';

// Token counts and latencies take any number here: an implausible one (1e308, negative, 1e400 = Infinity) is not a
// reason to drop the line and its answer; checks.ts turns it into null and the reader reports it.
const anyNumber = v.nullable(v.number());
const metaValue = v.union([v.string(), v.number(), v.boolean(), v.null()]);

export const GenerationSchema = v.object({
  maxNewTokens: v.pipe(v.number(), v.integer(), v.minValue(0)),
  temperature: v.pipe(v.number(), v.minValue(0)),
  maxPixels: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
});

export const SampleSchema = v.object({
  seed: v.pipe(v.number(), v.integer(), v.minValue(0)),
  size: v.pipe(v.string(), v.regex(/^(\d+|\d*\.?\d+%)$/)),
  strata: v.array(v.string()),
  n: v.pipe(v.number(), v.integer(), v.minValue(1)),
  population: v.pipe(v.number(), v.integer(), v.minValue(1)),
  itemIdsHash: v.string(),
});

export const ManifestSchema = v.object({
  type: v.literal('manifest'),
  formatVersion: v.pipe(v.number(), v.integer(), v.minValue(1)),
  appVersion: v.string(),
  benchmark: v.picklist(BENCHMARK_IDS),
  benchmarkVersion: v.string(),
  variant: v.pipe(v.string(), v.minLength(1)),
  model: v.pipe(v.string(), v.minLength(1)),
  backend: v.string(),
  backendModel: v.string(),
  endpoints: v.optional(v.array(v.string())),
  promptVersion: v.string(),
  extractorVersion: v.string(),
  dataHash: v.string(),
  itemIdsHash: v.string(),
  generation: GenerationSchema,
  // Optional and additive: files written before samples existed (and full runs) have none.
  sample: v.optional(SampleSchema),
  createdAt: v.string(),
  updatedAt: v.optional(v.string()),
});

export const ResultSchema = v.object({
  type: v.literal('result'),
  id: v.pipe(v.string(), v.minLength(1)),
  benchmark: v.picklist(BENCHMARK_IDS),
  variant: v.pipe(v.string(), v.minLength(1)),
  model: v.pipe(v.string(), v.minLength(1)),
  output: v.string(),
  extracted: v.nullable(v.string()),
  letter: v.nullable(v.string()),
  status: v.picklist(EXTRACT_STATUSES),
  mode: v.picklist(['paper', 'lenient'] as const),
  gold: v.string(),
  correct: v.boolean(),
  promptTokens: anyNumber,
  completionTokens: anyNumber,
  latencyMs: anyNumber,
  truncated: v.boolean(),
  tag: v.nullable(v.picklist(['reasoning', 'understanding'] as const)),
  tagSource: v.nullable(v.picklist(['gold', 'gme', 'text'] as const)),
  error: v.optional(v.object({ code: v.string(), message: v.string() })),
  outputLength: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  meta: v.optional(v.record(v.string(), metaValue)),
});

export const PredictionSchema = v.object({
  id: v.union([v.pipe(v.string(), v.minLength(1)), v.pipe(v.number(), v.finite())]),
  output: v.string(),
});

/** One readable line from valibot's issues: "field: message; field: message". */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => {
      const path = v.getDotPath(issue);
      return path === null ? issue.message : `${path}: ${issue.message}`;
    })
    .join('; ')
    .concat(issues.length > 3 ? ` (+${issues.length - 3} more)` : '');
}

// Compile-time drift checks: a parsed line must be assignable to the core type.
type Assignable<T, U extends T> = U;
export type ManifestCheck = Assignable<RunManifest, v.InferOutput<typeof ManifestSchema>>;
export type ResultCheck = Assignable<ItemResult, v.InferOutput<typeof ResultSchema>>;

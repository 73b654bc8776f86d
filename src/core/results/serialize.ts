// Writes manifests and results as one JSON line each, keys in a fixed order so that files diff cleanly
// and the same data always gives the same bytes.
import { RESULTS_FORMAT_VERSION } from '../types';
import type { GenerationParams, ItemResult, MetaValue, RunManifest, SampleInfo } from '../types';

/** The fields a caller supplies; type, formatVersion and (by default) createdAt are filled in. */
export type ManifestFields = Omit<RunManifest, 'type' | 'formatVersion' | 'createdAt'> & { createdAt?: string };

export function buildManifest(fields: ManifestFields): RunManifest {
  return orderManifest({
    ...fields,
    type: 'manifest',
    formatVersion: RESULTS_FORMAT_VERSION,
    createdAt: fields.createdAt ?? new Date().toISOString(),
  });
}

export function serializeManifest(m: RunManifest): string {
  return `${JSON.stringify(orderManifest(m))}\n`;
}

export function serializeResult(r: ItemResult): string {
  return `${JSON.stringify(orderResult(r))}\n`;
}

/** A copy with keys in the file order; optional fields are left out when undefined. */
export function orderManifest(m: RunManifest): RunManifest {
  const out: RunManifest = {
    type: 'manifest',
    formatVersion: m.formatVersion,
    appVersion: m.appVersion,
    benchmark: m.benchmark,
    benchmarkVersion: m.benchmarkVersion,
    variant: m.variant,
    model: m.model,
    backend: m.backend,
    backendModel: m.backendModel,
    promptVersion: m.promptVersion,
    extractorVersion: m.extractorVersion,
    dataHash: m.dataHash,
    itemIdsHash: m.itemIdsHash,
    generation: orderGeneration(m.generation),
    createdAt: m.createdAt,
  };
  if (m.endpoints !== undefined) out.endpoints = [...m.endpoints];
  if (m.sample !== undefined) out.sample = orderSample(m.sample);
  if (m.updatedAt !== undefined) out.updatedAt = m.updatedAt;
  return out;
}

export function orderResult(r: ItemResult): ItemResult {
  const out: ItemResult = {
    type: 'result',
    id: r.id,
    benchmark: r.benchmark,
    variant: r.variant,
    model: r.model,
    output: r.output,
    extracted: r.extracted,
    letter: r.letter,
    status: r.status,
    mode: r.mode,
    gold: r.gold,
    correct: r.correct,
    promptTokens: r.promptTokens,
    completionTokens: r.completionTokens,
    latencyMs: r.latencyMs,
    truncated: r.truncated,
    tag: r.tag,
    tagSource: r.tagSource,
  };
  if (r.error !== undefined) out.error = { code: r.error.code, message: r.error.message };
  if (r.outputLength !== undefined) out.outputLength = r.outputLength;
  if (r.meta !== undefined) out.meta = sortMeta(r.meta);
  return out;
}

function orderSample(s: SampleInfo): SampleInfo {
  return {
    seed: s.seed,
    size: s.size,
    strata: [...s.strata],
    n: s.n,
    population: s.population,
    itemIdsHash: s.itemIdsHash,
  };
}

function orderGeneration(g: GenerationParams): GenerationParams {
  const out: GenerationParams = { maxNewTokens: g.maxNewTokens, temperature: g.temperature };
  if (g.maxPixels !== undefined) out.maxPixels = g.maxPixels;
  return out;
}

// Metadata keys come from many adapters in arbitrary order; sorting makes the line deterministic.
function sortMeta(meta: Record<string, MetaValue>): Record<string, MetaValue> {
  const out: Record<string, MetaValue> = {};
  for (const key of Object.keys(meta).sort()) {
    const value = meta[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

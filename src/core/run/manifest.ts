// The run manifest stored with every result: app, benchmark, data and item-id hashes, prompt and extractor
// versions, model, backend (never a key), generation parameters, the sample when there is one, creation time.
import { getBenchmark } from '../benchmarks';
import { EXTRACTOR_VERSION } from '../extract';
import { hashDataFiles, hashItemIds } from '../hash';
import type { DatasetSource } from '../ports';
import { PROMPT_VERSION } from '../prompt';
import { buildManifest } from '../results';
import type { GenerationParams, LoadResult, RunManifest, SampleInfo } from '../types';
import { APP_VERSION } from '../version';

export interface RunManifestInput {
  /** Where the data was loaded from (its raw files are hashed). */
  source: DatasetSource;
  loaded: LoadResult;
  /** Registry model id: the key results merge on. */
  model: string;
  /** 'openai', 'transformers', 'webllm', 'scripted'. */
  backend: string;
  /** Name the backend knows the model by (served name, repo id). Never a key. */
  backendModel: string;
  endpoints?: readonly string[];
  generation: GenerationParams;
  /** Items actually run, when fewer than loaded (a sample, --limit); defaults to all. */
  itemIds?: readonly string[];
  /** The sample the items were drawn as (core/sample describeSample); absent for every item. */
  sample?: SampleInfo;
  createdAt?: string;
}

export async function buildRunManifest(input: RunManifestInput): Promise<RunManifest> {
  const report = input.loaded.report;
  const def = getBenchmark(report.benchmark);
  const ids = input.itemIds ?? input.loaded.items.map((i) => i.id);
  return buildManifest({
    appVersion: APP_VERSION,
    benchmark: report.benchmark,
    benchmarkVersion: def.version,
    variant: report.variant,
    model: input.model,
    backend: input.backend,
    backendModel: input.backendModel,
    ...(input.endpoints !== undefined ? { endpoints: [...input.endpoints] } : {}),
    promptVersion: PROMPT_VERSION,
    extractorVersion: EXTRACTOR_VERSION,
    dataHash: await hashDataFiles(input.source, report.files),
    itemIdsHash: await hashItemIds([...ids]),
    generation: { ...input.generation },
    ...(input.sample !== undefined ? { sample: { ...input.sample, strata: [...input.sample.strata] } } : {}),
    ...(input.createdAt !== undefined ? { createdAt: input.createdAt } : {}),
  });
}

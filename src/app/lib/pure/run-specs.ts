// A run plan's benchmarks as the engine's RunSpecs: one manifest (with its data hashes) and one result store per
// benchmark, the store tapped so the Run page sees what is stored (with the API key scrubbed).
import { GENERATION_DEFAULTS, buildRunManifest } from '../../../core/run';
import type { RunSpec } from '../../../core/run';
import type { DatasetSource } from '../../../core/ports';
import type { LoadResult, SampleInfo } from '../../../core/types';
import type { PlanBackend } from './plan-backend';
import type { OpenRunStore, RunKey } from './ports';
import type { RunPlan } from './run-plan';
import { tapStore } from './store-tap';
import type { RunTracker } from './run-tracker';

/** A benchmark the plan runs, loaded. */
export interface PlannedBenchmark {
  id: string;
  source: DatasetSource;
  loaded: LoadResult;
  /** The sample its items were drawn as (lib/pure/run-sample.ts); absent for every item. */
  sample?: SampleInfo;
}

export interface RunSpecsInput {
  benchmarks: readonly PlannedBenchmark[];
  plan: RunPlan;
  created: PlanBackend;
  /** Scrubbed from every stored result. */
  apiKey: string;
  openStore: OpenRunStore;
  tracker: RunTracker;
  /** Something the tracker shows changed. */
  onChange: () => void;
  /** Ends the current task between benchmarks: hashing a benchmark's data is a few ms of work each. */
  nextTask: () => Promise<void>;
}

export async function buildRunSpecs(input: RunSpecsInput): Promise<{ runs: RunSpec[]; keys: RunKey[] }> {
  const { plan, created, tracker, onChange } = input;
  const runs: RunSpec[] = [];
  const keys: RunKey[] = [];
  for (const b of input.benchmarks) {
    await input.nextTask();
    const manifest = await buildRunManifest({
      source: b.source,
      loaded: b.loaded,
      model: plan.modelId,
      backend: created.kind,
      backendModel: plan.backendModel,
      ...(created.endpoints !== undefined ? { endpoints: created.endpoints } : {}),
      ...(b.sample !== undefined ? { sample: b.sample } : {}),
      generation: {
        maxNewTokens: plan.maxNewTokens,
        temperature: GENERATION_DEFAULTS.temperature,
        maxPixels: plan.maxPixels,
      },
    });
    const key: RunKey = { model: manifest.model, benchmark: manifest.benchmark, variant: manifest.variant };
    keys.push(key);
    runs.push({
      manifest,
      items: b.loaded.items,
      source: b.source,
      store: tapStore(input.openStore(key), input.apiKey, {
        onOpened: (stored) => {
          tracker.opened(b.id, stored);
          onChange();
        },
        onStored: (r) => {
          tracker.stored(r);
          onChange();
        },
      }),
    });
  }
  return { runs, keys };
}

// A run plan's benchmarks as the engine's RunSpecs: one manifest (with its data hashes) and one result store per
// benchmark, the store tapped so the Run page sees what is stored (with the API key scrubbed). A store is keyed by
// the run's identity (model × benchmark × variant × data × sample), so one plan may hold a benchmark's demo slice
// and its full release; two entries that turn out to hold the same data are one run, and refused.
import { EvalError } from '../../../core/errors';
import {
  GENERATION_DEFAULTS,
  buildRunManifest,
  describeRunIdentity,
  runIdentityOf,
  sameRunIdentity,
} from '../../../core/run';
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
  /** How the page names it ("VQA-RAD · demo slice"); the id when absent. */
  title?: string;
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
  for (const [index, b] of input.benchmarks.entries()) {
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
    const key: RunKey = runIdentityOf(manifest);
    const twin = keys.findIndex((k) => sameRunIdentity(k, key));
    if (twin >= 0) {
      const other = input.benchmarks[twin];
      const names = [other?.title ?? other?.id ?? '', b.title ?? b.id];
      throw new EvalError(
        'config/run',
        `Two of the plan's benchmarks hold the same data (${names.join(' and ')}: ${describeRunIdentity(key)}): they would be one run. Untick one of them and run again.`,
      );
    }
    keys.push(key);
    runs.push({
      manifest,
      items: b.loaded.items,
      source: b.source,
      store: tapStore(input.openStore(key), input.apiKey, {
        onOpened: (stored) => {
          tracker.opened(index, stored);
          onChange();
        },
        onStored: (r) => {
          tracker.stored(r, index);
          onChange();
        },
      }),
    });
  }
  return { runs, keys };
}

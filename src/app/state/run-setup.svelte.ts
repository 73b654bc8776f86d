// The Run page's choices (where to run, which model, device, benchmarks, generation limits), saved in
// localStorage so the page opens as the user left it, and turned into a run plan. Server settings and the API key
// live in remote-config. Models added to the plan ("Add to plan") run with the current one, on the same benchmarks.
import { browserBackends } from '../lib/dom/backends';
import { hasShaderF16 } from '../lib/dom/gpu';
import { webStorage } from '../lib/dom/web-storage';
import { asRecord } from '../lib/pure/key-value';
import type { KeyValueStore } from '../lib/pure/key-value';
import type { RuntimeInfo } from '../lib/pure/plan-backend';
import type { BackendFactory } from '../lib/pure/ports';
import {
  BROWSER_MODELS,
  DEFAULT_MAX_NEW_TOKENS,
  DEFAULT_MAX_PIXELS,
  buildRunPlan,
  dependsOnShaderF16,
  parseRunPlan,
} from '../lib/pure/run-plan';
import type { DevicePref, RunPlan, Target } from '../lib/pure/run-plan';
import { planSetOf } from '../lib/pure/plan-set';
import type { PlanSet } from '../lib/pure/plan-set';
import { linkChoice } from '../lib/pure/run-link';
import { MODELS } from '../../core/models/registry';
import { remoteConfig } from './remote-config.svelte';
import type { RemoteConfig } from './remote-config.svelte';
import { userModels } from './user-models.svelte';
import type { UserModels } from './user-models.svelte';

const STORAGE_KEY = 'medvlm-bench:run-setup:v1';

const str = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);
const int = (v: unknown, fallback: number): number =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : fallback;

export interface RunSetupDeps {
  storage: KeyValueStore;
  remote: RemoteConfig;
  users: UserModels;
  /** Whether the WebGPU adapter offers shader-f16 (never throws). */
  hasShaderF16(): Promise<boolean>;
  backends: Pick<BackendFactory, 'preview'>;
}

export class RunSetup {
  target = $state<Target>('browser');
  browserModel = $state(BROWSER_MODELS[0]?.id ?? '');
  /** Registry id results are stored under; '' stores them under the served name. */
  remoteModel = $state('qwen2.5-vl-7b');
  device = $state<DevicePref>('auto');
  benchmarks = $state<string[]>(['vqa-rad']);
  maxNewTokens = $state(DEFAULT_MAX_NEW_TOKENS);
  maxPixels = $state(DEFAULT_MAX_PIXELS);
  /** "" runs every item; else a seeded stratified sample of N items or P% of each benchmark. */
  sampleSize = $state('');
  sampleSeed = $state(0);
  /** Models added to the plan before the current choice (each planned when added; benchmarks follow the page). */
  added = $state.raw<RunPlan[]>([]);
  /** Ids a link named that the page does not offer. */
  linkUnknown = $state.raw<string[]>([]);
  private lastLink: string | null = null;

  constructor(private readonly deps: RunSetupDeps) {
    const r = asRecord(deps.storage.read(STORAGE_KEY));
    this.target = r['target'] === 'remote' ? 'remote' : 'browser';
    this.browserModel = str(r['browserModel'], this.browserModel);
    this.remoteModel = str(r['remoteModel'], this.remoteModel);
    this.device = r['device'] === 'webgpu' || r['device'] === 'wasm' ? r['device'] : 'auto';
    const benchmarks = r['benchmarks'];
    if (Array.isArray(benchmarks)) this.benchmarks = benchmarks.filter((b): b is string => typeof b === 'string');
    this.maxNewTokens = int(r['maxNewTokens'], this.maxNewTokens);
    this.maxPixels = int(r['maxPixels'], this.maxPixels);
    this.sampleSize = str(r['sampleSize'], '');
    const seed = r['sampleSeed'];
    this.sampleSeed = typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 ? seed : 0;
    const added = r['added'];
    if (Array.isArray(added)) this.added = added.map(parseRunPlan).filter((p): p is RunPlan => p !== null);
  }

  /** The choices this page saves and plans from (server settings live in remote-config). */
  private choices() {
    return {
      target: this.target,
      browserModel: this.browserModel,
      remoteModel: this.remoteModel,
      device: this.device,
      benchmarks: this.benchmarks,
      maxNewTokens: this.maxNewTokens,
      maxPixels: this.maxPixels,
      sampleSize: this.sampleSize,
      sampleSeed: this.sampleSeed,
    };
  }

  save(): void {
    this.deps.storage.write(STORAGE_KEY, { ...this.choices(), added: this.added });
    this.deps.remote.save();
  }

  /** The plan for the current choices; throws an EvalError that says what is missing. */
  plan(f16: boolean): RunPlan {
    const remote = this.deps.remote;
    return buildRunPlan(
      {
        ...this.choices(),
        remote: { endpoints: remote.endpoints, servedName: remote.servedName, concurrency: remote.concurrency },
      },
      this.deps.users.list,
      f16,
    );
  }

  /** Saves the choices and plans a run with them, asking the GPU only when the model's build depends on it. */
  async planRun(): Promise<RunPlan> {
    this.save();
    const probe = this.target === 'browser' && dependsOnShaderF16(this.browserModel);
    return this.plan(probe && (await this.deps.hasShaderF16()));
  }

  /** Plans the current choice and adds it to the plan; the page can then pick the next model. */
  async addToPlan(): Promise<void> {
    const plan = await this.planRun();
    this.added = [...this.added.filter((p) => !samePart(p, plan)), plan];
    this.save();
  }

  /** Unticks benchmarks (a saved choice whose dataset is not loaded in this tab). */
  dropBenchmarks(entries: readonly string[]): void {
    this.benchmarks = this.benchmarks.filter((e) => !entries.includes(e));
    this.save();
  }

  removeFromPlan(index: number): void {
    this.added = this.added.filter((_, i) => i !== index);
    this.save();
  }

  /**
   * The whole plan: the added models, then the current choice (unless it is one of them), every one on the
   * benchmarks, sample and generation limits now chosen.
   */
  async planSet(): Promise<PlanSet> {
    const current = await this.planRun();
    const added = this.added.map((p): RunPlan => {
      const part: RunPlan = {
        ...p,
        benchmarks: current.benchmarks,
        maxNewTokens: current.maxNewTokens,
        maxPixels: current.maxPixels,
      };
      if (current.sample === undefined) delete part.sample;
      else part.sample = current.sample;
      return part;
    });
    return planSetOf(added.some((p) => samePart(p, current)) ? added : [...added, current]);
  }

  /**
   * Preselects what a link names (`#/run?benchmark=a,b&model=m`; with `data=`, `dataEntry` is the dataset it
   * loaded, or null when that failed); the same link is applied once, so choices made on
   * the page afterwards stand. Never starts a run.
   */
  applyLink(params: URLSearchParams, offered: readonly string[], dataEntry?: string | null): void {
    const text = params.toString();
    if (text === this.lastLink) return;
    this.lastLink = text;
    const choice = linkChoice(params, {
      benchmarks: offered,
      userModels: this.deps.users.list.map((u) => u.id),
      ...(dataEntry !== undefined ? { dataEntry } : {}),
    });
    this.linkUnknown = choice.unknown;
    if (choice.benchmarks !== undefined) this.benchmarks = choice.benchmarks;
    const model = choice.model;
    if (model?.target === 'browser') {
      this.target = 'browser';
      this.browserModel = model.id;
    } else if (model?.target === 'remote') {
      this.target = 'remote';
      this.remoteModel = model.id;
      const entry = MODELS.find((m) => m.id === model.id);
      if (entry !== undefined) this.deps.remote.servedName = entry.remoteName;
    }
  }

  /** What device and weights the chosen in-browser model would get (no model is loaded); null when not known. */
  async previewRuntime(): Promise<RuntimeInfo | null> {
    if (this.target !== 'browser') return null;
    let plan: RunPlan;
    try {
      plan = this.plan(false);
    } catch {
      return null;
    }
    return this.deps.backends.preview(plan);
  }
}

/** Two plans for the same model in the same place are one part of a plan set (results would share stores). */
const samePart = (a: RunPlan, b: RunPlan): boolean => a.target === b.target && a.modelId === b.modelId;

export const runSetup = new RunSetup({
  storage: webStorage('local'),
  remote: remoteConfig,
  users: userModels,
  hasShaderF16,
  backends: browserBackends,
});

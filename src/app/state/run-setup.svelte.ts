// The Run page's choices (where to run, which model, device, benchmarks, generation limits), saved in
// localStorage so the page opens as the user left it. Server settings and the API key live in remote-config.
import { BROWSER_MODELS, DEFAULT_MAX_NEW_TOKENS, DEFAULT_MAX_PIXELS, buildRunPlan } from '../lib/run-plan';
import type { DevicePref, RunPlan, Target } from '../lib/run-plan';
import { asRecord, readJson, writeJson } from '../lib/persist';
import { remoteConfig } from './remote-config.svelte';
import { userModels } from './user-models.svelte';

const STORAGE_KEY = 'medvlm-bench:run-setup:v1';

const str = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : fallback);
const int = (v: unknown, fallback: number): number =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : fallback;

class RunSetup {
  target = $state<Target>('browser');
  browserModel = $state(BROWSER_MODELS[0]?.id ?? '');
  /** Registry id results are stored under; '' stores them under the served name. */
  remoteModel = $state('qwen2.5-vl-7b');
  device = $state<DevicePref>('auto');
  benchmarks = $state<string[]>(['vqa-rad']);
  maxNewTokens = $state(DEFAULT_MAX_NEW_TOKENS);
  maxPixels = $state(DEFAULT_MAX_PIXELS);

  constructor() {
    const r = asRecord(readJson(STORAGE_KEY));
    this.target = r['target'] === 'remote' ? 'remote' : 'browser';
    this.browserModel = str(r['browserModel'], this.browserModel);
    this.remoteModel = str(r['remoteModel'], this.remoteModel);
    this.device = r['device'] === 'webgpu' || r['device'] === 'wasm' ? r['device'] : 'auto';
    const benchmarks = r['benchmarks'];
    if (Array.isArray(benchmarks)) this.benchmarks = benchmarks.filter((b): b is string => typeof b === 'string');
    this.maxNewTokens = int(r['maxNewTokens'], this.maxNewTokens);
    this.maxPixels = int(r['maxPixels'], this.maxPixels);
  }

  save(): void {
    writeJson(STORAGE_KEY, {
      target: this.target,
      browserModel: this.browserModel,
      remoteModel: this.remoteModel,
      device: this.device,
      benchmarks: this.benchmarks,
      maxNewTokens: this.maxNewTokens,
      maxPixels: this.maxPixels,
    });
    remoteConfig.save();
  }

  /** The plan for the current choices; throws an EvalError that says what is missing. */
  plan(f16: boolean): RunPlan {
    return buildRunPlan(
      {
        target: this.target,
        browserModel: this.browserModel,
        remoteModel: this.remoteModel,
        device: this.device,
        benchmarks: this.benchmarks,
        maxNewTokens: this.maxNewTokens,
        maxPixels: this.maxPixels,
        remote: {
          endpoints: remoteConfig.endpoints,
          servedName: remoteConfig.servedName,
          concurrency: remoteConfig.concurrency,
        },
      },
      userModels.list,
      f16,
    );
  }
}

export const runSetup = new RunSetup();

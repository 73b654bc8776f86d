// What one press of "Run" evaluates, as plain data: saved while the run is unfinished so that a reloaded tab can
// resume it (the API key is never part of it). Built from the Run page's choices, validated here.
import { EvalError } from '../../../core/errors';
import { BACKEND_KINDS, isBackendKind } from '../../../core/models/backend-kinds';
import type { BackendKindInfo } from '../../../core/models/backend-kinds';
import { MODELS, findModel, webRepoFor } from '../../../core/models/registry';
import type { ModelEngine, ModelEntry } from '../../../core/models/registry';
import { GENERATION_DEFAULTS } from '../../../core/run/generation-defaults';
import { parseSampleSeed, parseSampleSize } from '../../../core/sample';
import { parsePlanSample } from './run-sample';
import type { PlanSample } from './run-sample';
import type { KeyValueStore } from './key-value';
import type { UserModel } from './user-model';

export type Target = 'browser' | 'remote';
export type DevicePref = 'auto' | 'webgpu' | 'wasm';

export const DEFAULT_MAX_PIXELS = GENERATION_DEFAULTS.maxPixels;
export const DEFAULT_MAX_NEW_TOKENS = GENERATION_DEFAULTS.maxNewTokens;

export interface LocalPlan {
  engine: ModelEngine;
  /** transformers.js: repo id or folder name under localModelPath; web-llm: its model_id. */
  model: string;
  localModelPath?: string;
  allowRemoteModels: boolean;
  dtypes: string[];
  device?: 'webgpu' | 'wasm';
}

export interface RemotePlan {
  endpoints: string[];
  servedName: string;
  concurrency: number;
}

export interface RunPlan {
  target: Target;
  /** Results key: a registry id, a user model id, or the served name. */
  modelId: string;
  modelLabel: string;
  /** Name the backend knows the model by (repo id, base URL, served name): stored in the manifest. */
  backendModel: string;
  local?: LocalPlan;
  remote?: RemotePlan;
  benchmarks: string[];
  maxNewTokens: number;
  maxPixels: number;
  /** A seeded stratified sample of each benchmark (absent: every item). */
  sample?: PlanSample;
}

/** Registry models with a web export for a backend the browser has (backend-kinds), in registry order. */
export const BROWSER_MODELS: readonly ModelEntry[] = MODELS.filter(
  (m) =>
    m.runtime === 'browser' &&
    m.web !== undefined &&
    (BACKEND_KINDS[m.web.engine] as BackendKindInfo).platforms.includes('browser'),
);

/** How the model picker names a model's engine ("transformers.js", "web-llm"). */
export const engineLabel = (m: ModelEntry): string => (m.web === undefined ? '' : BACKEND_KINDS[m.web.engine].label);

/** Whether the plan for this registry model picks its build by the adapter's shader-f16 (web-llm's q4f16 vs q4f32). */
export function dependsOnShaderF16(browserModel: string): boolean {
  const web = BROWSER_MODELS.find((m) => m.id === browserModel)?.web;
  return web?.engine === 'webllm';
}

export interface SetupChoice {
  target: Target;
  browserModel: string;
  remoteModel: string;
  device: DevicePref;
  benchmarks: string[];
  maxNewTokens: number;
  maxPixels: number;
  remote: RemotePlan;
  /** "" for every item, else N or P% (checked here). */
  sampleSize?: string;
  sampleSeed?: number;
}

function positive(name: string, n: number): number {
  if (!Number.isInteger(n) || n < 1)
    throw new EvalError('config/run', `${name} must be a whole number ≥ 1 (got ${n}).`);
  return n;
}

function localFromUser(m: UserModel, device: DevicePref): { plan: LocalPlan; backendModel: string } {
  const forced = device === 'auto' ? {} : { device };
  if (m.kind === 'repo')
    return {
      plan: { engine: 'transformers', model: m.location, allowRemoteModels: true, dtypes: m.dtypes, ...forced },
      backendModel: m.location,
    };
  // A served export: transformers.js fetches `<localModelPath><model>/…`; nothing may come from the Hub.
  const cut = m.location.lastIndexOf('/');
  return {
    plan: {
      engine: 'transformers',
      model: m.location.slice(cut + 1),
      localModelPath: localPathOf(`${m.location.slice(0, cut)}/`),
      allowRemoteModels: false,
      dtypes: m.dtypes,
      ...forced,
    },
    backendModel: m.location,
  };
}

/**
 * transformers.js 4.3 treats an absolute http(s) localModelPath as remote when it checks which files exist
 * (get_file_metadata), so with remote models off it finds no tokenizer. A scheme-relative prefix
 * ("//host/path/") is fetched just the same but passes that check; it needs the page's own scheme.
 */
export function localPathOf(url: string, pageProtocol: string | undefined = globalThis.location?.protocol): string {
  const scheme = /^([a-z][a-z0-9+.-]*:)\/\//i.exec(url)?.[1]?.toLowerCase();
  return scheme !== undefined && scheme === pageProtocol ? url.slice(scheme.length) : url;
}

export function buildRunPlan(choice: SetupChoice, users: readonly UserModel[], f16: boolean): RunPlan {
  if (choice.benchmarks.length === 0) throw new EvalError('config/run', 'Pick at least one benchmark to run.');
  const sampleSize = choice.sampleSize?.trim() ?? '';
  if (sampleSize !== '') parseSampleSize(sampleSize); // throws what is wrong with it before anything runs
  const common = {
    benchmarks: [...choice.benchmarks],
    maxNewTokens: positive('Max new tokens', choice.maxNewTokens),
    maxPixels: positive('Max pixels', choice.maxPixels),
    ...(sampleSize !== ''
      ? { sample: { size: sampleSize, seed: parseSampleSeed(String(choice.sampleSeed ?? 0)) } }
      : {}),
  };
  if (choice.target === 'remote') {
    const r = choice.remote;
    const served = r.servedName.trim();
    if (served === '')
      throw new EvalError('config/model', 'Give the name the server serves the model under (GET /v1/models lists it).');
    if (r.endpoints.length === 0)
      throw new EvalError('config/endpoint', "Give the server's base URL, e.g. http://127.0.0.1:8000/v1.");
    const entry = choice.remoteModel === '' ? undefined : findModel(choice.remoteModel);
    return {
      target: 'remote',
      modelId: entry?.id ?? served,
      modelLabel: entry?.label ?? served,
      backendModel: served,
      remote: { endpoints: [...r.endpoints], servedName: served, concurrency: positive('Concurrency', r.concurrency) },
      ...common,
    };
  }
  const user = users.find((u) => u.id === choice.browserModel);
  if (user !== undefined) {
    const { plan, backendModel } = localFromUser(user, choice.device);
    return { target: 'browser', modelId: user.id, modelLabel: user.label, backendModel, local: plan, ...common };
  }
  const entry = BROWSER_MODELS.find((m) => m.id === choice.browserModel);
  const web = entry?.web;
  if (entry === undefined || web === undefined)
    throw new EvalError('config/model', 'Pick a model to run in the browser, or add your own (repo id or base URL).');
  if (web.engine === 'webllm') {
    // MLC builds: q4f16 needs shader-f16, q4f32 runs on any WebGPU adapter.
    const dtype = web.dtypes.find((d) => f16 || !d.includes('f16')) ?? web.dtypes[0] ?? 'q4f32_1';
    const repo = webRepoFor(web, dtype);
    const modelId = repo.split('/').at(-1) ?? repo;
    return {
      target: 'browser',
      modelId: entry.id,
      modelLabel: entry.label,
      backendModel: repo,
      local: { engine: 'webllm', model: modelId, allowRemoteModels: true, dtypes: [dtype], device: 'webgpu' },
      ...common,
    };
  }
  const forced = choice.device === 'auto' ? {} : { device: choice.device };
  return {
    target: 'browser',
    modelId: entry.id,
    modelLabel: entry.label,
    backendModel: web.repo,
    local: { engine: 'transformers', model: web.repo, allowRemoteModels: true, dtypes: [...web.dtypes], ...forced },
    ...common,
  };
}

/** An engine the browser runs web exports on (a plan saved by another version may name one this one lacks). */
function isBrowserEngine(engine: unknown): engine is ModelEngine {
  if (typeof engine !== 'string' || !isBackendKind(engine)) return false;
  const kind: BackendKindInfo = BACKEND_KINDS[engine];
  return kind.runsIn === 'worker' && kind.platforms.includes('browser');
}

/** A plan read back from storage, or null when it is not one. */
export function parseRunPlan(v: unknown): RunPlan | null {
  if (typeof v !== 'object' || v === null) return null;
  const p = v as Partial<RunPlan>;
  const ok =
    (p.target === 'browser' || p.target === 'remote') &&
    typeof p.modelId === 'string' &&
    typeof p.modelLabel === 'string' &&
    typeof p.backendModel === 'string' &&
    Array.isArray(p.benchmarks) &&
    typeof p.maxNewTokens === 'number' &&
    typeof p.maxPixels === 'number' &&
    (p.target === 'remote'
      ? typeof p.remote === 'object' && p.remote !== null
      : typeof p.local === 'object' && p.local !== null && isBrowserEngine(p.local.engine));
  if (!ok) return null;
  const { sample, ...rest } = p as RunPlan;
  const parsed = parsePlanSample(sample);
  return parsed === undefined ? rest : { ...rest, sample: parsed };
}

/** Where the unfinished plan is kept (localStorage in the page), so a reloaded tab can offer to resume it. */
export interface PlanStore {
  load(): RunPlan | null;
  save(plan: RunPlan): void;
  clear(): void;
}

export const ACTIVE_PLAN_KEY = 'medvlm-bench:active-run:v1';

export function planStoreOn(kv: KeyValueStore, key: string = ACTIVE_PLAN_KEY): PlanStore {
  return {
    load: () => parseRunPlan(kv.read(key)),
    save: (plan) => void kv.write(key, plan),
    clear: () => kv.remove(key),
  };
}

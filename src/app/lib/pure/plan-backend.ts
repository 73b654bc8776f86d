// A run plan's backend as the Run page holds it: the ModelBackend, its kind from the backend registry
// (core/models/backend-kinds.ts), and what it runs on. The factories that make one are platform code (dom/backends.ts).
import { EvalError } from '../../../core/errors';
import type { BackendKind, BackendKindsOn } from '../../../core/models/backend-kinds';
import type { ModelBackend } from '../../../core/ports';
import type { LocalPlan, RunPlan } from './run-plan';

export interface RuntimeInfo {
  device: string;
  dtype: string;
  /** Why this device and these weights, in a sentence. */
  reason: string;
  fellBack: boolean;
}

export interface PlanBackend {
  backend: ModelBackend;
  /** Stored in the manifest as `backend`. */
  kind: BackendKind;
  /** Normalised endpoint URLs (remote only). */
  endpoints?: readonly string[];
  /** Device and dtype as decided now; may change during load() (a WebGPU failure falls back to wasm). */
  runtime(): RuntimeInfo | null;
  concurrency: number;
}

export type BrowserBackendKind = BackendKindsOn<'browser'>;

/** The registry kind a plan runs on: a server, or the engine its web export is made for. */
export function backendKindOf(plan: RunPlan): BrowserBackendKind {
  if (plan.target === 'remote') return 'openai';
  if (plan.local === undefined) throw new EvalError('config/run', 'This run has no model settings.');
  return plan.local.engine;
}

/** web-llm's device and weights are the plan's: it runs MLC builds on WebGPU, nothing to probe. */
export function webLlmRuntime(local: LocalPlan): RuntimeInfo {
  const dtype = local.dtypes[0] ?? '';
  const why = dtype.includes('f16') ? 'the adapter has shader-f16' : 'no shader-f16 needed';
  return {
    device: 'webgpu',
    dtype,
    reason: `web-llm runs MLC builds on WebGPU only: ${dtype} weights (${why}).`,
    fellBack: false,
  };
}

// Turns a RunPlan into a ModelBackend: a local model in a worker (transformers.js or web-llm, through
// src/app/workers.ts) or an OpenAI-compatible server (images re-encoded on an OffscreenCanvas).
import { createOpenAIBackend } from '../../backends/openai';
import { createCanvasImageEncoder } from '../../backends/openai/browser-image';
import { EvalError } from '../../core/errors';
import type { ModelBackend } from '../../core/ports';
import { createInferenceWorker, createWebLlmBackend } from '../workers';
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
  /** 'openai', 'transformers', 'webllm': stored in the manifest. */
  kind: string;
  /** Normalised endpoint URLs (remote only). */
  endpoints?: readonly string[];
  /** Device and dtype as decided now; may change during load() (a WebGPU failure falls back to wasm). */
  runtime(): RuntimeInfo | null;
  concurrency: number;
}

export async function createPlanBackend(plan: RunPlan, apiKey: string): Promise<PlanBackend> {
  if (plan.target === 'remote') {
    const r = plan.remote;
    if (r === undefined) throw new EvalError('config/run', 'This run has no server settings.');
    const backend = createOpenAIBackend({
      model: r.servedName,
      endpoints: r.endpoints.map((url) => ({ url, maxInFlight: r.concurrency })),
      ...(apiKey !== '' ? { apiKey } : {}),
      stream: true,
      encodeImage: createCanvasImageEncoder(),
    });
    return { backend, kind: 'openai', endpoints: backend.endpoints, runtime: () => null, concurrency: r.concurrency };
  }
  const local = plan.local;
  if (local === undefined) throw new EvalError('config/run', 'This run has no model settings.');
  if (local.engine === 'webllm') {
    const backend = createWebLlmBackend({ modelId: local.model });
    const runtime = webLlmRuntime(local);
    return { backend, kind: 'webllm', runtime: () => runtime, concurrency: 1 };
  }
  const worker = await createInferenceWorker(workerOptions(local));
  const runtime = (): RuntimeInfo => {
    const r = worker.runtime;
    return { device: r.device, dtype: r.dtype, reason: r.reason, fellBack: r.fellBack };
  };
  // One generation at a time: the worker runs one session; more would only queue inside it.
  return { backend: worker, kind: 'transformers', runtime, concurrency: 1 };
}

function workerOptions(local: LocalPlan) {
  return {
    model: local.model,
    dtypes: local.dtypes,
    allowRemoteModels: local.allowRemoteModels,
    // The first real item then runs on a compiled engine: honest per-item stats, and no compile storm mid-run.
    warmUp: true,
    ...(local.localModelPath !== undefined ? { localModelPath: local.localModelPath } : {}),
    ...(local.device !== undefined ? { device: local.device } : {}),
  };
}

function webLlmRuntime(local: LocalPlan): RuntimeInfo {
  const dtype = local.dtypes[0] ?? '';
  const why = dtype.includes('f16') ? 'the adapter has shader-f16' : 'no shader-f16 needed';
  return {
    device: 'webgpu',
    dtype,
    reason: `web-llm runs MLC builds on WebGPU only: ${dtype} weights (${why}).`,
    fellBack: false,
  };
}

/** The device and weights a browser plan would get, decided as at load time but without starting a worker. */
export async function previewRuntime(plan: RunPlan): Promise<RuntimeInfo | null> {
  const local = plan.local;
  if (plan.target !== 'browser' || local === undefined) return null;
  if (local.engine === 'webllm') return webLlmRuntime(local);
  const worker = await createInferenceWorker(workerOptions(local));
  const r = worker.runtime;
  await worker.dispose();
  return { device: r.device, dtype: r.dtype, reason: r.reason, fellBack: r.fellBack };
}

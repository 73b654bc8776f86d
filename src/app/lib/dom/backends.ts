// The browser's factories for the backend kinds (core/models/backend-kinds.ts): a local model in a worker
// (transformers.js or web-llm, through src/app/workers.ts) or an OpenAI-compatible server (images re-encoded on an
// OffscreenCanvas). The Record over every browser kind makes a new kind a compile error here until it is wired.
import { createOpenAIBackend } from '../../../backends/openai';
import { createCanvasImageEncoder } from '../../../backends/openai/browser-image';
import { concurrencyOf } from '../../../core/models/backend-kinds';
import { EvalError } from '../../../core/errors';
import type { InferenceWorkerBackend } from '../../workers';
import { createInferenceWorker, createWebLlmBackend } from '../../workers';
import { backendKindOf, webLlmRuntime } from '../pure/plan-backend';
import { ensureConnectable } from './connect-policy';
import type { BrowserBackendKind, PlanBackend, RuntimeInfo } from '../pure/plan-backend';
import type { BackendFactory } from '../pure/ports';
import type { LocalPlan, RunPlan } from '../pure/run-plan';

type Made = Omit<PlanBackend, 'kind' | 'concurrency'>;

interface KindFactory {
  create(plan: RunPlan, apiKey: string): Promise<Made>;
  /** The device and weights a plan would get, decided as at load time but without loading the model. */
  preview(plan: RunPlan): Promise<RuntimeInfo | null>;
}

function localOf(plan: RunPlan): LocalPlan {
  if (plan.local === undefined) throw new EvalError('config/run', 'This run has no model settings.');
  return plan.local;
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

const runtimeOf = (worker: InferenceWorkerBackend): RuntimeInfo => {
  const r = worker.runtime;
  return { device: r.device, dtype: r.dtype, reason: r.reason, fellBack: r.fellBack };
};

export const BROWSER_BACKENDS: Readonly<Record<BrowserBackendKind, KindFactory>> = {
  openai: {
    async create(plan, apiKey) {
      const r = plan.remote;
      if (r === undefined) throw new EvalError('config/run', 'This run has no server settings.');
      for (const url of r.endpoints) ensureConnectable(url);
      const backend = createOpenAIBackend({
        model: r.servedName,
        endpoints: r.endpoints.map((url) => ({ url, maxInFlight: r.concurrency })),
        ...(apiKey !== '' ? { apiKey } : {}),
        stream: true,
        encodeImage: createCanvasImageEncoder(),
      });
      return { backend, endpoints: backend.endpoints, runtime: () => null };
    },
    preview: async () => null,
  },
  transformers: {
    async create(plan) {
      const local = localOf(plan);
      // A served export's host (a Hub repo needs no check: the hub is always allowed).
      if (local.localModelPath !== undefined) ensureConnectable(local.localModelPath);
      const worker = await createInferenceWorker(workerOptions(local));
      return { backend: worker, runtime: () => runtimeOf(worker) };
    },
    async preview(plan) {
      const worker = await createInferenceWorker(workerOptions(localOf(plan)));
      const runtime = runtimeOf(worker);
      await worker.dispose();
      return runtime;
    },
  },
  webllm: {
    async create(plan) {
      const local = localOf(plan);
      const runtime = webLlmRuntime(local);
      return { backend: createWebLlmBackend({ modelId: local.model }), runtime: () => runtime };
    },
    preview: async (plan) => webLlmRuntime(localOf(plan)),
  },
};

/** The backend factory the Run page's state is given: the plan's kind, its factory, its concurrency. */
export const browserBackends: BackendFactory = {
  async create(plan, apiKey) {
    const kind = backendKindOf(plan);
    const made = await BROWSER_BACKENDS[kind].create(plan, apiKey);
    return { ...made, kind, concurrency: concurrencyOf(kind, plan.remote?.concurrency ?? 1) };
  },
  async preview(plan) {
    if (plan.target !== 'browser') return null;
    return BROWSER_BACKENDS[backendKindOf(plan)].preview(plan);
  },
};

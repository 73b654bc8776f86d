// The only place that creates Workers: typed facades over the inference and embed workers (comlink),
// choosing device and dtype from a WebGPU probe and falling back to wasm in a FRESH worker when WebGPU fails, not
// when a model file is missing or its host unreachable (onnxruntime-web remembers a failed WebGPU init, so the same worker cannot simply retry on wasm), and the
// web-llm worker behind its backend's own page-side facade. The facades satisfy the ports the worker protocol
// (workers/api.ts) is derived from.

import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import { probeWebGpu, type GpuProbe } from '../backends/shared/webgpu-probe';
import { chooseRuntime, wasmFallback, type RuntimeChoice } from '../backends/transformers/runtime-choice';
import {
  createWebLlmWorkerBackend,
  type WebLlmBackend,
  type WebLlmTestHooks,
  type WebLlmWorkerOptions,
} from '../backends/webllm';
import { EvalError, isEvalError } from '../core/errors';
import type { Embedder, LoadProgress, ModelBackend } from '../core/ports';
import type { GenerateRequest } from '../core/types';
import type {
  EmbedWorkerApi,
  EmbedWorkerOptions,
  InferenceWorkerApi,
  WorkerDevice,
  WorkerGenerateResult,
} from '../../workers/api';
import { registerErrorTransfer } from '../../workers/error-transfer';

registerErrorTransfer();

export interface WorkerFacadeOptions {
  /** Hub repo id, or a folder under localModelPath. */
  model: string;
  /** Weight files the export ships (from the model registry); default ['fp32']. */
  dtypes?: readonly string[];
  /** Skip the probe and use this device. */
  device?: 'webgpu' | 'wasm';
  localModelPath?: string;
  allowRemoteModels?: boolean;
  remoteHost?: string;
  /** gme's system instruction (embed worker only). */
  instruction?: string;
  /** Inference worker: warm the engine up on a synthetic item after loading (see workers/api.ts). */
  warmUp?: boolean;
}

/** What the browser tests inject (the factories' second argument); the app never passes it. */
export interface WorkerTestHooks {
  /** A probe result to use instead of asking navigator.gpu. */
  probe?: GpuProbe;
  /** Told of each worker started, before its init() is sent: tests open the worker's debug channel here (workers/debug.ts). */
  onWorkerStarted?: (worker: Worker, device: WorkerDevice) => void;
}

export interface WorkerRuntime extends RuntimeChoice {
  /** True when WebGPU failed and this runs on wasm in a replacement worker. */
  fellBack: boolean;
  /** Workers started so far (2 after a fallback). */
  workersStarted: number;
}

export interface InferenceWorkerBackend extends ModelBackend {
  readonly runtime: WorkerRuntime;
  generate(request: GenerateRequest, onToken?: (piece: string) => void): Promise<WorkerGenerateResult>;
}

export interface EmbedWorker extends Embedder {
  readonly runtime: WorkerRuntime;
  load(onProgress?: (p: LoadProgress) => void): Promise<void>;
  dispose(): Promise<void>;
}

type Kind = 'inference' | 'embed';

function spawn(kind: Kind): Worker {
  // Literal URLs so Vite bundles each worker.
  return kind === 'inference'
    ? new Worker(new URL('../../workers/inference.worker.ts', import.meta.url), { type: 'module', name: 'inference' })
    : new Worker(new URL('../../workers/embed.worker.ts', import.meta.url), { type: 'module', name: 'embed' });
}

/** One worker slot: holds the current worker, and replaces it with a fresh wasm one when WebGPU fails. */
class WorkerSlot<Api extends InferenceWorkerApi | EmbedWorkerApi> {
  private worker: Worker | null = null;
  remote: Remote<Api> | null = null;
  runtime: WorkerRuntime;
  /** Rejects when the worker is stopped: a call still waiting on it then fails instead of pending forever. */
  private stopped = stopSignal();

  constructor(
    private readonly kind: Kind,
    private readonly opts: WorkerFacadeOptions,
    private readonly hooks: WorkerTestHooks,
    choice: RuntimeChoice,
  ) {
    this.runtime = { ...choice, fellBack: false, workersStarted: 0 };
  }

  private async start(): Promise<Remote<Api>> {
    this.stop();
    this.stopped = stopSignal();
    const device = this.runtime.device === 'webgpu' ? 'webgpu' : 'wasm';
    this.worker = spawn(this.kind);
    this.runtime.workersStarted += 1;
    this.hooks.onWorkerStarted?.(this.worker, device);
    const remote = wrap<Api>(this.worker);
    this.remote = remote;
    const init: EmbedWorkerOptions = {
      model: this.opts.model,
      device,
      dtype: this.runtime.dtype,
      ...(this.opts.localModelPath !== undefined ? { localModelPath: this.opts.localModelPath } : {}),
      ...(this.opts.allowRemoteModels !== undefined ? { allowRemoteModels: this.opts.allowRemoteModels } : {}),
      ...(this.opts.remoteHost !== undefined ? { remoteHost: this.opts.remoteHost } : {}),
      ...(this.opts.instruction !== undefined ? { instruction: this.opts.instruction } : {}),
      ...(this.opts.warmUp !== undefined ? { warmUp: this.opts.warmUp } : {}),
    };
    // Both APIs take the same init options (the embed one reads `instruction` too).
    await (remote as unknown as Remote<EmbedWorkerApi>).init(init);
    return remote;
  }

  /** Starts a worker and loads the model in it; on a WebGPU failure, retries once on wasm in a new worker. */
  async load<T>(
    loadIn: (remote: Remote<Api>, onProgress?: (p: LoadProgress) => void) => Promise<T>,
    onProgress?: (p: LoadProgress) => void,
  ): Promise<T> {
    const progress = onProgress ? proxy(onProgress) : undefined;
    onProgress?.({ phase: 'compile', message: this.runtime.reason });
    try {
      return await this.guard(loadIn(await this.start(), progress));
    } catch (e) {
      if (this.runtime.device !== 'webgpu' || !isWebGpuFailure(e)) throw e;
      // The backend's advice ("run it on wasm instead") is what happens next: said once, by wasmFallback.
      const failure = (e instanceof Error ? e.message : String(e)).replace(/:\s*run it on wasm instead\.?$/i, '');
      this.runtime = {
        ...wasmFallback(this.opts.dtypes ?? ['fp32'], failure),
        fellBack: true,
        workersStarted: this.runtime.workersStarted,
      };
      onProgress?.({ phase: 'compile', message: this.runtime.reason });
      return await this.guard(loadIn(await this.start(), progress));
    }
  }

  /** The call's result, or backend/disposed if the worker is stopped first. */
  guard<T>(call: Promise<T>): Promise<T> {
    return Promise.race([call, this.stopped.promise]);
  }

  stop(): void {
    this.remote?.[releaseProxy]();
    this.worker?.terminate();
    this.worker = null;
    this.remote = null;
    this.stopped.stop();
  }
}

/**
 * Errors that are not the GPU's fault: a model file the host does not serve (404, 403, CORS, offline), a bad
 * config or dtype, a stopped worker. wasm would fail the same way, or bury the cause under "fell back to wasm",
 * so these end the load; anything else on WebGPU (init, device lost, a missing feature) gets the wasm retry.
 */
const NOT_THE_DEVICE = new Set([
  'backend/disposed',
  'backend/model-not-found',
  'backend/model-files',
  'backend/bad-model-config',
  'backend/cache-quota',
  'config/unknown-dtype',
]);

function isWebGpuFailure(e: unknown): boolean {
  return !(isEvalError(e) && NOT_THE_DEVICE.has(e.code));
}

function stopSignal(): { promise: Promise<never>; stop: () => void } {
  let stop: () => void = () => undefined;
  const promise = new Promise<never>((_, reject) => {
    stop = () =>
      reject(
        new EvalError(
          'backend/disposed',
          'The model was unloaded (its worker stopped) before this call finished: load it again.',
        ),
      );
  });
  promise.catch(() => undefined); // nobody may be waiting
  return { promise, stop };
}

async function decide(opts: WorkerFacadeOptions, hooks: WorkerTestHooks): Promise<RuntimeChoice> {
  const probe = hooks.probe ?? (await probeWebGpu());
  return chooseRuntime(probe, opts.dtypes ?? ['fp32'], opts.device ? { device: opts.device } : undefined);
}

function notLoaded(): never {
  throw new EvalError('backend/not-loaded', 'call load() first: the worker is not started');
}

/** A ModelBackend whose model runs in a dedicated worker (WebGPU when the probe allows, else wasm). */
export async function createInferenceWorker(
  opts: WorkerFacadeOptions,
  hooks: WorkerTestHooks = {},
): Promise<InferenceWorkerBackend> {
  const slot = new WorkerSlot<InferenceWorkerApi>('inference', opts, hooks, await decide(opts, hooks));
  const remote = (): Remote<InferenceWorkerApi> => slot.remote ?? notLoaded();
  return {
    get runtime() {
      return slot.runtime;
    },
    get capabilities() {
      return { maxImages: Infinity, streaming: true, device: slot.runtime.device };
    },
    load: (onProgress) => slot.load((r, p) => r.load(p), onProgress),
    async generate(request, onToken) {
      const { signal, ...rest } = request;
      const r = remote();
      const onAbort = (): void => void r.interrupt();
      if (signal?.aborted) onAbort();
      signal?.addEventListener('abort', onAbort);
      try {
        return await slot.guard(r.generate(rest, onToken ? proxy(onToken) : undefined));
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    },
    interrupt: async () => {
      await slot.remote?.interrupt();
    },
    async dispose() {
      await slot.remote?.dispose().catch(() => undefined);
      slot.stop();
    },
  } satisfies InferenceWorkerBackend;
}

/** The gme Embedder in a dedicated worker, with the same device choice and fallback. */
export async function createEmbedWorker(opts: WorkerFacadeOptions, hooks: WorkerTestHooks = {}): Promise<EmbedWorker> {
  const slot = new WorkerSlot<EmbedWorkerApi>('embed', opts, hooks, await decide(opts, hooks));
  const remote = (): Remote<EmbedWorkerApi> => slot.remote ?? notLoaded();
  let dim = 0;
  return {
    get dim() {
      return dim;
    },
    get runtime() {
      return slot.runtime;
    },
    async load(onProgress) {
      dim = await slot.load((r, p) => r.load(p), onProgress);
    },
    embed: (input) => slot.guard(remote().embed(input)),
    async dispose() {
      await slot.remote?.dispose().catch(() => undefined);
      slot.stop();
    },
  } satisfies EmbedWorker;
}

/**
 * A ModelBackend whose web-llm engine (MLC builds on WebGPU) runs in a new dedicated worker; dispose() unloads it
 * and ends the worker. web-llm's own protocol, not comlink: the worker serves MLCEngineInterface.
 */
export function createWebLlmBackend(options: WebLlmWorkerOptions, hooks: WebLlmTestHooks = {}): WebLlmBackend {
  const worker = new Worker(new URL('../../workers/webllm.worker.ts', import.meta.url), {
    type: 'module',
    name: 'webllm',
  });
  return createWebLlmWorkerBackend(worker, options, hooks);
}

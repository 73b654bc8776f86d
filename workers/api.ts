// The types both sides of the model workers share: what the page sends, what the worker answers.
// The worker side implements the same ModelBackend / Embedder shape; callbacks cross as comlink proxies.

import type { BackendCapabilities, LoadProgress } from '../src/core/ports';
import type { WarmUpReport } from '../src/core/run';
import type { GenerateRequest, GenerateResult } from '../src/core/types';

export type WorkerDevice = 'webgpu' | 'wasm';

export interface WorkerModelOptions {
  /** Hub repo id, or a folder under localModelPath. */
  model: string;
  device: WorkerDevice;
  dtype: string;
  /** URL prefix holding local exports (`<prefix><model>/config.json`). */
  localModelPath?: string;
  /** Fetch weights from the hub (or remoteHost) when they are not local. Default true. */
  allowRemoteModels?: boolean;
  remoteHost?: string;
  /** Test hook: WebGPU is made unavailable inside the worker, so session init fails as on a broken driver. */
  simulateWebGpuFailure?: boolean;
  /**
   * Inference worker: after loading, generate on a synthetic item until the latency is steady (core/run/warm-up.ts),
   * so V8's wasm tier-up and WebGPU's shader compiles happen before the first real item. Default false.
   */
  warmUp?: boolean;
}

export interface EmbedWorkerOptions extends WorkerModelOptions {
  /** gme's system instruction. */
  instruction?: string;
}

/** A GenerateRequest without its AbortSignal (not cloneable): the facade turns abort into interrupt(). */
export type WorkerGenerateRequest = Omit<GenerateRequest, 'signal'>;

export interface WorkerGenerateResult extends GenerateResult {
  /** The new token ids, for cross-environment comparisons. */
  outputTokenIds: number[];
}

export interface InferenceWorkerApi {
  init(opts: WorkerModelOptions): Promise<BackendCapabilities>;
  load(onProgress?: (p: LoadProgress) => void): Promise<void>;
  generate(request: WorkerGenerateRequest, onToken?: (piece: string) => void): Promise<WorkerGenerateResult>;
  interrupt(): Promise<void>;
  dispose(): Promise<void>;
  /** URLs this worker fetched (Resource Timing), to prove nothing left the machine. */
  fetchedUrls(): Promise<string[]>;
  /** The last load's warm-up, or null when it had none. */
  warmUpReport(): Promise<WarmUpReport | null>;
}

export interface EmbedWorkerApi {
  init(opts: EmbedWorkerOptions): Promise<void>;
  /** Resolves with the embedding dimension. */
  load(onProgress?: (p: LoadProgress) => void): Promise<number>;
  embed(input: { text: string; images: Uint8Array[] }): Promise<Float32Array>;
  dispose(): Promise<void>;
  fetchedUrls(): Promise<string[]>;
}

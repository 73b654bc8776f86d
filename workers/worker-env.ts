// Worker-side setup shared by both model workers: local onnxruntime-web files, model paths, and the
// simulated WebGPU failure used by the fallback tests.

import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import mjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import { configureTransformersEnv } from '../src/backends/transformers';
import type { WorkerModelOptions } from './api';

export function setUpWorkerEnv(opts: WorkerModelOptions): void {
  if (opts.simulateWebGpuFailure) breakWebGpu();
  configureTransformersEnv({
    // Absolute URLs: the worker's own URL is not where the app serves its files from.
    wasmPaths: { wasm: new URL(wasmUrl, self.location.origin).href, mjs: new URL(mjsUrl, self.location.origin).href },
    // Streaming compile from the URL: each fresh worker can reuse the browser's cached compiled wasm.
    useWasmCache: false,
    ...(opts.localModelPath !== undefined ? { localModelPath: opts.localModelPath } : {}),
    allowRemoteModels: opts.allowRemoteModels ?? true,
    ...(opts.remoteHost !== undefined ? { remoteHost: opts.remoteHost } : {}),
  });
}

/** Makes requestAdapter() find nothing, which onnxruntime-web reports as a failed WebGPU init. */
function breakWebGpu(): void {
  const gpu = (self.navigator as { gpu?: object }).gpu;
  if (gpu) Object.defineProperty(gpu, 'requestAdapter', { value: async () => null, configurable: true });
}

export function fetchedUrls(): string[] {
  return performance.getEntriesByType('resource').map((e) => e.name);
}

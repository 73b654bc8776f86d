// Worker-side setup shared by the transformers.js workers (inference, embed): local onnxruntime-web files and
// model paths.

import asyncifyWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import asyncifyMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import plainWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import plainMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import { configureTransformersEnv } from '../src/backends/transformers';
import type { WorkerModelOptions } from './api';

/**
 * The onnxruntime-web build a worker loads. WebGPU needs the asyncify build (27 MB); a wasm-only worker (the wasm
 * device, or the fallback's fresh worker) loads the plain build (14 MB): half the code to compile, and no asyncify
 * instrumentation. On a small machine V8's background tier-up compiles of the asyncify build can take more CPU than
 * the model itself and starve the page (`npm run bench:app` shows the page's longest tasks). Both builds share the JS API that transformers.js bundles.
 */
export function ortFilesFor(device: WorkerModelOptions['device']): { wasm: string; mjs: string } {
  const [wasm, mjs] = device === 'wasm' ? [plainWasmUrl, plainMjsUrl] : [asyncifyWasmUrl, asyncifyMjsUrl];
  // Absolute URLs: the worker's own URL is not where the app serves its files from.
  return { wasm: new URL(wasm, self.location.origin).href, mjs: new URL(mjs, self.location.origin).href };
}

export function setUpWorkerEnv(opts: WorkerModelOptions): void {
  configureTransformersEnv({
    wasmPaths: ortFilesFor(opts.device),
    // Streaming compile from the URL: each fresh worker can reuse the browser's cached compiled wasm.
    useWasmCache: false,
    ...(opts.localModelPath !== undefined ? { localModelPath: opts.localModelPath } : {}),
    allowRemoteModels: opts.allowRemoteModels ?? true,
    ...(opts.remoteHost !== undefined ? { remoteHost: opts.remoteHost } : {}),
  });
}

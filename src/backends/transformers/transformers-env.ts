// Sets transformers.js's global env so nothing is fetched from a CDN: local wasm files, local model path,
// and remote (hub) models only when allowed.

import { env, LogLevel } from '@huggingface/transformers';
import { recordFailedFetches } from './load-errors';

export interface TransformersEnvOptions {
  /** Directory (Node) or URL prefix (browser) holding `<model>/config.json`, `<model>/onnx/…`. */
  localModelPath?: string;
  /** Fetch weights from the hub (or `remoteHost`) when they are not local. Default true. */
  allowRemoteModels?: boolean;
  remoteHost?: string;
  /** Locally served onnxruntime-web files (browser only); the library's default is a CDN. */
  wasmPaths?: { mjs: string; wasm: string };
  /** Keep downloaded weights in the browser's Cache API. Default true. */
  useBrowserCache?: boolean;
  /**
   * Pre-load the onnxruntime wasm into the Cache API (transformers.js's default). Off, onnxruntime compiles it
   * with instantiateStreaming from its URL, which the browser can serve from its compiled-code cache.
   */
  useWasmCache?: boolean;
}

export function configureTransformersEnv(opts: TransformersEnvOptions = {}): void {
  env.allowRemoteModels = opts.allowRemoteModels ?? true;
  if (opts.localModelPath !== undefined) {
    env.allowLocalModels = true;
    env.localModelPath = opts.localModelPath.endsWith('/') ? opts.localModelPath : `${opts.localModelPath}/`;
  }
  if (opts.remoteHost !== undefined) env.remoteHost = opts.remoteHost;
  if (opts.useBrowserCache !== undefined) env.useBrowserCache = opts.useBrowserCache;
  if (opts.useWasmCache !== undefined) env.useWasmCache = opts.useWasmCache;
  env.logLevel = LogLevel.ERROR;
  recordFailedFetches();
  const wasm = env.backends.onnx.wasm;
  if (opts.wasmPaths && wasm) {
    // A fresh object: transformers.js swaps `mjs` for a blob URL after its first load.
    wasm.wasmPaths = { ...opts.wasmPaths };
  }
}

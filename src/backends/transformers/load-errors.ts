// A load failure as the error a user can act on. A model host's problem (404, 403, CORS, offline) is named by
// the file's URL and status (backends/shared/model-host.ts) and never called a WebGPU failure, because the
// page falls back to wasm only on backend/webgpu-init-failed (src/app/workers.ts): retrying a missing file on
// wasm would only fail again, or hide the cause.
import { env } from '@huggingface/transformers';
import { EvalError, isEvalError } from '../../core/errors';
import { messageOf } from '../shared/errors';
import { explainModelLoadFailure, fileUrlIn } from '../shared/model-host';
import type { TransformersDevice } from './runtime-choice';

/** The last URL transformers.js's fetch failed on (rejected or non-2xx): "Failed to fetch" names none. */
let lastFailedUrl: string | null = null;
const RECORDING = Symbol('records failed fetches');

/** Wraps env.fetch (once) so a rejected or non-2xx fetch leaves its URL behind for the error message. */
export function recordFailedFetches(): void {
  const base = env.fetch as typeof fetch & { [RECORDING]?: true };
  if (base[RECORDING]) return;
  const recording = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    // Only http(s) URLs, absolute or scheme-relative: a file path (Node) names no host to ask.
    const remote = /^(https?:)?\/\//.test(url);
    try {
      const res = await base(input, init);
      if (!res.ok && remote) lastFailedUrl = url;
      return res;
    } catch (e) {
      if (remote) lastFailedUrl = url;
      throw e;
    }
  };
  env.fetch = Object.assign(recording, { [RECORDING]: true as const });
}

/** Forget earlier failures before a load, so an old URL is never blamed. */
export function resetFailedFetches(): void {
  lastFailedUrl = null;
}

export async function toLoadError(
  e: unknown,
  id: string,
  device: TransformersDevice,
  what = `"${id}"`,
): Promise<unknown> {
  if (isEvalError(e)) return e;
  const hostError = await explainModelLoadFailure(
    id,
    e,
    lastFailedUrl === null ? null : fileUrlIn(lastFailedUrl),
  ).catch(() => null);
  if (hostError !== null) return hostError;
  const msg = messageOf(e);
  if (/could not locate file|404|not found|unauthorized|local_files_only/i.test(msg)) {
    return new EvalError(
      'backend/model-not-found',
      `model files for ${what} were not found (${msg}): check the model id, the local model path, or allow remote models`,
      e,
    );
  }
  if (device === 'webgpu') {
    return new EvalError(
      'backend/webgpu-init-failed',
      `WebGPU could not start ${what} (${msg}): run it on wasm instead`,
      e,
    );
  }
  return new EvalError('backend/load-failed', `loading ${what} on ${device} failed: ${msg}`, e);
}

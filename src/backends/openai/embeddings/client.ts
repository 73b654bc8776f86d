// A remote Embedder: OpenAI-compatible /v1/embeddings with chat-style `messages` (images as data URIs), as vLLM
// serves gme-Qwen2-VL. Requests go through the chat backend's endpoint pool (least-loaded healthy endpoint,
// set-aside after repeated faults) and its retry policy (backoff with jitter, Retry-After honoured); the key goes
// only to these endpoints and is scrubbed from every message.
import { EvalError } from '../../../core/errors';
import type { Embedder } from '../../../core/ports';
import { dataUri, imageMimeOf } from '../../shared/data-uri';
import { backoffDelayMs, sleep } from '../backoff';
import { createEndpointPool, type EndpointPool } from '../pool';
import {
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  type EndpointConfig,
  type ImageEncoder,
  type PoolHealthOptions,
  type RetryOptions,
} from '../types';
import { attemptEmbedding } from './attempt';

export interface RemoteEmbedderOptions {
  /** The served model name (vLLM: --served-model-name, default the repo id). */
  model: string;
  endpoints: EndpointConfig[];
  apiKey?: string;
  /** Per attempt; embeddings are quick, so the default is far below chat's. */
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  health?: Partial<PoolHealthOptions>;
  /** Default: images sent as they are. */
  encodeImage?: ImageEncoder;
  /** Image cap passed to encodeImage (gme's documented budget is 1280·28·28). */
  maxPixels?: number;
  /** gme's instruction as a system message; none by default (the server's chat template decides). */
  instruction?: string;
  /** L2-normalise what the server returns (protocol §4: L2-normalised). Default true. */
  normalize?: boolean;
  fetch?: typeof fetch;
  random?: () => number;
}

export interface RemoteEmbedder extends Embedder {
  readonly pool: EndpointPool;
  readonly model: string;
}

export const DEFAULT_EMBEDDING_TIMEOUT_MS = Math.min(DEFAULT_TIMEOUT_MS, 120_000);

function l2(v: Float32Array): Float32Array {
  let s = 0;
  for (const x of v) s += x * x;
  if (s === 0) return v;
  const inv = 1 / Math.sqrt(s);
  return v.map((x) => x * inv);
}

export function createRemoteEmbedder(opts: RemoteEmbedderOptions): RemoteEmbedder {
  const pool = createEndpointPool(opts.endpoints, opts.health);
  const retry: RetryOptions = { ...DEFAULT_RETRY, ...opts.retry };
  const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
  const random = opts.random ?? Math.random;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_EMBEDDING_TIMEOUT_MS;
  let dim = 0;

  const body = async (text: string, images: Uint8Array[]): Promise<string> => {
    const parts: unknown[] = [];
    for (const bytes of images) {
      const enc = opts.encodeImage
        ? await opts.encodeImage(bytes, opts.maxPixels)
        : { mime: imageMimeOf(bytes), bytes };
      parts.push({ type: 'image_url', image_url: { url: dataUri(enc.mime, enc.bytes) } });
    }
    parts.push({ type: 'text', text });
    const messages: unknown[] = [];
    if (opts.instruction !== undefined) messages.push({ role: 'system', content: opts.instruction });
    messages.push({ role: 'user', content: parts });
    return JSON.stringify({ model: opts.model, messages, encoding_format: 'float' });
  };

  const embed = async (input: { text: string; images: Uint8Array[] }, signal?: AbortSignal): Promise<Float32Array> => {
    const payload = await body(input.text, input.images);
    for (let attempt = 1; ; attempt++) {
      const lease = await pool.acquire(signal);
      const result = await attemptEmbedding({
        baseUrl: lease.url,
        model: opts.model,
        body: payload,
        apiKey: opts.apiKey,
        timeoutMs,
        signal,
        fetch: doFetch,
      });
      if (result.kind === 'cancelled') {
        lease.release('aborted');
        throw new EvalError('backend/aborted', 'The embedding request was cancelled.');
      }
      if (result.kind === 'ok') {
        lease.release('ok');
        const v = opts.normalize === false ? result.vector : l2(result.vector);
        if (dim !== 0 && v.length !== dim)
          throw new EvalError(
            'backend/embed-failed',
            `${lease.url} returned ${v.length} numbers after ${dim} before: is another model behind one of the endpoints?`,
          );
        dim = v.length;
        return v;
      }
      const f = result.failure;
      lease.release(f.endpointFault ? 'fault' : 'ok');
      if (!f.retryable || attempt >= retry.maxAttempts)
        throw new EvalError(f.code, f.retryable ? `${f.message} (gave up after ${attempt} attempt(s))` : f.message);
      await sleep(backoffDelayMs(attempt, f.retryAfterMs, retry, random), signal);
    }
  };

  return {
    pool,
    model: opts.model,
    get dim() {
      return dim;
    },
    embed: (input) => embed(input),
  };
}

// The OpenAI-compatible ModelBackend: one fetch-based implementation for page, worker and Node.
// Each generate() retries transient failures (408/409/429/5xx, dropped connections, timeouts, bad JSON) across the pool.
import { EvalError } from '../../core/errors';
import type { BackendCapabilities, ModelBackend } from '../../core/ports';
import type { GenerateRequest, GenerateResult } from '../../core/types';
import { createLiveGenerations } from '../shared/live-generations';
import { attemptCompletion } from './attempt';
import { backoffDelayMs, sleep } from './backoff';
import type { AttemptFailure } from './failures';
import { createDataUriCache, passthroughImageEncoder } from './images';
import { toOpenAIMessages } from './messages';
import type { EndpointPool, EndpointStats } from './pool';
import { abortError, createEndpointPool } from './pool';
import type { OpenAIBackendOptions, RetryOptions } from './types';
import { DEFAULT_RETRY, DEFAULT_TIMEOUT_MS } from './types';

export interface OpenAIBackend extends ModelBackend {
  /** The served model name requests carry. */
  readonly model: string;
  /** Normalised base URLs (…/v1), in the order given. */
  readonly endpoints: readonly string[];
  stats(): EndpointStats[];
}

export function createOpenAIBackend(options: OpenAIBackendOptions): OpenAIBackend {
  if (options.model.trim() === '')
    throw new EvalError(
      'config/model',
      'No model name: give the name the server serves the model under (see GET /v1/models).',
    );
  const pool: EndpointPool = createEndpointPool(options.endpoints, options.health);
  const retry: RetryOptions = { ...DEFAULT_RETRY, ...options.retry };
  if (!Number.isInteger(retry.maxAttempts) || retry.maxAttempts < 1)
    throw new EvalError('config/retries', `Retry attempts must be a whole number ≥ 1 (got ${retry.maxAttempts}).`);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const random = options.random ?? Math.random;
  const toDataUri = createDataUriCache(options.encodeImage ?? passthroughImageEncoder);
  const live = createLiveGenerations();
  let disposed = false;

  const generate = async (request: GenerateRequest, onToken?: (piece: string) => void): Promise<GenerateResult> => {
    if (disposed) throw new EvalError('backend/disposed', 'This backend was disposed: create a new one.');
    if (request.signal?.aborted) throw abortError(request.signal);
    const generation = live.begin(request.signal);
    const signal = generation.signal;
    try {
      const maxPixels = request.params.maxPixels;
      const messages = await toOpenAIMessages(request.messages, (bytes) => toDataUri(bytes, maxPixels));
      const stream = options.stream === true && onToken !== undefined;
      const body = JSON.stringify({
        ...options.extraBody,
        model: options.model,
        messages,
        max_tokens: request.params.maxNewTokens,
        temperature: request.params.temperature,
        ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
      });
      let last: AttemptFailure | null = null;
      for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
        const lease = await pool.acquire(signal);
        const result = await attemptCompletion({
          baseUrl: lease.url,
          model: options.model,
          body,
          stream,
          apiKey: options.apiKey,
          timeoutMs,
          signal,
          fetch: doFetch,
          onToken,
        });
        if (result.kind === 'ok') {
          lease.release('ok');
          const c = result.completion;
          return {
            text: c.text,
            finishReason: c.finishReason,
            promptTokens: c.promptTokens,
            completionTokens: c.completionTokens,
            latencyMs: result.latencyMs,
          };
        }
        if (result.kind === 'cancelled') {
          lease.release('aborted');
          throw abortError(signal);
        }
        lease.release(result.failure.endpointFault ? 'fault' : 'ok');
        last = result.failure;
        if (!last.retryable) throw new EvalError(last.code, last.message);
        if (attempt < retry.maxAttempts) await sleep(backoffDelayMs(attempt, last.retryAfterMs, retry, random), signal);
      }
      const failure = last ?? { code: 'backend/unavailable' as const, message: 'no attempt was made' };
      throw new EvalError(failure.code, `gave up after ${retry.maxAttempts} attempts; last error: ${failure.message}`);
    } finally {
      generation.end();
    }
  };

  const capabilities: BackendCapabilities = {
    maxImages: Infinity,
    streaming: options.stream === true,
    device: 'remote',
  };
  return {
    capabilities,
    model: options.model,
    endpoints: pool.urls,
    stats: () => pool.stats(),
    // Nothing to download: the server holds the weights. Use checkEndpoints() to test the connection first.
    load: async (onProgress) => onProgress?.({ phase: 'ready', message: `remote model ${options.model}` }),
    generate,
    interrupt: async () => live.abortAll(),
    dispose: async () => {
      disposed = true;
      live.abortAll();
    },
  };
}

// The OpenAI-compatible ModelBackend: one fetch-based implementation for page, worker and Node.
// Each generate() retries what another attempt can fix (openai-node's policy: connection errors, timeouts, 408, 409,
// 429, 5xx, Retry-After honoured) across the pool; a 200 that is no chat completion gets one more try; a redirect or
// an answer over the byte cap none. When every item fails the same way the breaker stops the run (breaker.ts).
import { EvalError } from '../../core/errors';
import { responseByteCap } from '../../core/run/generation-defaults';
import type { BackendCapabilities, ModelBackend } from '../../core/ports';
import type { GenerateRequest, GenerateResult } from '../../core/types';
import { createLiveGenerations } from '../shared/live-generations';
import { attemptCompletion } from './attempt';
import { backoffDelayMs, sleep } from './backoff';
import { createFailureBreaker } from './breaker';
import type { AttemptFailure } from './failures';
import { createDataUriCache, passthroughImageEncoder } from './images';
import { toOpenAIMessages } from './messages';
import type { EndpointPool, EndpointStats } from './pool';
import { abortError, createEndpointPool } from './pool';
import type { OpenAIBackendOptions, RetryOptions } from './types';
import { DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_RETRY, DEFAULT_STOP_AFTER, DEFAULT_TIMEOUT_MS } from './types';

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
  const idleTimeoutMs = Math.min(timeoutMs, options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS);
  if (
    options.maxResponseBytes !== undefined &&
    !(Number.isSafeInteger(options.maxResponseBytes) && options.maxResponseBytes > 0)
  )
    throw new EvalError(
      'config/max-response-bytes',
      `The response cap must be a whole number of bytes ≥ 1 (got ${options.maxResponseBytes}).`,
    );
  const breaker = createFailureBreaker(options.stopAfterSameFailures ?? DEFAULT_STOP_AFTER);
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const random = options.random ?? Math.random;
  const toDataUri = createDataUriCache(options.encodeImage ?? passthroughImageEncoder);
  const live = createLiveGenerations();
  let disposed = false;

  const generate = async (request: GenerateRequest, onToken?: (piece: string) => void): Promise<GenerateResult> => {
    if (disposed) throw new EvalError('backend/disposed', 'This backend was disposed: create a new one.');
    if (request.signal?.aborted) throw abortError(request.signal);
    const stopped = breaker.stopped();
    if (stopped !== null) throw stopped;
    const generation = live.begin(request.signal);
    const signal = generation.signal;
    try {
      const completion = await generateOnce(request, signal, onToken);
      breaker.succeeded();
      return completion;
    } catch (e) {
      // a cancelled item says nothing about the server
      if (signal.aborted) throw e;
      throw breaker.failed(e);
    } finally {
      generation.end();
    }
  };

  const generateOnce = async (
    request: GenerateRequest,
    signal: AbortSignal,
    onToken: ((piece: string) => void) | undefined,
  ): Promise<GenerateResult> => {
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
    const maxResponseBytes = options.maxResponseBytes ?? responseByteCap(request.params.maxNewTokens);
    let last: AttemptFailure | null = null;
    let onceUsed = false;
    let attempt = 1;
    for (; attempt <= retry.maxAttempts; attempt++) {
      const lease = await pool.acquire(signal);
      const result = await attemptCompletion({
        baseUrl: lease.url,
        model: options.model,
        body,
        stream,
        apiKey: options.apiKey,
        timeoutMs,
        idleTimeoutMs,
        maxResponseBytes,
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
      if (last.retryLimit === 'once') {
        if (onceUsed) break;
        onceUsed = true;
      }
      if (attempt < retry.maxAttempts) await sleep(backoffDelayMs(attempt, last.retryAfterMs, retry, random), signal);
    }
    const failure = last ?? { code: 'backend/unavailable' as const, message: 'no attempt was made' };
    const made = Math.min(attempt, retry.maxAttempts);
    throw new EvalError(failure.code, `gave up after ${made} attempts; last error: ${failure.message}`);
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

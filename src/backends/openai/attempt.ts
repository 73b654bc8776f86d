// One POST /chat/completions to one endpoint, bounded by a timeout and the caller's signal.
// Returns a value for every outcome (success, classified failure, cancellation) so the retry loop stays simple.
import type { ParsedCompletion } from './completion';
import { parseCompletionBody, readCompletionStream } from './completion';
import type { AttemptFailure } from './failures';
import { classifyHttpFailure, describeFetchError, parseRetryAfterMs, redact, transportFailure } from './failures';

export interface AttemptInput {
  baseUrl: string;
  model: string;
  body: string;
  stream: boolean;
  apiKey: string | undefined;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  fetch: typeof fetch;
  onToken: ((piece: string) => void) | undefined;
}

export type AttemptResult =
  | { kind: 'ok'; completion: ParsedCompletion; latencyMs: number }
  | { kind: 'failed'; failure: AttemptFailure }
  | { kind: 'cancelled' };

export function requestHeaders(apiKey: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (apiKey !== undefined && apiKey !== '') headers['authorization'] = `Bearer ${apiKey}`;
  return headers;
}

export async function attemptCompletion(input: AttemptInput): Promise<AttemptResult> {
  if (input.signal?.aborted) return { kind: 'cancelled' };
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, input.timeoutMs);
  const onCallerAbort = (): void => controller.abort();
  input.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const where = { endpoint: input.baseUrl, model: input.model };
  const started = performance.now();
  const scrub = (f: AttemptFailure): AttemptFailure => ({ ...f, message: redact(f.message, input.apiKey) });
  const interrupted = (e: unknown): AttemptResult => {
    if (input.signal?.aborted) return { kind: 'cancelled' };
    if (timedOut)
      return {
        kind: 'failed',
        failure: transportFailure(
          'backend/timeout',
          `${input.baseUrl} gave no complete answer within ${input.timeoutMs} ms`,
        ),
      };
    return {
      kind: 'failed',
      failure: scrub(transportFailure('backend/connection', `${input.baseUrl}: ${describeFetchError(e)}`)),
    };
  };
  try {
    let response: Response;
    try {
      response = await input.fetch(`${input.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: requestHeaders(input.apiKey),
        body: input.body,
        signal: controller.signal,
        // A redirect could carry the key to another host: refuse it.
        redirect: 'error',
      });
    } catch (e) {
      return interrupted(e);
    }
    if (!response.ok) {
      let text = '';
      try {
        text = await response.text();
      } catch {
        // the status alone is enough to classify
      }
      const retryAfter = parseRetryAfterMs(response.headers.get('retry-after'), Date.now());
      return { kind: 'failed', failure: scrub(classifyHttpFailure(response.status, text, retryAfter, where)) };
    }
    try {
      const streaming =
        input.stream &&
        response.body !== null &&
        (response.headers.get('content-type') ?? '').includes('text/event-stream');
      const parsed =
        streaming && response.body !== null
          ? await readCompletionStream(response.body, input.onToken, where)
          : parseCompletionBody(await response.text());
      if (!parsed.ok) return { kind: 'failed', failure: scrub(parsed.failure) };
      return { kind: 'ok', completion: parsed.completion, latencyMs: performance.now() - started };
    } catch (e) {
      return interrupted(e);
    }
  } finally {
    clearTimeout(timer);
    input.signal?.removeEventListener('abort', onCallerAbort);
  }
}

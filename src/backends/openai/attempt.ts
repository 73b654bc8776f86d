// One POST /chat/completions to one endpoint, bounded by a wall-clock deadline, an idle limit between chunks, a byte
// cap and the caller's signal; every wait is raced against them (body.ts), so a server that trickles bytes cannot
// hold an attempt past its deadline. Returns a value for every outcome so the retry loop stays simple.
import type { ReadLimits, TextRead } from './body';
import { boundedReader, raceLimits, readTextBounded } from './body';
import type { Cut, ParsedCompletion } from './completion';
import { parseCompletionBody, readCompletionStream } from './completion';
import type { AttemptFailure } from './failures';
import {
  classifyHttpFailure,
  describeFetchError,
  permanentFailure,
  redact,
  retryAfterOf,
  stalledFailure,
  transportFailure,
} from './failures';

export interface AttemptInput {
  baseUrl: string;
  model: string;
  body: string;
  stream: boolean;
  apiKey: string | undefined;
  /** Whole attempt, request sent to last byte read. */
  timeoutMs: number;
  /** Longest silence between two chunks of the answer. */
  idleTimeoutMs: number;
  /** Most bytes of one answer (after decompression). */
  maxResponseBytes: number;
  signal: AbortSignal | undefined;
  fetch: typeof fetch;
  onToken: ((piece: string) => void) | undefined;
}

export type AttemptResult =
  | { kind: 'ok'; completion: ParsedCompletion; latencyMs: number }
  | { kind: 'failed'; failure: AttemptFailure }
  | { kind: 'cancelled' };

/** An error body is read only for its message: this much is plenty. */
const ERROR_BODY_BYTES = 64 * 1024;

export function requestHeaders(apiKey: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (apiKey !== undefined && apiKey !== '') headers['authorization'] = `Bearer ${apiKey}`;
  return headers;
}

export async function attemptCompletion(input: AttemptInput): Promise<AttemptResult> {
  if (input.signal?.aborted) return { kind: 'cancelled' };
  const controller = new AbortController();
  const onCallerAbort = (): void => controller.abort();
  input.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const started = performance.now();
  const limits: ReadLimits = {
    deadlineAt: started + input.timeoutMs,
    idleMs: input.idleTimeoutMs,
    maxBytes: input.maxResponseBytes,
    signal: input.signal,
  };
  const failed = (f: AttemptFailure): AttemptResult => ({
    kind: 'failed',
    failure: { ...f, message: redact(f.message, input.apiKey) },
  });
  const fetchError = (e: unknown): AttemptResult =>
    failed(transportFailure('backend/connection', `${input.baseUrl}: ${describeFetchError(e)}`));
  /** A body read that ended early: the deadline, the idle limit, the cap, the caller, or the connection. */
  const cut = (c: Cut): AttemptResult => {
    switch (c.kind) {
      case 'cancelled':
        return { kind: 'cancelled' };
      case 'timeout':
        return failed(
          c.idle
            ? stalledFailure(
                `${input.baseUrl} sent nothing for ${input.idleTimeoutMs} ms in the middle of an answer`,
                'idle',
              )
            : stalledFailure(
                `${input.baseUrl} gave no complete answer within ${input.timeoutMs} ms (it started one, then stalled; not retried: raise --timeout if answers really take this long)`,
                'deadline',
              ),
        );
      case 'too-large':
        return failed(
          permanentFailure(
            'backend/response-too-large',
            `${input.baseUrl} sent more than ${input.maxResponseBytes} bytes for one answer, far beyond what max new tokens allows: the server may ignore max_tokens. If answers really are this long, raise the cap (CLI: --max-response-bytes).`,
            200,
          ),
        );
      case 'error':
        return input.signal?.aborted ? { kind: 'cancelled' } : fetchError(c.error);
    }
  };
  try {
    const sent = await raceLimits(
      input.fetch(`${input.baseUrl}/chat/completions`, {
        method: 'POST',
        headers: requestHeaders(input.apiKey),
        body: input.body,
        signal: controller.signal,
        // A redirect could carry the key to another host: never followed, reported instead.
        redirect: 'manual',
      }),
      limits,
      null,
    );
    if (sent.kind === 'cancelled') return { kind: 'cancelled' };
    if (sent.kind === 'timeout')
      return failed(
        transportFailure('backend/timeout', `${input.baseUrl} gave no answer within ${input.timeoutMs} ms`),
      );
    if (sent.kind === 'error') return input.signal?.aborted ? { kind: 'cancelled' } : fetchError(sent.error);
    const response = sent.value;
    const where = { endpoint: input.baseUrl, model: input.model };
    // 'opaqueredirect' is what a browser gives for a 3xx under redirect: 'manual' (no status, no Location)
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      void response.body?.cancel().catch(() => undefined);
      const to = response.headers.get('location');
      return failed(
        permanentFailure(
          'backend/redirect',
          `${input.baseUrl} redirected the request${to !== null ? ` to ${to}` : ''}: redirects are not followed (they could carry the API key to another host). Give the final URL as the endpoint.`,
          response.status === 0 ? null : response.status,
        ),
      );
    }
    if (!response.ok) {
      const text = await readTextBounded(response.body, { ...limits, maxBytes: ERROR_BODY_BYTES });
      if (text.kind === 'cancelled') return { kind: 'cancelled' };
      // the status alone is enough to classify; a cut-short error body is still a status
      const failure = classifyHttpFailure(
        response.status,
        text.kind === 'text' ? text.text : '',
        retryAfterOf(response.headers, Date.now()),
        where,
      );
      // openai-node's override: the server knows best whether asking again can help
      const should = response.headers.get('x-should-retry');
      return failed(should === 'true' || should === 'false' ? { ...failure, retryable: should === 'true' } : failure);
    }
    const declared = Number(response.headers.get('content-length') ?? '');
    if (Number.isFinite(declared) && declared > input.maxResponseBytes) {
      void response.body?.cancel().catch(() => undefined);
      return cut({ kind: 'too-large', bytes: declared });
    }
    const streaming =
      input.stream &&
      response.body !== null &&
      (response.headers.get('content-type') ?? '').includes('text/event-stream');
    if (streaming && response.body !== null) {
      const read = await readCompletionStream(boundedReader(response.body, limits), input.onToken, where);
      if (!('ok' in read)) return cut(read);
      if (!read.ok) return failed(read.failure);
      return { kind: 'ok', completion: read.completion, latencyMs: performance.now() - started };
    }
    const text: TextRead = await readTextBounded(response.body, limits);
    if (text.kind !== 'text') return cut(text);
    const parsed = parseCompletionBody(text.text);
    if (!parsed.ok) return failed(parsed.failure);
    return { kind: 'ok', completion: parsed.completion, latencyMs: performance.now() - started };
  } finally {
    input.signal?.removeEventListener('abort', onCallerAbort);
    // whatever is still pending (a stuck read, the request itself) is told to stop
    controller.abort();
  }
}

// One POST /embeddings to one endpoint (OpenAI-compatible; vLLM's pooling server takes chat-style `messages` with
// images). Every outcome is a value — success, classified failure, cancellation — as for chat (../attempt.ts), whose
// failure classification, Retry-After parsing and key redaction it reuses.
import { requestHeaders } from '../attempt';
import type { AttemptFailure } from '../failures';
import {
  classifyHttpFailure,
  describeFetchError,
  malformedFailure,
  parseRetryAfterMs,
  permanentFailure,
  redact,
  transportFailure,
} from '../failures';
import { readTextBounded } from '../body';

/** One embedding is a few thousand numbers (≈40 kB as JSON at dim 1536): 16 MiB is far above any honest answer. */
const EMBEDDING_RESPONSE_CAP = 16 * 1024 * 1024;

export interface EmbeddingAttemptInput {
  baseUrl: string;
  model: string;
  body: string;
  apiKey: string | undefined;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  fetch: typeof fetch;
}

export type EmbeddingAttemptResult =
  { kind: 'ok'; vector: Float32Array } | { kind: 'failed'; failure: AttemptFailure } | { kind: 'cancelled' };

/** The first embedding of an OpenAI embeddings answer: {data: [{embedding: number[]}]}; null for any other shape. */
export function parseEmbeddingBody(text: string): Float32Array | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  const data = typeof parsed === 'object' && parsed !== null ? (parsed as { data?: unknown }).data : undefined;
  const first: unknown = Array.isArray(data) ? data[0] : undefined;
  const embedding = typeof first === 'object' && first !== null ? (first as { embedding?: unknown }).embedding : null;
  if (!Array.isArray(embedding) || embedding.length === 0) return null;
  const out = new Float32Array(embedding.length);
  for (let i = 0; i < embedding.length; i++) {
    const x: unknown = embedding[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) return null;
    out[i] = x;
  }
  return out;
}

export async function attemptEmbedding(input: EmbeddingAttemptInput): Promise<EmbeddingAttemptResult> {
  if (input.signal?.aborted) return { kind: 'cancelled' };
  const startedAt = performance.now();
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, input.timeoutMs);
  const onCallerAbort = (): void => controller.abort();
  input.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const scrub = (f: AttemptFailure): AttemptFailure => ({ ...f, message: redact(f.message, input.apiKey) });
  const interrupted = (e: unknown): EmbeddingAttemptResult => {
    if (input.signal?.aborted) return { kind: 'cancelled' };
    if (timedOut)
      return {
        kind: 'failed',
        failure: transportFailure('backend/timeout', `${input.baseUrl} gave no embedding within ${input.timeoutMs} ms`),
      };
    return {
      kind: 'failed',
      failure: scrub(transportFailure('backend/connection', `${input.baseUrl}: ${describeFetchError(e)}`)),
    };
  };
  try {
    let response: Response;
    try {
      response = await input.fetch(`${input.baseUrl}/embeddings`, {
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
    // The body is read within the same bounds as a chat answer: a server that trickles or sends a huge (or
    // inflating) body cannot hold the attempt past its deadline or fill memory.
    const read = await readTextBounded(response.body, {
      deadlineAt: startedAt + input.timeoutMs,
      idleMs: input.timeoutMs,
      maxBytes: EMBEDDING_RESPONSE_CAP,
      signal: input.signal,
    });
    let text = '';
    if (read.kind === 'text') text = read.text;
    else if (read.kind === 'cancelled') return { kind: 'cancelled' };
    else if (read.kind === 'too-large')
      return {
        kind: 'failed',
        failure: permanentFailure(
          'backend/response-too-large',
          `${input.baseUrl}/embeddings sent over ${EMBEDDING_RESPONSE_CAP} bytes for one embedding`,
          response.status,
        ),
      };
    else if (read.kind === 'timeout') {
      timedOut = true;
      return interrupted(null);
    } else if (response.ok) return interrupted(read.error);
    if (!response.ok) {
      const retryAfter = parseRetryAfterMs(response.headers.get('retry-after'), Date.now());
      const failure = classifyHttpFailure(response.status, text, retryAfter, {
        endpoint: input.baseUrl,
        model: input.model,
      });
      // the chat classifier names the chat route; this request went to /embeddings
      const message =
        failure.code === 'backend/not-found'
          ? `${input.baseUrl} has no /embeddings route (404). Serve the model as an embedding (pooling) model — see docs/remote-serving.md — and give the base URL, e.g. http://host:8000/v1.`
          : failure.message;
      return { kind: 'failed', failure: scrub({ ...failure, message }) };
    }
    const vector = parseEmbeddingBody(text);
    if (vector === null)
      return {
        kind: 'failed',
        failure: scrub(
          malformedFailure(`${input.baseUrl}/embeddings answered 200 without {data: [{embedding: [numbers]}]}`),
        ),
      };
    return { kind: 'ok', vector };
  } finally {
    clearTimeout(timer);
    input.signal?.removeEventListener('abort', onCallerAbort);
  }
}

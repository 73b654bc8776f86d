// What went wrong with one HTTP attempt, and whether another attempt can fix it.
// Server messages are kept (they say what to fix) but the API key is always scrubbed out of them.
import type { ErrorCode } from '../../core/errors';

export interface AttemptFailure {
  retryable: boolean;
  /**
   * 'once': the server answered, but not usably (a 200 that is no chat completion, an answer that stalled mid-body):
   * one more attempt at most, since asking again rarely changes it. 'full': up to the retry limit.
   */
  retryLimit: 'full' | 'once';
  code: ErrorCode;
  message: string;
  /** From Retry-After, when the server sent one. */
  retryAfterMs: number | null;
  /** Counts against the endpoint's health (connection errors, timeouts, 5xx); 4xx and 429 do not. */
  endpointFault: boolean;
  status: number | null;
}

/** The statuses another attempt can fix, each with its code. */
const RETRYABLE_STATUS: ReadonlyMap<number, ErrorCode> = new Map([
  [408, 'backend/http-408'],
  [409, 'backend/http-409'],
  [425, 'backend/http-425'],
  [429, 'backend/rate-limited'],
]);
const MAX_MESSAGE_CHARS = 600;

/** Replaces every occurrence of the secret (and its Bearer form) with "***". */
export function redact(text: string, secret: string | undefined): string {
  if (secret === undefined || secret.length < 4) return text;
  return text.split(secret).join('***');
}

/** Retry-After-Ms (as openai-node reads it) when given, else Retry-After; null when neither parses. */
export function retryAfterOf(headers: Headers, nowMs: number): number | null {
  const ms = Number(headers.get('retry-after-ms') ?? '');
  if (headers.get('retry-after-ms') !== null && Number.isFinite(ms) && ms >= 0) return Math.round(ms);
  return parseRetryAfterMs(headers.get('retry-after'), nowMs);
}

/** Retry-After as delta-seconds (fractions accepted) or an HTTP date; null when absent or unparseable. */
export function parseRetryAfterMs(header: string | null, nowMs: number): number | null {
  if (header === null || header.trim() === '') return null;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/** The human part of an error body: OpenAI's {error:{message}}, vLLM's {message}, FastAPI's {detail}, or the text. */
export function serverMessage(bodyText: string): string {
  let message = bodyText.trim();
  try {
    const parsed: unknown = JSON.parse(bodyText);
    const found = findMessage(parsed);
    if (found !== null) message = found;
  } catch {
    // not JSON: keep the raw text
  }
  message = message.replace(/\s+/g, ' ');
  return message.length > MAX_MESSAGE_CHARS ? message.slice(0, MAX_MESSAGE_CHARS) + '…' : message;
}

function findMessage(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    const parts = value.map(findMessage).filter((m): m is string => m !== null);
    return parts.length > 0 ? parts.join('; ') : null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Record<string, unknown>;
  for (const key of ['error', 'message', 'detail', 'msg']) {
    const found = findMessage(record[key]);
    if (found !== null) return found;
  }
  return null;
}

export function classifyHttpFailure(
  status: number,
  bodyText: string,
  retryAfterMs: number | null,
  where: { endpoint: string; model: string },
): AttemptFailure {
  const said = serverMessage(bodyText) || '(empty body)';
  const base = { retryAfterMs, status, retryLimit: 'full' as const };
  const retryCode = RETRYABLE_STATUS.get(status);
  if (retryCode !== undefined) {
    return {
      ...base,
      retryable: true,
      endpointFault: false,
      code: retryCode,
      message: `${where.endpoint} answered ${status}: ${said}`,
    };
  }
  if (status >= 500) {
    return {
      ...base,
      retryable: true,
      endpointFault: true,
      code: 'backend/server-error',
      message: `${where.endpoint} answered ${status}: ${said}`,
    };
  }
  const permanent = (code: ErrorCode, message: string): AttemptFailure => ({
    ...base,
    retryable: false,
    endpointFault: false,
    code,
    message,
  });
  const lower = said.toLowerCase();
  if (status === 401 || status === 403) {
    return permanent(
      'backend/auth',
      `${where.endpoint} refused the request (${status}: ${said}). Give the endpoint's API key (CLI: --api-key-env VAR).`,
    );
  }
  if (
    lower.includes('model') &&
    (status === 404 || /does not exist|not found|unknown model|no such model/.test(lower))
  ) {
    return permanent(
      'backend/unknown-model',
      `${where.endpoint} does not serve a model named '${where.model}' (${status}: ${said}). Use a name listed by GET /v1/models (vLLM: --served-model-name).`,
    );
  }
  if (status === 404) {
    return permanent(
      'backend/not-found',
      `${where.endpoint} has no /chat/completions route (404: ${said}). Give the server's base URL, e.g. http://host:8000/v1.`,
    );
  }
  if (status === 413 || (/image/.test(lower) && /(too large|too big|exceed|pixels|size)/.test(lower))) {
    return permanent(
      'backend/image-too-large',
      `${where.endpoint} rejected the image(s) (${status}: ${said}). Lower the image cap (--max-pixels).`,
    );
  }
  if (/context length|context window|max_model_len|too long|maximum.*tokens|exceeds?.*tokens/.test(lower)) {
    return permanent(
      'backend/context-too-long',
      `${where.endpoint}: prompt plus max_tokens exceed the model's context (${status}: ${said}). Lower --max-new-tokens or --max-pixels, or raise the server's --max-model-len.`,
    );
  }
  return permanent('backend/bad-request', `${where.endpoint} rejected the request (${status}: ${said}).`);
}

/** A failure without an HTTP status: connection refused/reset, body cut short, timeout before any answer. */
export function transportFailure(code: 'backend/connection' | 'backend/timeout', message: string): AttemptFailure {
  return { retryable: true, retryLimit: 'full', endpointFault: true, code, message, retryAfterMs: null, status: null };
}

/**
 * The server answered 200 but not with a chat completion (null, HTML, the wrong shape): the item fails after one more
 * try. It is no sign of an overloaded endpoint, so it never sets the endpoint aside.
 */
export function malformedFailure(message: string): AttemptFailure {
  return {
    retryable: true,
    retryLimit: 'once',
    endpointFault: false,
    code: 'backend/bad-response',
    message,
    retryAfterMs: null,
    status: 200,
  };
}

/**
 * The answer began but did not end in time. Past the attempt's deadline (a server trickling bytes) another attempt
 * would take as long again: the item fails. Silent past the idle limit: one more try, then the item fails.
 */
export function stalledFailure(message: string, limit: 'deadline' | 'idle'): AttemptFailure {
  return { ...transportFailure('backend/timeout', message), retryable: limit === 'idle', retryLimit: 'once' };
}

/** What another attempt cannot fix: a redirect, an answer over the byte cap. */
export function permanentFailure(code: ErrorCode, message: string, status: number | null): AttemptFailure {
  return { retryable: false, retryLimit: 'full', endpointFault: false, code, message, retryAfterMs: null, status };
}

/** The innermost useful description of a fetch() rejection (undici hides the errno in `cause`). */
export function describeFetchError(e: unknown): string {
  const parts: string[] = [];
  let current: unknown = e;
  for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth++) {
    if (typeof current === 'object') {
      const record = current as { message?: unknown; code?: unknown; cause?: unknown };
      const text = [
        typeof record.code === 'string' ? record.code : '',
        typeof record.message === 'string' ? record.message : '',
      ]
        .filter((s) => s !== '')
        .join(' ');
      if (text !== '' && !parts.includes(text)) parts.push(text);
      current = record.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join(': ') || 'network error';
}

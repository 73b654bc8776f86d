// Options and small shared types of the OpenAI-compatible backend (vLLM, SGLang, LMDeploy, …).
// Everything platform-specific (fetch, image re-encoding, clocks) is injected so one implementation runs in page and Node.

/** Re-encodes one image for a data URI, scaled down so width × height ≤ maxPixels (when given). */
export type ImageEncoder = (
  bytes: Uint8Array,
  maxPixels: number | undefined,
) => Promise<{ mime: string; bytes: Uint8Array }>;

export interface EndpointConfig {
  /** Server base URL: "http://host:8000" or "http://host:8000/v1" (both mean the same). */
  url: string;
  /** Requests this endpoint may have in flight at once. */
  maxInFlight: number;
}

export interface RetryOptions {
  /** Attempts per request, the first included. */
  maxAttempts: number;
  /** First backoff; doubles per attempt, with jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A server's Retry-After is honoured up to this long. */
  maxRetryAfterMs: number;
}

export interface PoolHealthOptions {
  /** Consecutive failures (connection errors, timeouts, 5xx) after which an endpoint is set aside. */
  failureThreshold: number;
  /** First set-aside period; doubles each time a probe fails again. */
  cooldownMs: number;
  maxCooldownMs: number;
}

export interface OpenAIBackendOptions {
  /** The name the server serves the model under (vLLM's --served-model-name, default the repo id). */
  model: string;
  endpoints: EndpointConfig[];
  /** Sent as "Authorization: Bearer …" to these endpoints only; never logged, stored or echoed. */
  apiKey?: string;
  /** Per attempt, request sent to last byte read: a wall-clock deadline however the server sends. */
  timeoutMs?: number;
  /** Longest silence between two chunks of an answer (default 120 s, at most timeoutMs). */
  idleTimeoutMs?: number;
  /**
   * Most bytes one answer may have, counted after decompression; more fails the item (backend/response-too-large).
   * Default: responseByteCap(max new tokens) from core/run/generation-defaults.ts.
   */
  maxResponseBytes?: number;
  /** Stop the run (backend/stopped-early) when this many items in a row fail with one error code (0: never). */
  stopAfterSameFailures?: number;
  retry?: Partial<RetryOptions>;
  health?: Partial<PoolHealthOptions>;
  /** Stream tokens (SSE) when generate() is given an onToken callback. */
  stream?: boolean;
  /** Default: pass-through (no resizing). Node: createSharpImageEncoder(); browser: createCanvasImageEncoder(). */
  encodeImage?: ImageEncoder;
  fetch?: typeof fetch;
  /** Injected for tests; defaults to Math.random. */
  random?: () => number;
  /** Extra JSON fields merged into every request body (e.g. {"top_k": -1}). */
  extraBody?: Record<string, unknown>;
}

export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
};

export const DEFAULT_HEALTH: PoolHealthOptions = {
  failureThreshold: 8,
  cooldownMs: 5_000,
  maxCooldownMs: 120_000,
};

export const DEFAULT_TIMEOUT_MS = 600_000;

/** Between two chunks of an answer (never longer than the attempt's timeout). */
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;

/** Items in a row failing with one error code before the run stops (breaker.ts). */
export const DEFAULT_STOP_AFTER = 8;

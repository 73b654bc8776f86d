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
  /** Per attempt, headers to last byte. */
  timeoutMs?: number;
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

// Exponential backoff with jitter, never shorter than the server's Retry-After (itself capped).
import { abortError } from './pool';
import type { RetryOptions } from './types';

/** Delay before attempt `attempt + 1`, where `attempt` (1-based) just failed. */
export function backoffDelayMs(
  attempt: number,
  retryAfterMs: number | null,
  options: RetryOptions,
  random: () => number,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  // "equal jitter": half fixed, half random, so concurrent retries spread out but never collapse to zero
  const jittered = ceiling / 2 + random() * (ceiling / 2);
  if (retryAfterMs === null) return Math.round(jittered);
  return Math.round(Math.max(jittered, Math.min(retryAfterMs, options.maxRetryAfterMs)));
}

export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

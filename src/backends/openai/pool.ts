// Several servers behind one model: each request goes to the least-loaded healthy endpoint with room,
// an endpoint that keeps failing is set aside and probed again (one request) after a cooldown that doubles.
import { EvalError } from '../../core/errors';
import type { EndpointConfig, PoolHealthOptions } from './types';
import { DEFAULT_HEALTH } from './types';
import { normalizeBaseUrl } from './url';

/** 'ok': the server answered (success, 4xx, 429); 'fault': connection error, timeout or 5xx; 'aborted': no news. */
export type LeaseOutcome = 'ok' | 'fault' | 'aborted';

export interface PoolLease {
  /** Normalised base URL ending in /v1. */
  readonly url: string;
  release(outcome: LeaseOutcome): void;
}

export interface EndpointStats {
  url: string;
  inFlight: number;
  maxInFlight: number;
  healthy: boolean;
  requests: number;
  faults: number;
  /** When it will be probed again; null while healthy. */
  setAsideUntilMs: number | null;
}

export interface EndpointPool {
  readonly urls: readonly string[];
  acquire(signal?: AbortSignal): Promise<PoolLease>;
  stats(): EndpointStats[];
}

interface EndpointState {
  url: string;
  maxInFlight: number;
  inFlight: number;
  requests: number;
  faults: number;
  consecutiveFaults: number;
  /** 0 while healthy. */
  setAsideUntil: number;
  cooldownMs: number;
  probing: boolean;
}

interface Waiter {
  resolve: (lease: PoolLease) => void;
  reject: (e: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export function createEndpointPool(
  endpoints: readonly EndpointConfig[],
  healthOptions: Partial<PoolHealthOptions> = {},
  now: () => number = Date.now,
): EndpointPool {
  if (endpoints.length === 0)
    throw new EvalError(
      'config/no-endpoint',
      'No endpoint given: pass at least one server URL (--endpoint http://host:8000/v1).',
    );
  const health: PoolHealthOptions = { ...DEFAULT_HEALTH, ...healthOptions };
  const states: EndpointState[] = endpoints.map((e) => {
    if (!Number.isInteger(e.maxInFlight) || e.maxInFlight < 1) {
      throw new EvalError(
        'config/max-in-flight',
        `Endpoint ${e.url}: in-flight limit must be a whole number ≥ 1 (got ${e.maxInFlight}).`,
      );
    }
    return {
      url: normalizeBaseUrl(e.url),
      maxInFlight: e.maxInFlight,
      inFlight: 0,
      requests: 0,
      faults: 0,
      consecutiveFaults: 0,
      setAsideUntil: 0,
      cooldownMs: health.cooldownMs,
      probing: false,
    };
  });
  const waiters: Waiter[] = [];
  let rotation = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const pick = (t: number): { state: EndpointState; probe: boolean } | null => {
    let best: { state: EndpointState; probe: boolean; load: number } | null = null;
    for (let k = 0; k < states.length; k++) {
      const state = states[(rotation + k) % states.length];
      if (state === undefined || state.inFlight >= state.maxInFlight) continue;
      let probe = false;
      if (state.setAsideUntil !== 0) {
        if (t < state.setAsideUntil || state.probing) continue;
        probe = true;
      }
      const load = state.inFlight / state.maxInFlight;
      if (best === null || load < best.load) best = { state, probe, load };
    }
    if (best === null) return null;
    rotation = (rotation + 1) % states.length;
    return { state: best.state, probe: best.probe };
  };

  const grant = (state: EndpointState, probe: boolean): PoolLease => {
    state.inFlight += 1;
    state.requests += 1;
    if (probe) state.probing = true;
    let released = false;
    return {
      url: state.url,
      release: (outcome) => {
        if (released) return;
        released = true;
        state.inFlight -= 1;
        settle(state, outcome, probe);
        dispatch();
      },
    };
  };

  const settle = (state: EndpointState, outcome: LeaseOutcome, probe: boolean): void => {
    if (probe) state.probing = false;
    if (outcome === 'ok') {
      state.consecutiveFaults = 0;
      state.setAsideUntil = 0;
      state.cooldownMs = health.cooldownMs;
    } else if (outcome === 'fault') {
      state.faults += 1;
      state.consecutiveFaults += 1;
      if (probe) {
        state.cooldownMs = Math.min(health.maxCooldownMs, state.cooldownMs * 2);
        state.setAsideUntil = now() + state.cooldownMs;
      } else if (state.setAsideUntil === 0 && state.consecutiveFaults >= health.failureThreshold) {
        state.setAsideUntil = now() + state.cooldownMs;
      }
    }
  };

  const dispatch = (): void => {
    const t = now();
    while (waiters.length > 0) {
      const choice = pick(t);
      if (choice === null) break;
      const waiter = waiters.shift();
      if (waiter === undefined) break;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      waiter.resolve(grant(choice.state, choice.probe));
    }
    scheduleWake(t);
  };

  // Waiters blocked only by set-aside endpoints need a wake-up when the first cooldown ends.
  const scheduleWake = (t: number): void => {
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    if (waiters.length === 0) return;
    const next = states
      .filter((s) => s.setAsideUntil !== 0 && !s.probing && s.inFlight < s.maxInFlight)
      .reduce((min, s) => Math.min(min, s.setAsideUntil), Infinity);
    if (next === Infinity) return;
    timer = setTimeout(
      () => {
        timer = null;
        dispatch();
      },
      Math.max(0, next - t) + 1,
    );
  };

  return {
    urls: states.map((s) => s.url),
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(abortError(signal));
      if (waiters.length === 0) {
        const choice = pick(now());
        if (choice !== null) return Promise.resolve(grant(choice.state, choice.probe));
      }
      return new Promise<PoolLease>((resolve, reject) => {
        const waiter: Waiter = {
          resolve,
          reject,
          signal,
          onAbort: () => {
            const index = waiters.indexOf(waiter);
            if (index >= 0) waiters.splice(index, 1);
            reject(abortError(signal));
            scheduleWake(now());
          },
        };
        signal?.addEventListener('abort', waiter.onAbort, { once: true });
        waiters.push(waiter);
        dispatch();
      });
    },
    stats: () =>
      states.map((s) => ({
        url: s.url,
        inFlight: s.inFlight,
        maxInFlight: s.maxInFlight,
        healthy: s.setAsideUntil === 0,
        requests: s.requests,
        faults: s.faults,
        setAsideUntilMs: s.setAsideUntil === 0 ? null : s.setAsideUntil,
      })),
  };
}

export function abortError(signal: AbortSignal | undefined): EvalError {
  const reason: unknown = signal?.reason;
  return new EvalError('backend/aborted', 'The request was cancelled.', reason);
}

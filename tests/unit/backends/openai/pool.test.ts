import { describe, expect, it } from 'vitest';
import { createEndpointPool } from '../../../../src/backends/openai';
import { isEvalError } from '../../../../src/core/errors';

describe('endpoint pool', () => {
  it('normalises URLs and picks the least-loaded endpoint relative to its limit', async () => {
    const pool = createEndpointPool([
      { url: 'http://a:8000', maxInFlight: 4 },
      { url: 'b:9000/v1/', maxInFlight: 2 },
    ]);
    expect(pool.urls).toEqual(['http://a:8000/v1', 'http://b:9000/v1']);
    const leases = await Promise.all(Array.from({ length: 6 }, () => pool.acquire()));
    const counts = new Map<string, number>();
    for (const l of leases) counts.set(l.url, (counts.get(l.url) ?? 0) + 1);
    expect(counts.get('http://a:8000/v1')).toBe(4);
    expect(counts.get('http://b:9000/v1')).toBe(2);
    expect(pool.stats().map((s) => s.inFlight)).toEqual([4, 2]);
  });

  it('queues when full, in order, and hands a freed slot to the first waiter', async () => {
    const pool = createEndpointPool([{ url: 'http://a', maxInFlight: 1 }]);
    const first = await pool.acquire();
    const order: number[] = [];
    const second = pool.acquire().then((l) => (order.push(2), l));
    const third = pool.acquire().then((l) => (order.push(3), l));
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual([]);
    first.release('ok');
    (await second).release('ok');
    (await third).release('ok');
    expect(order).toEqual([2, 3]);
  });

  it('rejects a waiter whose signal aborts, and frees its place', async () => {
    const pool = createEndpointPool([{ url: 'http://a', maxInFlight: 1 }]);
    const held = await pool.acquire();
    const controller = new AbortController();
    const waiting = pool.acquire(controller.signal).then(
      () => 'granted',
      (e: unknown) => (isEvalError(e) ? e.code : 'other'),
    );
    controller.abort();
    expect(await waiting).toBe('backend/aborted');
    held.release('ok');
    const next = await pool.acquire();
    expect(next.url).toBe('http://a/v1');
  });

  it('sets an endpoint aside after consecutive faults, probes it with one request after the cooldown', async () => {
    let now = 1_000;
    const pool = createEndpointPool(
      [
        { url: 'http://a', maxInFlight: 10 },
        { url: 'http://b', maxInFlight: 10 },
      ],
      { failureThreshold: 2, cooldownMs: 100, maxCooldownMs: 1_000 },
      () => now,
    );
    const faultOn = async (url: string): Promise<void> => {
      for (;;) {
        const lease = await pool.acquire();
        if (lease.url === url) return lease.release('fault');
        lease.release('ok');
      }
    };
    await faultOn('http://a/v1');
    expect(pool.stats()[0]?.healthy).toBe(true);
    await faultOn('http://a/v1');
    expect(pool.stats()[0]).toMatchObject({ healthy: false, setAsideUntilMs: 1_100 });
    const during = await Promise.all(Array.from({ length: 5 }, () => pool.acquire()));
    expect(during.every((l) => l.url === 'http://b/v1')).toBe(true);
    for (const l of during) l.release('ok');
    now = 1_100;
    // half-open: exactly one probe goes to a, the rest to b
    const probeRound = await Promise.all(Array.from({ length: 4 }, () => pool.acquire()));
    const probes = probeRound.filter((l) => l.url === 'http://a/v1');
    expect(probes).toHaveLength(1);
    probes[0]?.release('fault');
    expect(pool.stats()[0]?.setAsideUntilMs).toBe(1_100 + 200); // cooldown doubled
    now = 1_300;
    for (const l of probeRound) l.release('ok'); // releasing twice is harmless
    const again = await Promise.all(Array.from({ length: 2 }, () => pool.acquire()));
    const probe = again.find((l) => l.url === 'http://a/v1');
    probe?.release('ok');
    expect(pool.stats()[0]?.healthy).toBe(true);
  });

  it('wakes waiters when the only endpoint comes back from its cooldown', async () => {
    const pool = createEndpointPool([{ url: 'http://a', maxInFlight: 2 }], { failureThreshold: 1, cooldownMs: 40 });
    (await pool.acquire()).release('fault');
    expect(pool.stats()[0]?.healthy).toBe(false);
    const started = performance.now();
    const lease = await pool.acquire();
    expect(performance.now() - started).toBeGreaterThanOrEqual(30);
    lease.release('ok');
    expect(pool.stats()[0]?.healthy).toBe(true);
  });

  it('refuses bad configuration with a config error', () => {
    const code = (f: () => unknown): string | null => {
      try {
        f();
        return null;
      } catch (e) {
        return isEvalError(e) ? e.code : 'other';
      }
    };
    expect(code(() => createEndpointPool([]))).toBe('config/no-endpoint');
    expect(code(() => createEndpointPool([{ url: 'http://a', maxInFlight: 0 }]))).toBe('config/max-in-flight');
    expect(code(() => createEndpointPool([{ url: 'ftp://a', maxInFlight: 1 }]))).toBe('config/endpoint');
    expect(code(() => createEndpointPool([{ url: 'http://user:pw@a', maxInFlight: 1 }]))).toBe('config/endpoint');
  });
});

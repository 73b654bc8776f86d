// The openai backend against hostile servers (issue 13): deadlines that hold even when the body read never hears
// the abort, redirects refused, answers capped in bytes (plain, declared, gzip-inflated), malformed 200s that fail
// the item after one retry without setting the endpoint aside, and the breaker that stops a hopeless run.
import { afterEach, describe, expect, it } from 'vitest';
import { checkEndpoint, createOpenAIBackend } from '../../../../src/backends/openai';
import type { OpenAIBackendOptions } from '../../../../src/backends/openai';
import { isEvalError } from '../../../../src/core/errors';
import { responseByteCap } from '../../../../src/core/run';
import type { OpenAITestServer, TestServerOptions } from '../../../support/openai-test-server';
import { startOpenAITestServer } from '../../../support/openai-test-server';
import { keyOfPrompt, requestFor } from './helpers';

const servers: OpenAITestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serve(options: TestServerOptions = {}): Promise<OpenAITestServer> {
  const server = await startOpenAITestServer({ keyOf: keyOfPrompt, ...options });
  servers.push(server);
  return server;
}
const fastRetry = { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 4 };
function backendFor(url: string, extra: Partial<OpenAIBackendOptions> = {}) {
  return createOpenAIBackend({
    model: 'test-model',
    endpoints: [{ url, maxInFlight: 8 }],
    retry: fastRetry,
    ...extra,
  });
}
async function rejection(p: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isEvalError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a rejection');
}

/** A fetch whose answer sends headers, then nothing, and whose body ignores both the abort and cancel(). */
function deafFetch(calls: { n: number }): typeof fetch {
  return () => {
    calls.n += 1;
    const body = new ReadableStream<Uint8Array>({
      pull: () => new Promise<void>(() => undefined),
      cancel: () => new Promise<void>(() => undefined),
    });
    return Promise.resolve(new Response(body, { status: 200, headers: { 'content-type': 'application/json' } }));
  };
}

describe('openai backend: deadlines that hold', () => {
  it('ends an attempt at its deadline even when the body read never hears the abort', async () => {
    const calls = { n: 0 };
    const backend = backendFor('http://127.0.0.1:9/v1', { timeoutMs: 200, fetch: deafFetch(calls) });
    const started = performance.now();
    const failed = await rejection(backend.generate(requestFor('deaf')));
    expect(failed.code).toBe('backend/timeout');
    expect(failed.message).toContain('within 200 ms');
    // the answer had begun and ran out of time: another attempt would take as long again
    expect(calls.n).toBe(1);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('cancels promptly through the signal while such a body is being read', async () => {
    const backend = backendFor('http://127.0.0.1:9/v1', { timeoutMs: 60_000, fetch: deafFetch({ n: 0 }) });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    expect((await rejection(backend.generate(requestFor('c', { signal: controller.signal })))).code).toBe(
      'backend/aborted',
    );
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('fails an item whose answer trickles past the deadline after one attempt, without a retry', async () => {
    const server = await serve({ fault: () => ({ kind: 'trickle', intervalMs: 50 }) });
    const started = performance.now();
    const failed = await rejection(backendFor(server.url, { timeoutMs: 400 }).generate(requestFor('slow')));
    expect(failed.code).toBe('backend/timeout');
    expect(failed.message).toContain('no complete answer within 400 ms');
    expect(server.requests.get('slow')).toBe(1);
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('gives up on an answer that goes quiet for the idle limit, long before the deadline', async () => {
    const server = await serve({ fault: () => ({ kind: 'trickle', intervalMs: 1_000 }) });
    const started = performance.now();
    const failed = await rejection(
      backendFor(server.url, { timeoutMs: 30_000, idleTimeoutMs: 150 }).generate(requestFor('idle')),
    );
    expect(failed.code).toBe('backend/timeout');
    expect(failed.message).toContain('sent nothing for 150 ms');
    expect(server.requests.get('idle')).toBe(2);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('openai backend: retry only what can succeed', () => {
  it('refuses a redirect at once, naming where it pointed, and never follows it with the key', async () => {
    const elsewhere = await serve({ respond: () => '\\boxed{A}' });
    const server = await serve({
      fault: () => ({ kind: 'redirect', status: 307, location: `${elsewhere.url}/chat/completions` }),
    });
    const failed = await rejection(backendFor(server.url, { apiKey: 'sk-redirect-secret' }).generate(requestFor('r')));
    expect(failed.code).toBe('backend/redirect');
    expect(failed.message).toContain(`${elsewhere.url}/chat/completions`);
    expect(server.requests.get('r')).toBe(1);
    expect(elsewhere.total()).toBe(0);
    expect(elsewhere.authorizations.size).toBe(0);
  });

  it("honours openai-node's x-should-retry and retry-after-ms headers", async () => {
    const calls = { n: 0 };
    const answer = (status: number, headers: Record<string, string>): typeof fetch => {
      return () => {
        calls.n += 1;
        return Promise.resolve(new Response('{"error":{"message":"busy"}}', { status, headers }));
      };
    };
    const noRetry = backendFor('http://127.0.0.1:9/v1', { fetch: answer(503, { 'x-should-retry': 'false' }) });
    expect((await rejection(noRetry.generate(requestFor('a')))).code).toBe('backend/server-error');
    expect(calls.n).toBe(1);
    calls.n = 0;
    const retry = backendFor('http://127.0.0.1:9/v1', { fetch: answer(400, { 'x-should-retry': 'true' }) });
    expect((await rejection(retry.generate(requestFor('b')))).code).toBe('backend/bad-request');
    expect(calls.n).toBe(4);
    calls.n = 0;
    const started = performance.now();
    const later = backendFor('http://127.0.0.1:9/v1', {
      fetch: answer(429, { 'retry-after-ms': '300' }),
      retry: { ...fastRetry, maxAttempts: 2 },
    });
    expect((await rejection(later.generate(requestFor('c')))).code).toBe('backend/rate-limited');
    expect(calls.n).toBe(2);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('never sets an endpoint aside for malformed 200s', async () => {
    const server = await serve({ fault: () => ({ kind: 'raw', body: 'null' }) });
    const backend = backendFor(server.url, { health: { failureThreshold: 2, cooldownMs: 120_000 } });
    for (const key of ['n1', 'n2', 'n3'])
      expect((await rejection(backend.generate(requestFor(key)))).code).toBe('backend/bad-response');
    expect(server.total()).toBe(6);
    expect(backend.stats()[0]).toMatchObject({ healthy: true, faults: 0 });
  });

  it('stops every later item once items in a row fail the same way; a success in between resets the count', async () => {
    const server = await serve({ fault: (r) => (r.key.startsWith('ok') ? undefined : { kind: 'raw', body: 'null' }) });
    const backend = backendFor(server.url, { stopAfterSameFailures: 3 });
    expect((await rejection(backend.generate(requestFor('b1')))).code).toBe('backend/bad-response');
    expect((await rejection(backend.generate(requestFor('b2')))).code).toBe('backend/bad-response');
    expect((await backend.generate(requestFor('ok1'))).text).toContain('boxed');
    expect((await rejection(backend.generate(requestFor('b3')))).code).toBe('backend/bad-response');
    expect((await rejection(backend.generate(requestFor('b4')))).code).toBe('backend/bad-response');
    const stop = await rejection(backend.generate(requestFor('b5')));
    expect(stop.code).toBe('backend/stopped-early');
    expect(stop.message).toContain('3 items in a row failed the same way (backend/bad-response)');
    expect(stop.message).toContain('rerun the same command to resume');
    const before = server.total();
    expect((await rejection(backend.generate(requestFor('ok2')))).code).toBe('backend/stopped-early');
    expect(server.total()).toBe(before);
  });
});

describe('openai backend: bounded responses', () => {
  it('derives the cap from max new tokens: 1 MiB + 1 KiB per token', () => {
    expect(responseByteCap(2048)).toBe(3 * 1024 * 1024);
    expect(responseByteCap(64)).toBe(1024 * 1024 + 64 * 1024);
  });

  it('fails an answer over the cap at once, counted as it arrives, declared up front, or inflated from gzip', async () => {
    const server = await serve({
      fault: (r) =>
        r.key === 'chunked'
          ? { kind: 'huge', bytes: 5_000_000 }
          : r.key === 'declared'
            ? { kind: 'huge', bytes: 5_000_000, declareLength: true }
            : r.key === 'bomb'
              ? { kind: 'gzip-bomb', inflatedBytes: 64 * 1024 * 1024 }
              : undefined,
    });
    const backend = backendFor(server.url);
    for (const key of ['chunked', 'declared', 'bomb']) {
      const failed = await rejection(backend.generate(requestFor(key, { maxNewTokens: 64 })));
      expect(failed.code, key).toBe('backend/response-too-large');
      expect(failed.message).toContain(`more than ${responseByteCap(64)} bytes`);
      expect(failed.message).toContain('--max-response-bytes');
      expect(server.requests.get(key), key).toBe(1);
    }
    // the override lets a genuinely long answer through
    const roomy = backendFor(server.url, { maxResponseBytes: 8_000_000 });
    const long = await roomy.generate(requestFor('chunked', { maxNewTokens: 64 }));
    expect(long.text).toHaveLength(5_000_000);
    expect(() => backendFor(server.url, { maxResponseBytes: 0 })).toThrow(/whole number of bytes/);
  });

  it('caps a streamed answer too', async () => {
    const server = await serve({ respond: () => 'word '.repeat(5_000) });
    const backend = backendFor(server.url, { stream: true, maxResponseBytes: 50_000 });
    const failed = await rejection(backend.generate(requestFor('s', { maxNewTokens: 100_000 }), () => undefined));
    expect(failed.code).toBe('backend/response-too-large');
  });
});

describe('connection check against a hostile server', () => {
  it('reports a model list that never finishes as a timeout, on time', async () => {
    const started = performance.now();
    const check = await checkEndpoint('http://127.0.0.1:9/v1', {
      model: 'test-model',
      timeoutMs: 200,
      fetch: deafFetch({ n: 0 }),
    });
    expect(check.problem).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { createOpenAIBackend } from '../../../../src/backends/openai';
import type { OpenAIBackendOptions } from '../../../../src/backends/openai';
import { isEvalError } from '../../../../src/core/errors';
import type { Fault, OpenAITestServer, TestServerOptions } from '../../../support/openai-test-server';
import { HTML_200 } from '../../../support/hostile-replies';
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
function backendFor(server: OpenAITestServer, extra: Partial<OpenAIBackendOptions> = {}) {
  return createOpenAIBackend({
    model: 'test-model',
    endpoints: [{ url: server.url, maxInFlight: 8 }],
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

describe('openai backend: requests', () => {
  it('sends greedy chat completions with the image as a data URI and returns usage', async () => {
    let seen: Record<string, unknown> = {};
    const server = await serve({ respond: (r) => ((seen = r.body), `Item ${r.key}: \\boxed{B}`) });
    const result = await backendFor(server).generate(requestFor('q1', { maxNewTokens: 77 }));
    expect(result.text).toBe('Item q1: \\boxed{B}');
    expect(result.finishReason).toBe('stop');
    expect(result.completionTokens).toBe(3);
    expect(result.promptTokens).toBeGreaterThan(0);
    expect(seen['max_tokens']).toBe(77);
    expect(seen['temperature']).toBe(0);
    expect(seen['model']).toBe('test-model');
    const parts =
      (seen['messages'] as { content: { type: string; image_url?: { url: string } }[] }[])[0]?.content ?? [];
    expect(parts.map((p) => p.type)).toEqual(['image_url', 'text']);
    expect(parts[0]?.image_url?.url.startsWith('data:image/png;base64,iVBORw0KGgo')).toBe(true);
  });

  it('reports truncation as finishReason length', async () => {
    const server = await serve({ respond: () => 'one two three four five six' });
    const result = await backendFor(server).generate(requestFor('q1', { maxNewTokens: 3 }));
    expect(result.finishReason).toBe('length');
    expect(result.text).toBe('one two three ');
  });

  it('streams pieces that add up to the text, with usage', async () => {
    const server = await serve({ respond: () => 'Let me think. \\boxed{A}' });
    const pieces: string[] = [];
    const result = await backendFor(server, { stream: true }).generate(requestFor('s1'), (p) => pieces.push(p));
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe(result.text);
    expect(result.text).toBe('Let me think. \\boxed{A}');
    expect(result.completionTokens).toBe(4);
  });
});

describe('openai backend: retries', () => {
  // The last column: attempts before giving up (maxAttempts 4; a 200 that is no chat completion gets one retry).
  const cases: [string, Fault, string, number][] = [
    ['500', { kind: 'status', status: 500 }, 'backend/server-error', 4],
    ['503', { kind: 'status', status: 503 }, 'backend/server-error', 4],
    ['429', { kind: 'status', status: 429 }, 'backend/rate-limited', 4],
    ['408', { kind: 'status', status: 408 }, 'backend/http-408', 4],
    ['409', { kind: 'status', status: 409 }, 'backend/http-409', 4],
    ['a reset connection', { kind: 'reset' }, 'backend/connection', 4],
    ['a connection reset mid-body', { kind: 'reset-mid-body' }, 'backend/connection', 4],
    ['malformed JSON', { kind: 'malformed-json' }, 'backend/bad-response', 2],
    ['a null body', { kind: 'raw', body: 'null' }, 'backend/bad-response', 2],
    ['an HTML page with status 200', HTML_200, 'backend/bad-response', 2],
    ['a chat completion of the wrong shape', { kind: 'raw', body: '{"choices":[]}' }, 'backend/bad-response', 2],
    ['a response slower than the timeout', { kind: 'stall', ms: 1500 }, 'backend/timeout', 4],
  ];
  for (const [name, fault, code, attempts] of cases) {
    it(`retries after ${name} and succeeds; gives up with ${code} after ${attempts} attempts`, async () => {
      const server = await serve({
        fault: (r) => (r.key === 'always' || r.attempt === 1 ? fault : undefined),
        respond: () => '\\boxed{A}',
      });
      const backend = backendFor(server, { timeoutMs: 300 });
      const ok = await backend.generate(requestFor('once'));
      expect(ok.text).toBe('\\boxed{A}');
      expect(server.requests.get('once')).toBe(2);
      const failed = await rejection(backend.generate(requestFor('always')));
      expect(failed.code).toBe(code);
      expect(failed.message).toContain(`gave up after ${attempts} attempts`);
      expect(server.requests.get('always')).toBe(attempts);
    });
  }

  it('honours Retry-After', async () => {
    const server = await serve({
      fault: (r) => (r.attempt === 1 ? { kind: 'status', status: 429, retryAfter: '1' } : undefined),
    });
    const started = performance.now();
    await backendFor(server).generate(requestFor('r1'));
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
    expect(server.requests.get('r1')).toBe(2);
  });

  it('fails at once, with the server message, on 4xx that retrying cannot fix', async () => {
    const server = await serve({
      fault: (r) =>
        r.key === 'long'
          ? {
              kind: 'status',
              status: 400,
              body: "This model's maximum context length is 32768 tokens. However, you requested 40000 tokens.",
            }
          : r.key === 'big'
            ? { kind: 'status', status: 400, body: 'Image size exceeds the limit of 16777216 pixels' }
            : r.key === 'odd'
              ? { kind: 'status', status: 422, body: 'temperature must be non-negative' }
              : undefined,
    });
    const backend = backendFor(server);
    const long = await rejection(backend.generate(requestFor('long')));
    expect(long.code).toBe('backend/context-too-long');
    expect(long.message).toContain('maximum context length is 32768');
    const big = await rejection(backend.generate(requestFor('big')));
    expect(big.code).toBe('backend/image-too-large');
    const odd = await rejection(backend.generate(requestFor('odd')));
    expect(odd.code).toBe('backend/bad-request');
    expect(odd.message).toContain('temperature must be non-negative');
    for (const key of ['long', 'big', 'odd']) expect(server.requests.get(key)).toBe(1);
    const wrongModel = await rejection(
      createOpenAIBackend({ model: 'Qwen/Nope', endpoints: [{ url: server.url, maxInFlight: 1 }] }).generate(
        requestFor('m'),
      ),
    );
    expect(wrongModel.code).toBe('backend/unknown-model');
    expect(wrongModel.message).toContain('Qwen/Nope');
  });
});

describe('openai backend: keys and cancellation', () => {
  it('sends the key only as a bearer header and scrubs it from server messages', async () => {
    const server = await serve({ apiKey: 'sk-right-key-123456' });
    const ok = await backendFor(server, { apiKey: 'sk-right-key-123456' }).generate(requestFor('k1'));
    expect(ok.text).toContain('boxed');
    expect([...server.authorizations]).toEqual(['Bearer sk-right-key-123456']);
    const wrong = await rejection(backendFor(server, { apiKey: 'sk-wrong-key-987654' }).generate(requestFor('k2')));
    expect(wrong.code).toBe('backend/auth');
    expect(server.authorizations.has('Bearer sk-wrong-key-987654')).toBe(true); // the server did echo it …
    expect(wrong.message).not.toContain('sk-wrong-key-987654'); // … and it never reaches the user
    expect(wrong.message).toContain('***');
  });

  it('cancels an in-flight request through the signal and through interrupt()', async () => {
    const server = await serve({ latencyMs: 5_000 });
    const backend = backendFor(server);
    const controller = new AbortController();
    const pending = rejection(backend.generate(requestFor('c1', { signal: controller.signal })));
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    expect((await pending).code).toBe('backend/aborted');
    const other = rejection(backend.generate(requestFor('c2')));
    setTimeout(() => void backend.interrupt(), 50);
    expect((await other).code).toBe('backend/aborted');
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('openai backend: endpoint pool', () => {
  it('spreads load over endpoints within their in-flight limits and sets a dead one aside', async () => {
    const a = await serve({ latencyMs: 30 });
    const b = await serve({ latencyMs: 30 });
    const dead = await serve();
    const deadUrl = dead.url;
    await dead.close();
    servers.splice(servers.indexOf(dead), 1);
    const backend = createOpenAIBackend({
      model: 'test-model',
      endpoints: [
        { url: a.url, maxInFlight: 4 },
        { url: b.url, maxInFlight: 4 },
        { url: deadUrl, maxInFlight: 4 },
      ],
      retry: { baseDelayMs: 1, maxDelayMs: 5, maxAttempts: 10 },
      health: { failureThreshold: 2, cooldownMs: 60_000 },
    });
    const keys = Array.from({ length: 40 }, (_, i) => `p${i}`);
    const results = await Promise.all(keys.map((k) => backend.generate(requestFor(k))));
    expect(results).toHaveLength(40);
    expect(a.total() + b.total()).toBe(40);
    expect(Math.min(a.total(), b.total())).toBeGreaterThanOrEqual(10);
    const stats = backend.stats();
    const deadStats = stats.find((s) => s.url === deadUrl);
    expect(deadStats?.healthy).toBe(false);
    // at most its first burst (in-flight limit) plus the failures it takes to trip, then none
    expect(deadStats?.requests).toBeLessThanOrEqual(4 + 2);
    const before = deadStats?.requests ?? 0;
    await Promise.all(keys.map((k) => backend.generate(requestFor(`again-${k}`))));
    expect(backend.stats().find((s) => s.url === deadUrl)?.requests).toBe(before);
  });
});

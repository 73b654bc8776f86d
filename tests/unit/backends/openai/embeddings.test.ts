// The remote embeddings client against a local /v1/embeddings server: scripted vectors, chat-style messages with
// images, retries on faults (5xx, 429 + Retry-After, reset, malformed JSON), no retry on 401, the key scrubbed,
// two endpoints shared, and the vectors L2-normalised.
import { afterEach, describe, expect, it } from 'vitest';
import { createRemoteEmbedder } from '../../../../src/backends/openai/embeddings';
import { isEvalError } from '../../../../src/core/errors';
import { encodePng } from '../../../../src/core/image/png';
import { type EmbeddingsTestServer, startEmbeddingsTestServer } from '../../../support/embeddings-test-server';

const servers: EmbeddingsTestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
const fast = { baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 50, maxAttempts: 4 };
const MODEL = 'Alibaba-NLP/gme-Qwen2-VL-2B-Instruct';

/** A vector that depends on the text: [len, 1, 2]. */
const vectorOf = (r: { text: string }): number[] => [r.text.length, 1, 2];

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('remote embeddings (/v1/embeddings with chat-style messages)', () => {
  it('sends the text and images as one user message and returns the L2-normalised vector', async () => {
    const s = await startEmbeddingsTestServer({ vectorOf });
    servers.push(s);
    const e = createRemoteEmbedder({ model: MODEL, endpoints: [{ url: s.url, maxInFlight: 2 }], retry: fast });
    const png = encodePng(2, 2, new Uint8Array(2 * 2 * 3).fill(200));
    const v = await e.embed({ text: 'abcd', images: [png] });
    const n = Math.hypot(4, 1, 2);
    expect(Array.from(v)).toEqual([4 / n, 1 / n, 2 / n].map((x) => Math.fround(x)));
    expect(e.dim).toBe(3);
    const body = s.bodies[0] ?? {};
    expect(body['model']).toBe(MODEL);
    expect(body['encoding_format']).toBe('float');
    const content = (
      body['messages'] as { role: string; content: { type: string; image_url?: { url: string } }[] }[]
    )[0];
    expect(content?.role).toBe('user');
    expect(content?.content.map((p) => p.type)).toEqual(['image_url', 'text']);
    expect(content?.content[0]?.image_url?.url.startsWith('data:image/png;base64,')).toBe(true);
  });

  it('retries 503, 429 with Retry-After, a reset and malformed JSON, then succeeds', async () => {
    const plan = ['503', '429', 'reset', 'malformed'];
    const s = await startEmbeddingsTestServer({
      vectorOf,
      fault: (r) => {
        const f = plan[r.attempt - 1];
        if (f === '503') return { kind: 'status', status: 503 };
        if (f === '429') return { kind: 'status', status: 429, retryAfter: '0.01' };
        if (f === 'reset') return { kind: 'reset' };
        if (f === 'malformed') return { kind: 'malformed-json' };
        return undefined;
      },
    });
    servers.push(s);
    const e = createRemoteEmbedder({
      model: MODEL,
      endpoints: [{ url: s.url, maxInFlight: 1 }],
      retry: { ...fast, maxAttempts: 5 },
    });
    const v = await e.embed({ text: 'xy', images: [] });
    expect(v.length).toBe(3);
    expect(s.requests.get('xy')).toBe(5);
  });

  it('gives up after maxAttempts with the last failure and the attempt count', async () => {
    const s = await startEmbeddingsTestServer({ vectorOf, fault: () => ({ kind: 'status', status: 500 }) });
    servers.push(s);
    const e = createRemoteEmbedder({ model: MODEL, endpoints: [{ url: s.url, maxInFlight: 1 }], retry: fast });
    const err = await caught(e.embed({ text: 'q', images: [] }));
    expect(isEvalError(err) && err.code).toBe('backend/server-error');
    expect(String((err as Error).message)).toContain('after 4 attempt(s)');
    expect(s.requests.get('q')).toBe(4);
  });

  it('does not retry a wrong key and never shows it', async () => {
    const s = await startEmbeddingsTestServer({ vectorOf, apiKey: 'right-key-1234' });
    servers.push(s);
    const e = createRemoteEmbedder({
      model: MODEL,
      endpoints: [{ url: s.url, maxInFlight: 1 }],
      apiKey: 'wrong-key-5678',
      retry: fast,
    });
    const err = await caught(e.embed({ text: 'q', images: [] }));
    expect(isEvalError(err) && err.code).toBe('backend/auth');
    expect(String((err as Error).message)).not.toContain('wrong-key-5678');
    expect(s.authorizations).toEqual(new Set(['Bearer wrong-key-5678']));
    const ok = createRemoteEmbedder({
      model: MODEL,
      endpoints: [{ url: s.url, maxInFlight: 1 }],
      apiKey: 'right-key-1234',
      retry: fast,
    });
    expect((await ok.embed({ text: 'q', images: [] })).length).toBe(3);
  });

  it('names an unknown model and a server without /embeddings, without retrying', async () => {
    const s = await startEmbeddingsTestServer({ vectorOf, model: 'other' });
    servers.push(s);
    const e = createRemoteEmbedder({ model: MODEL, endpoints: [{ url: s.url, maxInFlight: 1 }], retry: fast });
    const err = await caught(e.embed({ text: 'q', images: [] }));
    expect(isEvalError(err) && err.code).toBe('backend/unknown-model');
    expect(s.bodies.length).toBe(1);
    const wrongPath = createRemoteEmbedder({
      model: MODEL,
      endpoints: [{ url: s.url.replace('/v1', '/v2'), maxInFlight: 1 }],
      retry: fast,
    });
    const err2 = await caught(wrongPath.embed({ text: 'q', images: [] }));
    expect(isEvalError(err2) && err2.code).toBe('backend/not-found');
    expect(String((err2 as Error).message)).toContain('/embeddings');
  });

  it('spreads requests over a pool and keeps going when one endpoint is down', async () => {
    const a = await startEmbeddingsTestServer({ vectorOf });
    const b = await startEmbeddingsTestServer({ vectorOf, fault: () => ({ kind: 'status', status: 502 }) });
    servers.push(a, b);
    const e = createRemoteEmbedder({
      model: MODEL,
      endpoints: [
        { url: a.url, maxInFlight: 2 },
        { url: b.url, maxInFlight: 2 },
      ],
      retry: { ...fast, maxAttempts: 6 },
      health: { failureThreshold: 2, cooldownMs: 10_000 },
    });
    const texts = Array.from({ length: 12 }, (_, i) => `t${i}`);
    const vs = await Promise.all(texts.map((text) => e.embed({ text, images: [] })));
    expect(vs.every((v) => v.length === 3)).toBe(true);
    expect(b.bodies.length).toBeGreaterThan(0);
    // once set aside, b gets no more than its threshold's worth of requests
    expect(b.bodies.length).toBeLessThanOrEqual(4);
    expect(e.pool.stats().find((st) => st.url === b.url)?.healthy).toBe(false);
  });

  it('refuses a vector of another dimension than before', async () => {
    let dim = 3;
    const s = await startEmbeddingsTestServer({ vectorOf: () => Array.from({ length: dim }, () => 1) });
    servers.push(s);
    const e = createRemoteEmbedder({ model: MODEL, endpoints: [{ url: s.url, maxInFlight: 1 }], retry: fast });
    await e.embed({ text: 'a', images: [] });
    dim = 4;
    const err = await caught(e.embed({ text: 'b', images: [] }));
    expect(isEvalError(err) && err.code).toBe('backend/embed-failed');
  });
});

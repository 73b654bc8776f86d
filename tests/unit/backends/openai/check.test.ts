import { afterEach, describe, expect, it } from 'vitest';
import { checkEndpoint, checkEndpoints } from '../../../../src/backends/openai';
import type { OpenAITestServer } from '../../../support/openai-test-server';
import { startOpenAITestServer } from '../../../support/openai-test-server';

const servers: OpenAITestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
async function serve(options: Parameters<typeof startOpenAITestServer>[0] = {}): Promise<OpenAITestServer> {
  const s = await startOpenAITestServer(options);
  servers.push(s);
  return s;
}

describe('connection check', () => {
  it('confirms a served model and reports its context length', async () => {
    const server = await serve({ models: ['Qwen/Qwen2.5-VL-72B-Instruct'] });
    const check = await checkEndpoint(server.url.replace('/v1', ''), { model: 'Qwen/Qwen2.5-VL-72B-Instruct' });
    expect(check).toMatchObject({ ok: true, problem: null, maxModelLen: 32768, url: server.url });
  });

  it('names a wrong model name and suggests the served one', async () => {
    const server = await serve({ models: ['Qwen/Qwen2.5-VL-72B-Instruct'] });
    const check = await checkEndpoint(server.url, { model: 'Qwen/Qwen2.5-VL-72B-Instruc' });
    expect(check.problem).toBe('model-not-served');
    expect(check.message).toContain("did you mean 'Qwen/Qwen2.5-VL-72B-Instruct'");
  });

  it('reports auth failures without echoing the key', async () => {
    const server = await serve({ apiKey: 'sk-good-000000' });
    const check = await checkEndpoint(server.url, { model: 'test-model', apiKey: 'sk-bad-111111' });
    expect(check.problem).toBe('auth');
    expect(check.message).not.toContain('sk-bad-111111');
    expect((await checkEndpoint(server.url, { model: 'test-model' })).message).toContain('--api-key-env');
    expect((await checkEndpoint(server.url, { model: 'test-model', apiKey: 'sk-good-000000' })).ok).toBe(true);
  });

  it('tells an unreachable server from one that is not OpenAI-compatible', async () => {
    const dead = await serve();
    const deadUrl = dead.url;
    await dead.close();
    servers.splice(0);
    const live = await serve();
    const [down, wrongPath] = await checkEndpoints([deadUrl, live.url.replace('/v1', '/api/v1')], {
      model: 'test-model',
    });
    expect(down?.problem).toBe('unreachable');
    expect(down?.message).toContain('ECONNREFUSED');
    expect(wrongPath?.problem).toBe('not-openai');
  });

  it('in a browser, tells CORS from unreachable and flags mixed content', async () => {
    // a fetch that fails like a browser's under CORS: the cors request throws, the no-cors one gets an opaque answer
    const corsFetch = (async (_url: RequestInfo | URL, init?: RequestInit) => {
      if (init?.mode === 'no-cors') return new Response(null, { status: 200 });
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    const cors = await checkEndpoint('http://gpu-box:8000', {
      model: 'm',
      fetch: corsFetch,
      pageOrigin: 'http://localhost:5173',
    });
    expect(cors.problem).toBe('cors');
    expect(cors.message).toContain(`--allowed-origins '["http://localhost:5173"]'`);
    const downFetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch;
    expect(
      (
        await checkEndpoint('http://gpu-box:8000', {
          model: 'm',
          fetch: downFetch,
          pageOrigin: 'http://localhost:5173',
        })
      ).problem,
    ).toBe('unreachable');
    expect(
      (await checkEndpoint('http://gpu-box:8000', { model: 'm', fetch: downFetch, pageOrigin: 'https://app.example' }))
        .problem,
    ).toBe('mixed-content');
  });

  it('times out a server that never answers', async () => {
    const stall = (async (_u: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
      )) as typeof fetch;
    const check = await checkEndpoint('http://h', { model: 'm', fetch: stall, timeoutMs: 50 });
    expect(check.problem).toBe('timeout');
  });
});

// The web-llm backend over a fake engine: the shared ModelBackend contract, then what is specific to web-llm —
// the request it sends, usage and timings, load progress and failures, and interrupts web-llm would lose.
import { describe, expect, it } from 'vitest';
import {
  createWebLlmEngineBackend,
  type WebLlmBackend,
  type WebLlmContentPart,
  type WebLlmInitProgress,
} from '../../../../src/backends/webllm';
import type { LoadProgress } from '../../../../src/core/ports';
import type { GenerateRequest } from '../../../../src/core/types';
import { contractRequest, describeModelBackendContract } from '../../../contracts/model-backend.contract';
import { FakeWebLlmEngine, type FakeEngineOptions } from './fake-engine';

const MODEL = 'Phi-3.5-vision-instruct-q4f32_1-MLC';

function withFake(
  options: FakeEngineOptions,
  extra: { reports?: WebLlmInitProgress[] } = {},
): { backend: WebLlmBackend; engine: FakeWebLlmEngine; disposed: () => number } {
  const engine = new FakeWebLlmEngine(options);
  let disposedCount = 0;
  const backend = createWebLlmEngineBackend({
    modelId: MODEL,
    createEngine: async (onInit) => {
      for (const r of extra.reports ?? []) onInit(r);
      return engine;
    },
    onDispose: () => void (disposedCount += 1),
  });
  return { backend, engine, disposed: () => disposedCount };
}

describeModelBackendContract('webllm (fake engine)', async ({ respond, latencyMs }) => {
  const { backend } = withFake({ respond, latencyMs });
  await backend.load();
  return { backend };
});

const echo = (text: string): string => `You asked: ${text.slice(0, 12)} \\boxed{A}`;

describe('webllm backend: the request web-llm gets', () => {
  it('sends images as data-URL image_url parts in the user turn, one text part, system as plain text', async () => {
    const { backend, engine } = withFake({ respond: echo });
    await backend.load();
    const base = contractRequest('img');
    const user = base.messages[0];
    if (user === undefined) throw new Error('contract request has no message');
    const request: GenerateRequest = {
      ...base,
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'You are careful.' }] },
        {
          ...user,
          content: [
            ...user.content,
            { type: 'text', text: 'Second text part.' },
            { type: 'image', image: { path: 'b.png', bytes: Uint8Array.of(0xff, 0xd8, 0xff, 0xe0) } },
          ],
        },
      ],
      params: { maxNewTokens: 77, temperature: 0 },
    };
    await backend.generate(request);
    const sent = engine.requests[0];
    expect(sent?.max_tokens).toBe(77);
    expect(sent?.temperature).toBe(0);
    expect(sent?.stream).toBe(true);
    expect(sent?.stream_options).toEqual({ include_usage: true });
    expect(sent?.messages[0]).toEqual({ role: 'system', content: 'You are careful.' });
    const parts = sent?.messages[1]?.content as WebLlmContentPart[];
    expect(parts.filter((p) => p.type === 'text')).toHaveLength(1);
    const urls = parts.flatMap((p) => (p.type === 'image_url' ? [p.image_url.url] : []));
    expect(urls).toHaveLength(2);
    expect(urls[0]).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(urls[1]).toBe(`data:image/jpeg;base64,${btoa(String.fromCharCode(0xff, 0xd8, 0xff, 0xe0))}`);
    const text = parts.find((p) => p.type === 'text');
    expect(text?.type === 'text' ? text.text : '').toMatch(/Which lobe[\s\S]*\nSecond text part\.$/);
  });

  it('refuses an image in a system or assistant turn before calling web-llm', async () => {
    const { backend, engine } = withFake({ respond: echo });
    await backend.load();
    const request = contractRequest('sys');
    request.messages = [{ role: 'assistant', content: request.messages[0]?.content ?? [] }, ...request.messages];
    await expect(backend.generate(request)).rejects.toMatchObject({ code: 'backend/bad-request' });
    expect(engine.requests).toHaveLength(0);
  });
});

describe('webllm backend: results, streaming and usage', () => {
  it('returns web-llm usage as token counts, prefill time and decode speed', async () => {
    const { backend } = withFake({ respond: echo });
    await backend.load();
    const pieces: string[] = [];
    const r = await backend.generate(contractRequest('usage'), (p) => pieces.push(p));
    expect(r.text).toBe(
      echo(
        contractRequest('usage')
          .messages[0]?.content.flatMap((p) => (p.type === 'text' ? [p.text] : []))
          .join('\n') ?? '',
      ),
    );
    expect(pieces.join('')).toBe(r.text);
    expect(r.completionTokens).toBe(pieces.length);
    expect(r.promptTokens).toBeGreaterThan(10);
    expect(r.prefillMs).toBe(250);
    expect(r.decodeTokensPerS).toBe(20);
    expect(r.finishReason).toBe('stop');
    expect(await backend.runtimeStats()).toMatch(/decode/);
  });

  it("maps web-llm's finish_reason 'length' to a truncated result", async () => {
    const { backend } = withFake({ respond: () => 'one two three four five six' });
    await backend.load();
    const r = await backend.generate({ ...contractRequest('len'), params: { maxNewTokens: 3, temperature: 0 } });
    expect(r.finishReason).toBe('length');
    expect(r.text).toBe('one two three ');
  });

  it('maps a web-llm error thrown by create (a worker string) to an EvalError', async () => {
    const { backend } = withFake({
      respond: echo,
      createError:
        'ContextWindowSizeExceededError: Prompt tokens exceed context window size: number of prompt tokens: 5000; context window size: 4096',
    });
    await backend.load();
    await expect(backend.generate(contractRequest('long'))).rejects.toMatchObject({ code: 'backend/context-too-long' });
  });
});

describe('webllm backend: interrupts', () => {
  it('an interrupt that reaches web-llm before it starts the generation still stops it', async () => {
    let backend: WebLlmBackend | null = null;
    const words = Array.from({ length: 200 }, (_, i) => `w${i}`).join(' ');
    const fake = withFake({ respond: () => words, latencyMs: 2_000, onCreate: () => void backend?.interrupt() });
    backend = fake.backend;
    await backend.load();
    const r = await backend.generate(contractRequest('early'));
    expect(r.finishReason).toBe('abort');
    expect(r.completionTokens).toBeLessThanOrEqual(2);
    expect(fake.engine.interruptCalls).toBeGreaterThanOrEqual(2);
  });

  it('a request aborted while it waits its turn fails at once, and the queue moves on', async () => {
    const { backend } = withFake({ respond: echo, latencyMs: 300 });
    await backend.load();
    const first = backend.generate(contractRequest('first'));
    const controller = new AbortController();
    const started = performance.now();
    const second = backend.generate(contractRequest('second', { signal: controller.signal }));
    setTimeout(() => controller.abort(), 20);
    await expect(second).rejects.toMatchObject({ code: 'backend/aborted' });
    expect(performance.now() - started).toBeLessThan(250);
    expect((await first).finishReason).toBe('stop');
    expect((await backend.generate(contractRequest('third'))).finishReason).toBe('stop');
  });
});

describe('webllm backend: load and dispose', () => {
  it('reports download and compile progress, then ready', async () => {
    const reports = [
      {
        progress: 0.1,
        timeElapsed: 1,
        text: 'Fetching param cache[1/20]: 100MB fetched. 10% completed, 1 secs elapsed.',
      },
      { progress: 0.9, timeElapsed: 9, text: 'Loading GPU shader modules[40/44]: 90% completed' },
    ];
    const { backend } = withFake({ respond: echo }, { reports });
    const seen: LoadProgress[] = [];
    await backend.load((p) => seen.push(p));
    expect(seen.map((p) => p.phase)).toEqual(['download', 'compile', 'ready']);
    expect(seen[0]?.message).toContain('10%');
  });

  it('runs the preflight first and maps load failures; a failed preflight creates no engine', async () => {
    let created = 0;
    const failing = createWebLlmEngineBackend({
      modelId: 'Phi-3.5-vision-instruct-q4f16_1-MLC',
      createEngine: async () => {
        created += 1;
        throw 'ShaderF16SupportError: This model requires WebGPU extension shader-f16, which is not enabled in this browser.';
      },
    });
    await expect(failing.load()).rejects.toMatchObject({ code: 'backend/no-shader-f16' });
    expect(created).toBe(1);
    const refused = createWebLlmEngineBackend({
      modelId: MODEL,
      preflight: async () => {
        throw Object.assign(new Error('WebGPU is not supported in your current environment'), {
          name: 'WebGPUNotAvailableError',
        });
      },
      createEngine: async () => {
        created += 1;
        throw new Error('unreachable');
      },
    });
    await expect(refused.load()).rejects.toMatchObject({ code: 'backend/no-webgpu' });
    expect(created).toBe(1);
  });

  it('generate before load says so; dispose unloads once and refuses later work', async () => {
    const { backend, engine, disposed } = withFake({ respond: echo });
    await expect(backend.generate(contractRequest('early'))).rejects.toMatchObject({ code: 'backend/not-loaded' });
    await backend.load();
    await backend.dispose();
    await backend.dispose();
    expect(engine.unloaded).toBe(true);
    expect(disposed()).toBe(1);
    await expect(backend.load()).rejects.toMatchObject({ code: 'backend/disposed' });
  });
});

// The ModelBackend contract (src/core/ports.ts), run on every implementation (scripted, openai; transformers in
// the browser suite): answers, concurrency, streaming, cancellation, interrupt, dispose. Images arrive resolved (a
// missing one is refused once, by the engine's item step: tests/unit/core/run/resolve-images.test.ts).
import { describe, expect, it } from 'vitest';
import type { ModelBackend } from '../../src/core/ports';
import type { GenerateRequest, GenerateResult } from '../../src/core/types';

export interface BackendHarness {
  backend: ModelBackend;
  cleanup?(): Promise<void>;
}

export interface HarnessOptions {
  /** What a scriptable backend should answer for a prompt's text. */
  respond: (promptText: string) => string;
  /** How long the answer to a prompt should take. */
  latencyMs: (promptText: string) => number;
  /** Stream tokens to onToken. */
  streaming: boolean;
}

const PNG_1PX = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

export function contractRequest(key: string, extra: { signal?: AbortSignal } = {}): GenerateRequest {
  const request: GenerateRequest = {
    messages: [
      {
        role: 'user',
        content: [
          { type: 'image', image: { path: `${key}.png`, bytes: PNG_1PX } },
          {
            type: 'text',
            text: `[${key}] Which lobe is affected?\n\nA. upper\nB. lower\n\nPlease reason step by step, and put the final answer in \\boxed{}.`,
          },
        ],
      },
    ],
    params: { maxNewTokens: 128, temperature: 0 },
  };
  if (extra.signal !== undefined) request.signal = extra.signal;
  return request;
}

const keyOf = (text: string): string => /\[([^\]]+)\]/.exec(text)?.[1] ?? '?';
const answer = (text: string): string =>
  `The ${keyOf(text)} film shows it. \\boxed{${keyOf(text).length % 2 === 0 ? 'A' : 'B'}}`;

async function outcome(p: Promise<GenerateResult>): Promise<{ code: string } | GenerateResult> {
  try {
    return await p;
  } catch (e) {
    return {
      code:
        typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string'
          ? (e as { code: string }).code
          : String(e),
    };
  }
}

export function describeModelBackendContract(
  name: string,
  makeHarness: (options: HarnessOptions) => Promise<BackendHarness>,
): void {
  const withBackend = (options: Partial<HarnessOptions>, fn: (b: ModelBackend) => Promise<void>) => async () => {
    const harness = await makeHarness({ respond: answer, latencyMs: () => 0, streaming: false, ...options });
    try {
      await fn(harness.backend);
    } finally {
      await harness.backend.dispose();
      await harness.cleanup?.();
    }
  };

  describe(`ModelBackend contract: ${name}`, () => {
    it(
      'loads and declares sane capabilities',
      withBackend({}, async (b) => {
        const phases: string[] = [];
        await b.load((p) => phases.push(p.phase));
        expect(b.capabilities.maxImages).toBeGreaterThanOrEqual(1);
        expect(typeof b.capabilities.streaming).toBe('boolean');
        expect(b.capabilities.device).toMatch(/^(webgpu|wasm|cpu|remote)$/);
        if (phases.length > 0) expect(phases.at(-1)).toBe('ready');
      }),
    );

    it(
      'generates the answer with finish reason, latency and token counts',
      withBackend({}, async (b) => {
        const r = await b.generate(contractRequest('alpha'));
        expect(r.text).toBe(answer('[alpha]'));
        expect(['stop', 'length']).toContain(r.finishReason);
        expect(r.latencyMs).toBeGreaterThanOrEqual(0);
        for (const n of [r.promptTokens, r.completionTokens])
          if (n !== null) expect(Number.isInteger(n) && n >= 0).toBe(true);
      }),
    );

    it(
      'answers concurrent requests each with its own answer',
      withBackend({ latencyMs: () => 20 }, async (b) => {
        const keys = ['a', 'bb', 'ccc', 'dddd', 'eeeee', 'ffffff'];
        const results = await Promise.all(keys.map((k) => b.generate(contractRequest(k))));
        expect(results.map((r) => r.text)).toEqual(keys.map((k) => answer(`[${k}]`)));
      }),
    );

    it(
      'streams pieces that add up to the final text',
      withBackend({ streaming: true }, async (b) => {
        const pieces: string[] = [];
        const r = await b.generate(contractRequest('stream'), (p) => pieces.push(p));
        if (b.capabilities.streaming) {
          expect(pieces.length).toBeGreaterThan(1);
          expect(pieces.join('')).toBe(r.text);
        }
        expect(r.text).toBe(answer('[stream]'));
      }),
    );

    it(
      'stops promptly when the request signal aborts',
      withBackend({ latencyMs: (text) => (keyOf(text) === 'slow' ? 5_000 : 0) }, async (b) => {
        const controller = new AbortController();
        const started = performance.now();
        const pending = outcome(b.generate(contractRequest('slow', { signal: controller.signal })));
        setTimeout(() => controller.abort(), 30);
        const got = await pending;
        expect('code' in got ? got.code : (got as GenerateResult).finishReason).toMatch(/^(backend\/aborted|abort)$/);
        expect(performance.now() - started).toBeLessThan(2_000);
      }),
    );

    it(
      'interrupt() stops the generation in flight',
      withBackend({ latencyMs: (text) => (keyOf(text) === 'slow' ? 5_000 : 0) }, async (b) => {
        const started = performance.now();
        const pending = outcome(b.generate(contractRequest('slow')));
        setTimeout(() => void b.interrupt(), 30);
        const got = await pending;
        expect('code' in got ? got.code : (got as GenerateResult).finishReason).toMatch(/^(backend\/aborted|abort)$/);
        expect(performance.now() - started).toBeLessThan(2_000);
        // and the backend still works afterwards
        expect((await b.generate(contractRequest('after'))).text).toBe(answer('[after]'));
      }),
    );

    it(
      'refuses to generate after dispose',
      withBackend({}, async (b) => {
        await b.dispose();
        expect(await outcome(b.generate(contractRequest('late')))).toEqual({ code: 'backend/disposed' });
      }),
    );
  });
}

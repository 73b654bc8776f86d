// A model base URL that answers 404 for one file: the load error names that file and the 404, and the facade
// does not take it for a WebGPU failure (no wasm fallback, one worker started).
import { describe, expect, inject, it } from 'vitest';
import { createInferenceWorker } from '../../src/app/workers';
import { isEvalError } from '../../src/core/errors';

describe('model host errors in the inference worker', () => {
  const host = inject('brokenModelHost');

  for (const device of ['webgpu', 'wasm'] as const) {
    it(`a 404 for one model file on ${device} is reported as that file's 404, with no fallback`, async () => {
      const backend = await createInferenceWorker({
        model: 'broken',
        device,
        // Scheme-relative, as the app passes a served model's base URL (run-plan.ts localPathOf).
        localModelPath: `${host.url.replace(/^http:/, '')}/`,
        allowRemoteModels: false,
      });
      const messages: string[] = [];
      const err = await backend.load((p) => void (p.message && messages.push(p.message))).catch((e: unknown) => e);
      expect(isEvalError(err) && err.code).toBe('backend/model-not-found');
      const message = err instanceof Error ? err.message : '';
      expect(message).toContain(`${host.url}/${host.missing}`);
      expect(message).toMatch(/answered 404/);
      expect(message).not.toMatch(/WebGPU|wasm/);
      expect(backend.runtime).toMatchObject({ fellBack: false, workersStarted: 1, device });
      expect(messages.some((m) => /fell back/.test(m))).toBe(false);
      await backend.dispose();
    });
  }
});

// The real web-llm worker in headless Chromium (SwiftShader WebGPU, no shader-f16): no MLC model can run here,
// so this checks the wiring — worker start, web-llm's handler, the appConfig with a user record — and that a
// failed load arrives on the page as the right EvalError. Every model URL points at the vitest server itself.
import { describe, expect, it } from 'vitest';
import { createWebLlmBackend } from '../../src/app/workers';
import { isEvalError } from '../../src/core/errors';
import type { WebLlmModelRecord } from '../../src/backends/webllm';

const origin = globalThis.location.origin;
const MISSING = `${origin}/__no-such-webllm-model__`;

function localRecord(modelId: string): WebLlmModelRecord {
  return {
    model: `${MISSING}/${modelId}`,
    model_id: modelId,
    model_lib: `${MISSING}/${modelId}-webgpu.wasm`,
    model_type: 2,
    overrides: { context_window_size: 4096 },
  };
}

async function loadError(modelId: string, probeOnPage: boolean): Promise<{ code: string; message: string }> {
  const backend = createWebLlmBackend(
    { modelId, userRecords: [localRecord(modelId)] },
    probeOnPage ? {} : { probe: null },
  );
  const progress: string[] = [];
  try {
    await backend.load((p) => progress.push(p.phase));
    throw new Error('loading a model whose files do not exist succeeded');
  } catch (e) {
    expect(isEvalError(e), `not an EvalError: ${String(e)}`).toBe(true);
    return e as { code: string; message: string };
  } finally {
    await backend.dispose();
    expect(progress).not.toContain('ready');
  }
}

describe('web-llm worker wiring (real worker, files that do not exist)', () => {
  it('serves from 127.0.0.1, so nothing leaves the machine', () => {
    expect(new URL(origin).hostname).toMatch(/^(127\.0\.0\.1|localhost)$/);
  });

  it('a q4f32 build with missing files fails through the worker with backend/model-files naming the URL', async () => {
    const modelId = 'Test-VLM-q4f32_1-MLC';
    const error = await loadError(modelId, true);
    // SwiftShader has WebGPU without shader-f16: an f32 build passes the page check, so the worker must be the one failing
    expect(['backend/model-files', 'backend/no-webgpu']).toContain(error.code);
    if (error.code === 'backend/model-files') {
      expect(error.message).toContain(`${MISSING}/${modelId}/resolve/main/mlc-chat-config.json`);
      expect(error.message).toMatch(/HTTP 404/);
      expect(error.message).toMatch(/model_lib|CORS/);
    } else {
      expect(error.message).toMatch(/Chrome .*113/);
    }
  });

  it('a q4f16 build on an adapter without shader-f16 is refused up front with backend/no-shader-f16', async () => {
    const error = await loadError('Test-VLM-q4f16_1-MLC', true);
    expect(['backend/no-shader-f16', 'backend/model-files', 'backend/no-webgpu']).toContain(error.code);
    const adapter = await (
      navigator as Navigator & { gpu?: { requestAdapter(): Promise<{ features: Set<string> } | null> } }
    ).gpu?.requestAdapter();
    if (adapter != null && !adapter.features.has('shader-f16')) {
      expect(error.code).toBe('backend/no-shader-f16');
      expect(error.message).toMatch(/q4f32_1/);
    }
  });

  it('without the page check, web-llm in the worker fails first on the missing files (fetched before the GPU)', async () => {
    const modelId = 'Test-VLM-q4f16_1-MLC';
    const error = await loadError(modelId, false);
    expect(['backend/model-files', 'backend/no-shader-f16', 'backend/no-webgpu']).toContain(error.code);
    if (error.code === 'backend/model-files')
      expect(error.message).toContain(`${MISSING}/${modelId}/resolve/main/mlc-chat-config.json`);
  });
});

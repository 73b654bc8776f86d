import { describe, expect, it } from 'vitest';
import { bitsOf, modelFit } from '../../../../../src/app/lib/pure/model-fit';
import type { MachineInfo } from '../../../../../src/app/lib/pure/model-fit';
import { MODELS } from '../../../../../src/core/models/registry';
import { modelEntry } from '../../../../../src/core/models/entry';
import type { ModelEntry } from '../../../../../src/core/models/entry';

const gpu: MachineInfo = { webgpu: true, shaderF16: true, maxBufferSize: 4e9, deviceMemoryGB: 8 };
const noGpu: MachineInfo = { webgpu: false, shaderF16: false, maxBufferSize: null, deviceMemoryGB: 8 };
const byEngine = (engine: string): ModelEntry => {
  const m = MODELS.find((e) => e.runtime === 'browser' && e.web?.engine === engine);
  if (m === undefined) throw new Error(`no browser model on ${engine} in the registry`);
  return m;
};

describe('modelFit', () => {
  it('reads bits per weight from dtype names', () => {
    expect([bitsOf('q4f16_1'), bitsOf('q4'), bitsOf('q8'), bitsOf('fp16'), bitsOf('fp32')]).toEqual([
      4.5, 4.5, 8, 16, 32,
    ]);
  });

  it('says a server-only model is too large for a browser', () => {
    const big = MODELS.find((m) => m.runtime === 'remote');
    if (big === undefined) throw new Error('registry has no remote-only model');
    const fit = modelFit(big, gpu);
    expect(fit.verdict).toBe('no');
    expect(fit.reason).toContain('too large for a browser');
  });

  it('needs WebGPU for web-llm, and picks a non-f16 build without shader-f16', () => {
    const webllm = byEngine('webllm');
    expect(modelFit(webllm, noGpu)).toMatchObject({ verdict: 'no', reason: expect.stringContaining('needs WebGPU') });
    const noF16 = modelFit(webllm, { ...gpu, shaderF16: false });
    expect(noF16.dtype?.includes('f16') ?? true).toBe(false);
  });

  it('refuses an f16-only export without shader-f16; runs one with q4 weights on wasm (maybe); warns of little memory', () => {
    const tjs = byEngine('transformers');
    expect(modelFit(tjs, gpu).verdict).toBe('fits');
    expect(modelFit(tjs, noGpu)).toMatchObject({ verdict: 'no', reason: expect.stringContaining('shader-f16') });
    const both = modelEntry({ ...tjs, id: 'x', web: { engine: 'transformers', repo: 'x/y', dtypes: ['q4f16', 'q4'] } });
    expect(modelFit(both, noGpu)).toMatchObject({
      verdict: 'maybe',
      dtype: 'q4',
      reason: expect.stringContaining('wasm'),
    });
    const small = modelFit(tjs, { ...gpu, deviceMemoryGB: 0.5 });
    expect(small.verdict).toBe('maybe');
    expect(small.reason).toContain('0.5 GB of memory');
  });
});

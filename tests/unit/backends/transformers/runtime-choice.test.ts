import { describe, expect, it } from 'vitest';
import { probeWebGpu, type GpuProbe } from '../../../../src/backends/shared/webgpu-probe';
import { chooseRuntime, wasmFallback } from '../../../../src/backends/transformers';

const adapter = (features: string[], fallbackAdapter = false): GpuProbe => ({
  webgpu: true,
  adapter: true,
  features,
  fallbackAdapter,
});
const noAdapter: GpuProbe = {
  webgpu: true,
  adapter: false,
  features: [],
  fallbackAdapter: false,
  error: 'requestAdapter() returned no adapter',
};
const noWebGpu: GpuProbe = {
  webgpu: false,
  adapter: false,
  features: [],
  fallbackAdapter: false,
  error: 'navigator.gpu is missing',
};
const ALL = ['q4f16', 'q4', 'q8', 'fp32'];

describe('chooseRuntime', () => {
  it.each([
    [
      'shader-f16 adapter, full export',
      adapter(['shader-f16', 'timestamp-query']),
      ALL,
      'webgpu',
      'q4f16',
      /shader-f16/,
    ],
    ['adapter without shader-f16', adapter(['timestamp-query']), ALL, 'webgpu', 'q4', /without shader-f16/],
    ['adapter without shader-f16, fp32-only export', adapter([]), ['fp32'], 'webgpu', 'fp32', /without shader-f16/],
    ['adapter without shader-f16, q4f16-only export', adapter([]), ['q4f16'], 'wasm', 'q4f16', /lacks shader-f16/],
    ['no adapter', noAdapter, ALL, 'wasm', 'q8', /returned no adapter/],
    ['no navigator.gpu', noWebGpu, ['q4', 'fp32'], 'wasm', 'q4', /navigator\.gpu is missing/],
    ['Node', null, ALL, 'cpu', 'fp32', /Node/],
  ] as const)('%s', (_name, probe, dtypes, device, dtype, reason) => {
    const choice = chooseRuntime(probe, dtypes);
    expect(choice.device).toBe(device);
    expect(choice.dtype).toBe(dtype);
    expect(choice.reason).toMatch(reason);
  });

  it('says when the adapter is a software fallback', () => {
    expect(chooseRuntime(adapter([], true), ['fp32']).reason).toMatch(/software adapter/);
  });

  it('honours a forced wasm device even with a good GPU', () => {
    expect(chooseRuntime(adapter(['shader-f16']), ALL, { device: 'wasm' }).device).toBe('wasm');
  });

  it('warns when only f16 weights exist and the choice is wasm (and not otherwise)', () => {
    expect(chooseRuntime(adapter([]), ['q4f16']).reason).toMatch(/need WebGPU with shader-f16.*most likely fail/);
    expect(wasmFallback(['q4f16'], 'x').reason).toMatch(/most likely fail/);
    expect(chooseRuntime(adapter([]), ['q4f16', 'q4']).reason).not.toMatch(/Warning/);
  });

  it('puts the WebGPU failure into the fallback reason', () => {
    const c = wasmFallback(['q4f16', 'q4'], 'Failed to get GPU adapter');
    expect(c).toMatchObject({ device: 'wasm', dtype: 'q4' });
    expect(c.reason).toMatch(/Failed to get GPU adapter.*fresh worker/);
  });
});

describe('probeWebGpu', () => {
  it('lists adapter features', async () => {
    const features = new Set(['shader-f16']);
    const probe = await probeWebGpu({ requestAdapter: async () => ({ features, info: { isFallbackAdapter: false } }) });
    expect(probe).toMatchObject({ adapter: true, features: ['shader-f16'], fallbackAdapter: false });
  });

  it('never throws: a failing requestAdapter becomes "no adapter"', async () => {
    const probe = await probeWebGpu({ requestAdapter: async () => Promise.reject(new Error('lost')) });
    expect(probe.adapter).toBe(false);
    expect(probe.error).toMatch(/lost/);
  });

  it('reports a missing navigator.gpu', async () => {
    expect((await probeWebGpu(undefined)).webgpu).toBe(false);
  });
});

import { expect, it } from 'vitest';
import { probeWebGpu } from '../../src/backends/shared/webgpu-probe';

it('runs in real Chromium with a WebGPU adapter available (SwiftShader under --enable-unsafe-webgpu)', async () => {
  const probe = await probeWebGpu();
  expect(probe.webgpu).toBe(true);
  expect(probe.adapter).toBe(true);
});

import { expect, it } from 'vitest';

it('runs in real Chromium with a WebGPU adapter available (SwiftShader under --enable-unsafe-webgpu)', async () => {
  expect(typeof navigator.gpu).toBe('object');
  const adapter = await navigator.gpu.requestAdapter();
  expect(adapter).not.toBeNull();
});

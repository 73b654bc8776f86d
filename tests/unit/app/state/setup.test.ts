import { describe, expect, it } from 'vitest';
import type { AdapterReport } from '../../../../src/app/lib/dom/adapter-info';
import { Setup } from '../../../../src/app/state/setup.svelte';
import { MODELS } from '../../../../src/core/models/registry';

const adapter = (features: string[]): AdapterReport => ({
  error: null,
  vendor: 'nvidia',
  architecture: 'hopper',
  device: '',
  description: '',
  fallback: false,
  features,
  limits: { maxBufferSize: 4e9, maxStorageBufferBindingSize: 2e9, maxComputeWorkgroupStorageSize: 32768 },
});

function setupWith(report: AdapterReport, persistAnswer: boolean): { setup: Setup; asked: () => number } {
  let asked = 0;
  const setup = new Setup({
    adapter: () => Promise.resolve(report),
    deviceMemoryGB: () => 8,
    estimate: () => Promise.resolve({ usage: 1e9, quota: 1e11 }),
    persisted: () => Promise.resolve(false),
    persist: () => {
      asked++;
      return Promise.resolve(persistAnswer);
    },
    isolated: () => true,
  });
  return { setup, asked: () => asked };
}

describe('Setup state', () => {
  it('reads the adapter, judges every registry model against it and reports storage', async () => {
    const { setup } = setupWith(adapter(['shader-f16']), true);
    await setup.refresh();
    expect(setup.adapter?.vendor).toBe('nvidia');
    expect(setup.fits.map((f) => f.model)).toEqual(MODELS.map((m) => m.id));
    expect(setup.fits.filter((f) => f.verdict === 'fits').length).toBeGreaterThan(0);
    expect(setup.storage).toEqual({ usage: 1e9, quota: 1e11 });
    expect([setup.persisted, setup.isolated, setup.loaded]).toEqual([false, true, true]);
  });

  it('without an adapter no web-llm model fits, and persist() records the browser’s answer', async () => {
    const { setup, asked } = setupWith({ ...adapter([]), error: 'no WebGPU', limits: null }, false);
    await setup.refresh();
    const webllm = MODELS.filter((m) => m.runtime === 'browser' && m.web?.engine === 'webllm').map((m) => m.id);
    expect(setup.fits.filter((f) => webllm.includes(f.model)).every((f) => f.verdict === 'no')).toBe(true);
    await setup.persist();
    expect(asked()).toBe(1);
    expect(setup.persisted).toBe(false);
  });
});

// The gme embed worker in headless Chromium: a unit vector equal to the Node embedding within 1e-3,
// on wasm and on WebGPU (SwiftShader, fp32).
import { beforeAll, describe, expect, it } from 'vitest';
import { createEmbedWorker } from '../../src/app/workers';
import { gmeInput } from '../fixtures/tiny-models';
import { REFERENCE_FILE, TINY_MODELS_URL, type TinyReference } from './tiny-reference';
import { workerDebug } from './worker-debug';

let reference: TinyReference;
beforeAll(async () => {
  const res = await fetch(`${TINY_MODELS_URL}${REFERENCE_FILE}`);
  expect(res.ok, 'reference.json is written by the browser globalSetup').toBe(true);
  reference = (await res.json()) as TinyReference;
});

describe.each(['wasm', 'webgpu'] as const)('gme embed worker on %s', (device) => {
  it('returns the Node embedding (unit norm, within 1e-3), from cache the second time', async () => {
    const debug = workerDebug();
    const embedder = await createEmbedWorker(
      { model: 'gme', device, localModelPath: TINY_MODELS_URL, allowRemoteModels: false },
      debug.hooks,
    );
    await embedder.load();
    expect(embedder.runtime.device).toBe(device);
    expect(embedder.dim).toBe(reference.gme.length);
    const v = await embedder.embed(gmeInput());
    expect(v.length).toBe(reference.gme.length);
    expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    const maxDiff = Math.max(...Array.from(v, (x, i) => Math.abs(x - (reference.gme[i] ?? NaN))));
    expect(maxDiff).toBeLessThan(1e-3);
    const t0 = performance.now();
    const again = await embedder.embed(gmeInput());
    expect(Array.from(again)).toEqual(Array.from(v));
    console.log(
      `gme on ${device}: max |Δ| vs Node ${maxDiff.toExponential(2)}, cached embed ${Math.round(performance.now() - t0)} ms`,
    );
    const urls = await debug.fetchedUrls();
    expect(urls.filter((u) => !/^(blob:|data:|https?:\/\/(127\.0\.0\.1|localhost)[:/])/.test(u))).toEqual([]);
    await embedder.dispose();
  });
});

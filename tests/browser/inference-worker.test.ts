// The real inference worker in headless Chromium, on wasm and on WebGPU (SwiftShader, fp32 weights):
// token ids must equal the Node (onnxruntime-node) reference computed by the globalSetup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInferenceWorker, type InferenceWorkerBackend } from '../../src/app/workers';
import { isEvalError } from '../../src/core/errors';
import { DEFAULT_WARM_UP } from '../../src/core/run';
import { tinyRequest, type TinyRequestKind } from '../fixtures/tiny-models';
import { MAX_NEW_TOKENS, REFERENCE_FILE, referenceKey, TINY_MODELS_URL, type TinyReference } from './tiny-reference';

let reference: TinyReference;
const fetched: string[] = [];

beforeAll(async () => {
  const res = await fetch(`${TINY_MODELS_URL}${REFERENCE_FILE}`);
  expect(res.ok, 'tests/.generated/tiny-models/reference.json is written by the browser globalSetup').toBe(true);
  reference = (await res.json()) as TinyReference;
});

const workerOptions = (model: string, device: 'wasm' | 'webgpu') => ({
  model,
  device,
  localModelPath: TINY_MODELS_URL,
  allowRemoteModels: false,
});

async function started(model: string, device: 'wasm' | 'webgpu', warmUp = false): Promise<InferenceWorkerBackend> {
  const t0 = performance.now();
  const backend = await createInferenceWorker({ ...workerOptions(model, device), warmUp });
  const progress: { phase: string; message?: string }[] = [];
  await backend.load((p) => progress.push(p));
  console.log(`${model} on ${device}: loaded in ${Math.round(performance.now() - t0)} ms`);
  expect(backend.runtime.device).toBe(device);
  expect(progress.at(-1)?.phase).toBe('ready');
  expect(progress.filter((p) => p.phase === 'ready')).toHaveLength(1);
  const report = await backend.warmUpReport();
  if (!warmUp) {
    expect(report).toBeNull();
    return backend;
  }
  // Warmed up after the weights were in and before 'ready': the first judged block and `patience` more, ending
  // steady or at the time cap; the page heard of it in the one 'ready' message.
  if (report === null) throw new Error('a warmUp worker reported no warm-up');
  console.log(
    `${model} on ${device}: warmed up in ${report.runs} runs, ${Math.round(report.totalMs)} ms: ${report.latenciesMs.slice(0, 5).map(Math.round).join(', ')} … ${Math.round(report.latenciesMs.at(-1) ?? 0)} ms`,
  );
  const blocks = 1 + DEFAULT_WARM_UP.patience;
  expect(report.runs).toBeGreaterThanOrEqual(blocks * DEFAULT_WARM_UP.blockRuns);
  expect(report.latenciesMs.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(blocks * DEFAULT_WARM_UP.blockMs);
  expect(report.steady || report.totalMs >= DEFAULT_WARM_UP.maxMs).toBe(true);
  const warming = progress.findIndex((p) => p.phase === 'compile' && /warming up/.test(p.message ?? ''));
  expect(warming).toBeGreaterThan(-1);
  expect(progress.at(-1)?.message).toMatch(new RegExp(`warmed up in ${report.runs} runs`));
  return backend;
}

/** Which onnxruntime-web build a worker compiled: 'asyncify' (WebGPU) or 'plain' (wasm only), from its fetches. */
function ortBuildsOf(urls: readonly string[]): string[] {
  const builds = urls
    .map((u) => /ort-wasm-simd-threaded(\.asyncify)?[^/]*\.wasm/.exec(new URL(u, location.href).pathname))
    .filter((m) => m !== null);
  return [...new Set(builds.map((m) => (m[1] ? 'asyncify' : 'plain')))];
}

async function expectNodeIds(backend: InferenceWorkerBackend, family: string, kind: TinyRequestKind): Promise<void> {
  const t0 = performance.now();
  const pieces: string[] = [];
  const r = await backend.generate(tinyRequest(kind, MAX_NEW_TOKENS), (p) => pieces.push(p));
  console.log(`${family} ${kind} on ${backend.runtime.device}: ${Math.round(performance.now() - t0)} ms`);
  const ref = reference.generations[referenceKey(family, kind)];
  expect(ref, `no Node reference for ${family}/${kind}`).toBeDefined();
  expect(r.outputTokenIds).toEqual(ref?.outputTokenIds);
  expect(r.promptTokens).toBe(ref?.promptTokens);
  expect(pieces.join('')).toBe(r.text);
  expect(r.prefillMs).toBeGreaterThan(0);
  const urls = await backend.fetchedUrls();
  // WebGPU needs the asyncify build; a wasm worker loads the plain one (half the size, no asyncify overhead).
  expect(ortBuildsOf(urls)).toEqual([backend.runtime.device === 'webgpu' ? 'asyncify' : 'plain']);
  fetched.push(...urls);
}

// WebGPU on SwiftShader spends ~30 s compiling shaders per worker: one family there, both on wasm. One worker warms
// up first (as the app's do): generating on the synthetic item must leave no state behind that changes the ids.
describe.each([
  ['qwen2-vl', 'wasm', false],
  ['qwen2.5-vl', 'wasm', true],
  ['qwen2-vl', 'webgpu', false],
] as const)('inference worker: %s on %s (warm-up %s) gives the Node token ids', (family, device, warmUp) => {
  it('for a one-image and a two-image item', async () => {
    const backend = await started(family, device, warmUp);
    await expectNodeIds(backend, family, 'single');
    await expectNodeIds(backend, family, 'multi');
    await backend.dispose();
  });
});

describe('inference worker control', () => {
  let backend: InferenceWorkerBackend;
  beforeAll(async () => {
    backend = await started('qwen2-vl', 'wasm');
  });
  afterAll(() => backend.dispose());

  it('interrupt() stops a generation in the worker', async () => {
    let seen = 0;
    const r = await backend.generate(tinyRequest('single', 2000), () => {
      if (++seen === 3) void backend.interrupt();
    });
    expect(r.finishReason).toBe('abort');
    expect(r.completionTokens).toBeLessThan(100);
  });

  it('an AbortSignal stops a generation in the worker', async () => {
    const controller = new AbortController();
    let seen = 0;
    const r = await backend.generate({ ...tinyRequest('single', 2000), signal: controller.signal }, () => {
      if (++seen === 2) controller.abort();
    });
    expect(r.finishReason).toBe('abort');
    expect(r.completionTokens).toBeLessThan(100);
  });

  it('error codes survive the worker boundary', async () => {
    const missing = await backend
      .generate({
        messages: [{ role: 'user', content: [{ type: 'image', image: { path: 'x.png', present: false } }] }],
        params: { maxNewTokens: 2, temperature: 0 },
      })
      .catch((e: unknown) => e);
    expect(isEvalError(missing) && missing.code).toBe('dataset/missing-image');
    const absent = await createInferenceWorker(workerOptions('no-such-model', 'wasm'));
    const err = await absent.load().catch((e: unknown) => e);
    expect(isEvalError(err) && err.code).toBe('backend/model-not-found');
    await absent.dispose();
  });

  it('falls back to wasm in a fresh worker when WebGPU init fails', async () => {
    const b = await createInferenceWorker({ ...workerOptions('qwen2-vl', 'webgpu'), simulateWebGpuFailure: true });
    const messages: string[] = [];
    await b.load((p) => void (p.message && messages.push(p.message)));
    expect(b.runtime).toMatchObject({ fellBack: true, device: 'wasm', workersStarted: 2 });
    expect(b.capabilities.device).toBe('wasm');
    expect(messages.some((m) => /fell back to wasm/.test(m))).toBe(true);
    const r = await b.generate(tinyRequest('single', MAX_NEW_TOKENS));
    expect(r.outputTokenIds).toEqual(reference.generations[referenceKey('qwen2-vl', 'single')]?.outputTokenIds);
    const urls = await b.fetchedUrls();
    expect(ortBuildsOf(urls)).toEqual(['plain']);
    fetched.push(...urls);
    await b.dispose();
  });

  it('dispose() while the model warms up ends load() with backend/disposed instead of leaving it pending', async () => {
    const b = await createInferenceWorker({ ...workerOptions('qwen2-vl', 'wasm'), warmUp: true });
    let warming: () => void = () => undefined;
    const warmingStarted = new Promise<void>((resolve) => (warming = resolve));
    const loading = b.load((p) => {
      if (p.phase === 'compile' && /warming up/.test(p.message ?? '')) warming();
    });
    const settled = loading.then(
      () => 'resolved',
      (e: unknown) => (isEvalError(e) ? e.code : String(e)),
    );
    await warmingStarted;
    await b.dispose();
    const outcome = await Promise.race([
      settled,
      new Promise((resolve) => setTimeout(() => resolve('still pending after 5 s'), 5000)),
    ]);
    expect(outcome).toBe('backend/disposed');
    const after = await b
      .generate(tinyRequest('single', 2))
      .catch((e: unknown) => (isEvalError(e) ? e.code : String(e)));
    expect(after).toBe('backend/not-loaded');
  });

  it('fetched nothing from outside the machine (workers and page)', () => {
    const isLocal = (url: string): boolean => {
      const { hostname, protocol } = new URL(url, location.href);
      return protocol === 'blob:' || protocol === 'data:' || hostname === '127.0.0.1' || hostname === 'localhost';
    };
    const all = [...fetched, ...performance.getEntriesByType('resource').map((e) => e.name)];
    expect(all.some((u) => u.includes('/tiny-models/'))).toBe(true);
    expect(all.filter((u) => !isLocal(u))).toEqual([]);
  });
});

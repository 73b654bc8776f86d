// The real inference worker in headless Chromium, on wasm and on WebGPU (SwiftShader, fp32 weights):
// token ids must equal the Node (onnxruntime-node) reference computed by the globalSetup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInferenceWorker, type InferenceWorkerBackend } from '../../src/app/workers';
import { isEvalError } from '../../src/core/errors';
import { DEFAULT_WARM_UP } from '../../src/core/run';
import { tinyRequest, type TinyRequestKind } from '../fixtures/tiny-models';
import { MAX_NEW_TOKENS, REFERENCE_FILE, referenceKey, TINY_MODELS_URL, type TinyReference } from './tiny-reference';
import { workerDebug, type WorkerDebug } from './worker-debug';

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

/** A loaded worker, and its debug channel (fetched URLs, warm-up report: test hooks, not the worker's API). */
interface Started {
  backend: InferenceWorkerBackend;
  debug: WorkerDebug;
}

async function started(model: string, device: 'wasm' | 'webgpu', warmUp = false): Promise<Started> {
  const t0 = performance.now();
  const debug = workerDebug();
  const backend = await createInferenceWorker({ ...workerOptions(model, device), warmUp }, debug.hooks);
  const progress: { phase: string; message?: string }[] = [];
  await backend.load((p) => progress.push(p));
  console.log(`${model} on ${device}: loaded in ${Math.round(performance.now() - t0)} ms`);
  expect(backend.runtime.device).toBe(device);
  expect(progress.at(-1)?.phase).toBe('ready');
  expect(progress.filter((p) => p.phase === 'ready')).toHaveLength(1);
  const report = await debug.warmUpReport();
  if (!warmUp) {
    expect(report).toBeNull();
    return { backend, debug };
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
  return { backend, debug };
}

/** Which onnxruntime-web build a worker compiled: 'asyncify' (WebGPU) or 'plain' (wasm only), from its fetches. */
function ortBuildsOf(urls: readonly string[]): string[] {
  const builds = urls
    .map((u) => new URL(u, location.href))
    // Vite's dev server serves each `import x from '….wasm?url'` as a tiny module exporting the URL: a worker that
    // imports its code itself (src/app/lib/dom/start-worker.ts) lists those modules too; they are not the binary.
    .filter((u) => !u.searchParams.has('url'))
    .map((u) => /ort-wasm-simd-threaded(\.asyncify)?[^/]*\.wasm/.exec(u.pathname))
    .filter((m) => m !== null);
  return [...new Set(builds.map((m) => (m[1] ? 'asyncify' : 'plain')))];
}

async function expectNodeIds({ backend, debug }: Started, family: string, kind: TinyRequestKind): Promise<void> {
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
  const urls = await debug.fetchedUrls();
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
    const worker = await started(family, device, warmUp);
    await expectNodeIds(worker, family, 'single');
    await expectNodeIds(worker, family, 'multi');
    await worker.backend.dispose();
  });
});

describe('inference worker control', () => {
  let backend: InferenceWorkerBackend;
  beforeAll(async () => {
    ({ backend } = await started('qwen2-vl', 'wasm'));
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
    const undecodable = await backend
      .generate({
        messages: [
          { role: 'user', content: [{ type: 'image', image: { path: 'x.png', bytes: Uint8Array.of(1, 2, 3) } }] },
        ],
        params: { maxNewTokens: 2, temperature: 0 },
      })
      .catch((e: unknown) => e);
    expect(isEvalError(undecodable) && undecodable.code).toBe('backend/generate-failed');
    const absent = await createInferenceWorker(workerOptions('no-such-model', 'wasm'));
    const err = await absent.load().catch((e: unknown) => e);
    expect(isEvalError(err) && err.code).toBe('backend/model-not-found');
    await absent.dispose();
  });

  it('falls back to wasm in a fresh worker when WebGPU init fails', async () => {
    const debug = workerDebug({ simulateWebGpuFailure: true });
    const b = await createInferenceWorker(workerOptions('qwen2-vl', 'webgpu'), debug.hooks);
    const messages: string[] = [];
    await b.load((p) => void (p.message && messages.push(p.message)));
    expect(b.runtime).toMatchObject({ fellBack: true, device: 'wasm', workersStarted: 2 });
    expect(b.capabilities.device).toBe('wasm');
    expect(messages.some((m) => /fell back to wasm/.test(m))).toBe(true);
    const r = await b.generate(tinyRequest('single', MAX_NEW_TOKENS));
    expect(r.outputTokenIds).toEqual(reference.generations[referenceKey('qwen2-vl', 'single')]?.outputTokenIds);
    const urls = await debug.fetchedUrls();
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

// The ResultStore contract (src/core/ports.ts), run on every implementation: memory, fs (and idb in the browser).
// open(manifest) writes the manifest if new, else checks it and returns stored results; put is durable before it
// resolves; a later put for an id replaces the earlier one; results() gives one per id, the latest.
import { describe, expect, it } from 'vitest';
import type { ResultStore } from '../../src/core/ports';
import { buildManifest } from '../../src/core/results';
import type { ItemResult, RunManifest } from '../../src/core/types';

export interface StoreHarness {
  /** A new handle on the same storage (like reopening the file after a restart). */
  open(): ResultStore;
  /**
   * A handle for the run this manifest names, where the implementation keeps a run of other data or another sample
   * of the same model × benchmark × variant: the same database for idb (keyed by the run's identity); for a store
   * bound to one file or backing (fs, memory) the caller picks the place, one per run identity, as the CLI's --out
   * does.
   */
  openFor(manifest: RunManifest): ResultStore;
  /** Ids as they are in the underlying storage right now, read without the store (the file, the database). */
  readStorage(): Promise<string[]>;
  cleanup?(): Promise<void>;
}

export function contractManifest(overrides: Partial<RunManifest> = {}): RunManifest {
  return {
    ...buildManifest({
      appVersion: '0.0.0-test',
      benchmark: 'vqa-rad',
      benchmarkVersion: '1',
      variant: 'test',
      model: 'qwen2.5-vl-7b',
      backend: 'openai',
      backendModel: 'Qwen/Qwen2.5-VL-7B-Instruct',
      endpoints: ['http://127.0.0.1:8000/v1'],
      promptVersion: 'p1',
      extractorVersion: 'e1',
      dataHash: 'd'.repeat(64),
      itemIdsHash: 'i'.repeat(64),
      generation: { maxNewTokens: 2048, temperature: 0 },
      createdAt: '2025-01-01T00:00:00.000Z',
    }),
    ...overrides,
  };
}

export function contractResult(id: string, overrides: Partial<ItemResult> = {}): ItemResult {
  return {
    type: 'result',
    id,
    benchmark: 'vqa-rad',
    variant: 'test',
    model: 'qwen2.5-vl-7b',
    output: `reasoning for ${id} \\boxed{A}`,
    extracted: 'A',
    letter: 'A',
    status: 'boxed',
    mode: 'paper',
    gold: 'A',
    correct: true,
    promptTokens: 120,
    completionTokens: 30,
    latencyMs: 812,
    truncated: false,
    tag: null,
    tagSource: null,
    meta: { organ: 'CHEST' },
    ...overrides,
  };
}

const byId = (rs: ItemResult[]): ItemResult[] => [...rs].sort((a, b) => (a.id < b.id ? -1 : 1));
async function codeOf(p: Promise<unknown>): Promise<string | null> {
  try {
    await p;
    return null;
  } catch (e) {
    return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string'
      ? (e as { code: string }).code
      : 'no-code';
  }
}

export function describeResultStoreContract(name: string, makeHarness: () => Promise<StoreHarness>): void {
  const withHarness = (fn: (h: StoreHarness) => Promise<void>) => async () => {
    const harness = await makeHarness();
    try {
      await fn(harness);
    } finally {
      await harness.cleanup?.();
    }
  };

  describe(`ResultStore contract: ${name}`, () => {
    it(
      'opens a new run empty, then stores and returns results',
      withHarness(async (h) => {
        const store = h.open();
        expect(await store.open(contractManifest())).toEqual([]);
        expect(await store.results()).toEqual([]);
        await store.put(contractResult('a'));
        await store.put(contractResult('b', { letter: 'B', correct: false }));
        expect(byId(await store.results())).toEqual([
          contractResult('a'),
          contractResult('b', { letter: 'B', correct: false }),
        ]);
        await store.close();
      }),
    );

    it(
      'a later put for the same id replaces the earlier one',
      withHarness(async (h) => {
        const store = h.open();
        await store.open(contractManifest());
        const failed = contractResult('a', {
          output: '',
          status: 'no_answer',
          letter: null,
          extracted: null,
          correct: false,
          error: { code: 'backend/server-error', message: '503' },
        });
        await store.put(failed);
        await store.put(contractResult('a'));
        await store.put(contractResult('b'));
        const results = await store.results();
        expect(results).toHaveLength(2);
        expect(results.find((r) => r.id === 'a')).toEqual(contractResult('a'));
        await store.close();
        const again = h.open();
        const reopened = await again.open(contractManifest());
        expect(byId(reopened)).toEqual([contractResult('a'), contractResult('b')]);
        await again.close();
      }),
    );

    it(
      'reopening with the same run returns what was stored, errors included',
      withHarness(async (h) => {
        const first = h.open();
        await first.open(contractManifest());
        const failed = contractResult('c', {
          output: '',
          correct: false,
          letter: null,
          extracted: null,
          status: 'no_answer',
          error: { code: 'backend/context-too-long', message: 'too long' },
        });
        await first.put(contractResult('a'));
        await first.put(failed);
        await first.close();
        const second = h.open();
        // endpoints, app version and timestamps may change between sessions
        const resumed = await second.open(
          contractManifest({
            endpoints: ['http://other:8000/v1'],
            appVersion: '9.9.9',
            createdAt: '2026-01-01T00:00:00.000Z',
          }),
        );
        expect(byId(resumed)).toEqual([contractResult('a'), failed]);
        expect(byId(await second.results())).toEqual([contractResult('a'), failed]);
        await second.close();
      }),
    );

    it(
      'refuses to resume a different run',
      withHarness(async (h) => {
        const first = h.open();
        await first.open(contractManifest());
        await first.put(contractResult('a'));
        await first.close();
        for (const change of [
          { model: 'lingshu-7b' },
          { dataHash: 'x'.repeat(64) },
          { promptVersion: 'p2' },
          { generation: { maxNewTokens: 512, temperature: 0 } },
          { itemIdsHash: 'z'.repeat(64) },
        ]) {
          const other = h.open();
          expect(await codeOf(other.open(contractManifest(change)))).toBe('store/incompatible');
        }
        const same = h.open();
        expect(await same.open(contractManifest())).toHaveLength(1);
        await same.close();
      }),
    );

    it(
      'runs of other data or another sample of the same model × benchmark × variant coexist, each resumed alone',
      withHarness(async (h) => {
        // the demo slice, the full release (other data files), and a sample of the full release
        const demo = contractManifest();
        const full = contractManifest({ dataHash: 'f'.repeat(64), itemIdsHash: 'j'.repeat(64) });
        const sampled = contractManifest({
          dataHash: 'f'.repeat(64),
          itemIdsHash: 's'.repeat(64),
          sample: { seed: 0, size: '2', strata: ['organ'], n: 2, population: 251, itemIdsHash: 's'.repeat(64) },
        });
        const first = h.open();
        await first.open(demo);
        await first.put(contractResult('a'));
        await first.put(contractResult('b'));
        await first.close();
        const fullStore = h.openFor(full);
        // the full release's run starts empty: none of the demo slice's results (same ids) leak into it
        expect(await fullStore.open(full)).toEqual([]);
        await fullStore.put(contractResult('a', { output: 'full \\boxed{B}', letter: 'B', correct: false }));
        await fullStore.put(contractResult('c'));
        await fullStore.close();
        const sampleStore = h.openFor(sampled);
        expect(await sampleStore.open(sampled)).toEqual([]);
        await sampleStore.put(contractResult('c', { latencyMs: 7 }));
        await sampleStore.close();

        const demoAgain = h.open();
        expect(byId(await demoAgain.open(demo))).toEqual([contractResult('a'), contractResult('b')]);
        await demoAgain.close();
        const fullAgain = h.openFor(full);
        expect(byId(await fullAgain.open(full))).toEqual([
          contractResult('a', { output: 'full \\boxed{B}', letter: 'B', correct: false }),
          contractResult('c'),
        ]);
        await fullAgain.close();
        const sampleAgain = h.openFor(sampled);
        expect(await sampleAgain.open(sampled)).toEqual([contractResult('c', { latencyMs: 7 })]);
        await sampleAgain.close();
        // the same data and sample under other settings is still the same run, and still refused
        expect(
          await codeOf(h.openFor(full).open(contractManifest({ dataHash: 'f'.repeat(64), promptVersion: 'p2' }))),
        ).toBe('store/incompatible');
        expect(await h.readStorage()).toEqual(['a', 'b']);
      }),
    );

    it(
      'a put is in the underlying storage as soon as it resolves',
      withHarness(async (h) => {
        const writer = h.open();
        await writer.open(contractManifest());
        await writer.put(contractResult('durable'));
        // no close(): a crash right now must not lose it
        expect(await h.readStorage()).toEqual(['durable']);
        await writer.put(contractResult('second'));
        expect((await h.readStorage()).sort()).toEqual(['durable', 'second']);
        await writer.close();
      }),
    );

    it(
      'keeps every one of many concurrent puts',
      withHarness(async (h) => {
        const store = h.open();
        await store.open(contractManifest());
        const ids = Array.from({ length: 200 }, (_, i) => `item-${i}`);
        await Promise.all(ids.map((id) => store.put(contractResult(id))));
        await Promise.all(ids.slice(0, 50).map((id) => store.put(contractResult(id, { latencyMs: 1 }))));
        const results = await store.results();
        expect(results).toHaveLength(200);
        expect(new Set(results.map((r) => r.id)).size).toBe(200);
        await store.close();
        const reopened = await h.open().open(contractManifest());
        expect(reopened).toHaveLength(200);
        expect(reopened.filter((r) => r.latencyMs === 1)).toHaveLength(50);
      }),
    );

    it(
      'hands out copies: changing a returned or stored object changes nothing inside',
      withHarness(async (h) => {
        const store = h.open();
        await store.open(contractManifest());
        const mine = contractResult('a');
        await store.put(mine);
        mine.output = 'changed after put';
        const [got] = await store.results();
        expect(got?.output).toBe(contractResult('a').output);
        if (got !== undefined) got.output = 'changed after read';
        expect((await store.results())[0]?.output).toBe(contractResult('a').output);
        await store.close();
      }),
    );

    it(
      'refuses reads and writes before open',
      withHarness(async (h) => {
        const store = h.open();
        expect(await codeOf(store.put(contractResult('a')))).toBe('store/not-open');
        expect(await codeOf(store.results())).toBe('store/not-open');
      }),
    );
  });
}

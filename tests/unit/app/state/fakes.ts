// Test doubles for the app's state classes: an in-memory results database (the IndexedDB catalogue and per-run
// stores, over src/storage/memory.ts), a host whose timers are immediate, and bundled benchmarks read from disk.
import { serializeManifest, serializeResult } from '../../../../src/core/results';
import type { ResultStore } from '../../../../src/core/ports';
import { createFsSource } from '../../../../src/data/fs';
import { EvalError } from '../../../../src/core/errors';
import { runIdentityText } from '../../../../src/core/run';
import type { Host, RunKey, RunSummary, RunsCatalogue } from '../../../../src/app/lib/pure/ports';
import { Bundled } from '../../../../src/app/state/bundled.svelte';
import type { SessionBenchmark } from '../../../../src/app/state/run-session.svelte';
import { createMemoryBacking, createMemoryStore } from '../../../../src/storage/memory';
import type { MemoryBacking } from '../../../../src/storage/memory';

// keyed like IndexedDB: by the run's whole identity (model, benchmark, variant, data, sample)
const keyText = runIdentityText;

export interface MemoryRunsDb {
  catalogue: RunsCatalogue;
  openStore(key: RunKey): ResultStore;
  backings: Map<string, MemoryBacking & { key: RunKey; updatedAt: string }>;
  /** Keys of the stores open now. */
  open: Set<string>;
  results(key: RunKey): string[];
  /** The keys of the stored runs of one model × benchmark (several when their data or samples differ). */
  keysOf(model: string, benchmark: string): RunKey[];
  /** The one stored run of a model × benchmark; throws when there is none or several. */
  onlyKey(model: string, benchmark: string): RunKey;
}

export function createMemoryRunsDb(): MemoryRunsDb {
  const backings: MemoryRunsDb['backings'] = new Map();
  const open = new Set<string>();
  let clock = 0;
  const tick = (): string => new Date(Date.UTC(2026, 0, 1, 0, 0, (clock += 1))).toISOString();
  const stored = (key: RunKey) => {
    const b = backings.get(keyText(key));
    if (b === undefined || b.manifest === null)
      throw new EvalError('store/no-such-run', `No stored run ${keyText(key)}.`);
    return { ...b, manifest: b.manifest };
  };
  const catalogue: RunsCatalogue = {
    async listRuns() {
      return [...backings.values()]
        .flatMap((b): RunSummary[] =>
          b.manifest === null
            ? []
            : [{ key: b.key, manifest: b.manifest, resultCount: b.results.size, updatedAt: b.updatedAt }],
        )
        .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1));
    },
    async loadRun(key) {
      const b = stored(key);
      return { manifest: { ...b.manifest, updatedAt: b.updatedAt }, results: [...b.results.values()] };
    },
    async exportRun(key) {
      const b = stored(key);
      return serializeManifest(b.manifest) + [...b.results.values()].map(serializeResult).join('');
    },
    async deleteRun(key) {
      if (open.has(keyText(key))) throw new EvalError('store/in-use', `Run ${keyText(key)} is open for writing.`);
      backings.delete(keyText(key));
    },
  };
  const openStore = (key: RunKey): ResultStore => {
    const name = keyText(key);
    let b = backings.get(name);
    if (b === undefined) {
      b = { ...createMemoryBacking(), key, updatedAt: tick() };
      backings.set(name, b);
    }
    const backing = b;
    const inner = createMemoryStore(backing, name);
    return {
      async open(manifest) {
        const results = await inner.open(manifest);
        open.add(name);
        return results;
      },
      async put(result) {
        await inner.put(result);
        backing.updatedAt = tick();
      },
      results: () => inner.results(),
      async close() {
        open.delete(name);
        await inner.close();
      },
    };
  };
  const results = (key: RunKey): string[] => [...(backings.get(keyText(key))?.results.keys() ?? [])].sort();
  const keysOf = (model: string, benchmark: string): RunKey[] =>
    [...backings.values()].filter((b) => b.key.model === model && b.key.benchmark === benchmark).map((b) => b.key);
  const onlyKey = (model: string, benchmark: string): RunKey => {
    const keys = keysOf(model, benchmark);
    const [key] = keys;
    if (key === undefined || keys.length > 1)
      throw new Error(`${keys.length} stored runs of ${model} × ${benchmark}, expected one`);
    return key;
  };
  return { catalogue, openStore, backings, open, results, keysOf, onlyKey };
}

/** Timers fire at once (in a later task), so a whole run plays out in a few milliseconds. */
export const instantHost: Host = {
  nextTask: () => new Promise((resolve) => setTimeout(resolve, 0)),
  afterNextPaint: () => new Promise((resolve) => setTimeout(resolve, 0)),
  later(fn) {
    const timer = setTimeout(fn, 0);
    return () => clearTimeout(timer);
  },
};

/** The bundled demo slices (static-datasets/), read from disk through the real loaders. */
export function diskBundled(): Bundled {
  return new Bundled({
    root: createFsSource('static-datasets'),
    sourceOf: (id) => createFsSource(`static-datasets/${id}`),
  });
}

export async function sessionBenchmarks(bundled: Bundled, ids: readonly string[]): Promise<SessionBenchmark[]> {
  return bundled.load(ids);
}

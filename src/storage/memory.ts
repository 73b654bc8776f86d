// In-memory ResultStore: tests, benches and page sessions that keep nothing. Several handles on one backing
// behave like reopening the same file, so the shared contract suite can test resume.
import { EvalError } from '../core/errors';
import type { ResultStore } from '../core/ports';
import { manifestMismatches } from '../core/run/compat';
import type { ItemResult, RunManifest } from '../core/types';

export interface MemoryBacking {
  manifest: RunManifest | null;
  results: Map<string, ItemResult>;
}

export function createMemoryBacking(): MemoryBacking {
  return { manifest: null, results: new Map() };
}

export function createMemoryStore(backing: MemoryBacking = createMemoryBacking(), name = 'memory store'): ResultStore {
  let opened = false;
  const requireOpen = (): void => {
    if (!opened)
      throw new EvalError('store/not-open', `${name}: call open(manifest) before reading or writing results.`);
  };
  return {
    async open(manifest) {
      if (backing.manifest === null) {
        backing.manifest = structuredClone(manifest);
      } else {
        const diffs = manifestMismatches(backing.manifest, manifest);
        if (diffs.length > 0) {
          throw new EvalError(
            'store/incompatible',
            `${name} holds a different run (${diffs.join('; ')}): use another store to keep both.`,
          );
        }
      }
      opened = true;
      return [...backing.results.values()].map((r) => structuredClone(r));
    },
    async put(result) {
      requireOpen();
      // copy in, copy out: what is stored cannot change behind the store's back
      backing.results.set(result.id, structuredClone(result));
    },
    async results() {
      requireOpen();
      return [...backing.results.values()].map((r) => structuredClone(r));
    },
    async close() {
      opened = false;
    },
  };
}

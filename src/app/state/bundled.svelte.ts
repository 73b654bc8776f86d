// The bundled demo benchmarks (static-datasets/index.json), each loaded once through the real loaders and shared
// by the Benchmarks page, the item browser and the Run page, which awaits the ones it runs (load(ids)).
import { loadBenchmark } from '../../core/benchmarks';
import type { DatasetSource } from '../../core/ports';
import type { LoadResult } from '../../core/types';
import { createHttpSource } from '../../data/http';
import { describeError } from '../lib/pure/errors';

export const STATIC_DATASETS_URL = `${import.meta.env.BASE_URL}static-datasets`;

export interface BundledCounts {
  records: number;
  items: number;
  images: number;
}

export interface BundledEntry {
  id: string;
  title: string;
  license: string;
  counts: BundledCounts | null;
}

export interface BundledBenchmark {
  entry: BundledEntry;
  source: DatasetSource;
  status: 'loading' | 'ready' | 'error';
  result: LoadResult | null;
  error: string | null;
}

/** A bundled benchmark that loaded: what a run needs (state/run-session.svelte.ts's SessionBenchmark). */
export interface LoadedBenchmark {
  id: string;
  title: string;
  source: DatasetSource;
  loaded: LoadResult;
}

export interface BundledDeps {
  /** Holds index.json. */
  root: DatasetSource;
  /** One benchmark's folder. */
  sourceOf(id: string): DatasetSource;
}

function parseIndex(text: string): BundledEntry[] {
  const json: unknown = JSON.parse(text);
  const list = (json as { benchmarks?: unknown } | null)?.benchmarks;
  if (!Array.isArray(list)) throw new Error('static-datasets/index.json has no "benchmarks" array; regenerate it.');
  return list.flatMap((b: unknown) => {
    const r = (b ?? {}) as Record<string, unknown>;
    if (typeof r['id'] !== 'string') return [];
    const counts = r['counts'] as BundledCounts | undefined;
    return [
      {
        id: r['id'],
        title: typeof r['title'] === 'string' ? r['title'] : r['id'],
        license: typeof r['license'] === 'string' ? r['license'] : 'unknown',
        counts: counts ?? null,
      },
    ];
  });
}

export class Bundled {
  /** Replaced wholesale on each change: LoadResults are large and need no deep reactivity. */
  benchmarks = $state.raw<BundledBenchmark[]>([]);
  indexError = $state<string | null>(null);
  indexLoaded = $state(false);
  private index: Promise<void> | null = null;
  // Bookkeeping of promises, not state a page reads: the pages read `benchmarks`.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly loads = new Map<string, Promise<BundledBenchmark>>();

  constructor(private readonly deps: BundledDeps) {}

  /** Starts loading once; later calls are no-ops. */
  ensureLoaded(): void {
    void this.loadIndex();
  }

  byId(id: string): BundledBenchmark | undefined {
    return this.benchmarks.find((b) => b.entry.id === id);
  }

  /** These benchmarks, once loaded (loading starts if it has not); throws, in the order given, for one that failed. */
  async load(ids: readonly string[]): Promise<LoadedBenchmark[]> {
    await this.loadIndex();
    if (this.indexError !== null) throw new Error(`The bundled benchmark list cannot be read: ${this.indexError}`);
    const settled = await Promise.all(ids.map((id) => this.loads.get(id)));
    return settled.map((b, i) => {
      if (b === undefined) throw new Error(`No bundled benchmark "${ids[i] ?? ''}".`);
      if (b.status === 'error' || b.result === null)
        throw new Error(`${b.entry.title} failed to load: ${b.error ?? 'unknown error'}`);
      return { id: b.entry.id, title: b.entry.title, source: b.source, loaded: b.result };
    });
  }

  /** Reads the index and starts every benchmark's load; resolves once the index is read (or failed). */
  private loadIndex(): Promise<void> {
    this.index ??= (async () => {
      let entries: BundledEntry[];
      try {
        entries = parseIndex(await this.deps.root.readText('index.json'));
      } catch (e) {
        this.indexError = describeError(e);
        return;
      } finally {
        this.indexLoaded = true;
      }
      this.benchmarks = entries.map((entry) => ({
        entry,
        source: this.deps.sourceOf(entry.id),
        status: 'loading',
        result: null,
        error: null,
      }));
      for (const b of this.benchmarks) this.loads.set(b.entry.id, this.loadOne(b));
    })();
    return this.index;
  }

  private async loadOne(b: BundledBenchmark): Promise<BundledBenchmark> {
    let next: BundledBenchmark;
    try {
      next = { ...b, status: 'ready', result: await loadBenchmark(b.source, b.entry.id) };
    } catch (e) {
      next = { ...b, status: 'error', error: describeError(e) };
    }
    this.benchmarks = this.benchmarks.map((x) => (x.entry.id === b.entry.id ? next : x));
    return next;
  }
}

export const bundled = new Bundled({
  root: createHttpSource(STATIC_DATASETS_URL),
  sourceOf: (id) => createHttpSource(`${STATIC_DATASETS_URL}/${id}`),
});

// The bundled demo benchmarks (static-datasets/index.json), each loaded once through the real loaders
// and shared by the Benchmarks page and the item browser.
import { loadBenchmark } from '../../core/benchmarks';
import type { DatasetSource } from '../../core/ports';
import type { LoadResult } from '../../core/types';
import { createHttpSource } from '../../data/http';
import { describeError } from '../lib/errors';

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

class Bundled {
  /** Replaced wholesale on each change: LoadResults are large and need no deep reactivity. */
  benchmarks = $state.raw<BundledBenchmark[]>([]);
  indexError = $state<string | null>(null);
  indexLoaded = $state(false);
  private started = false;

  /** Starts loading once; later calls are no-ops. */
  ensureLoaded(): void {
    if (this.started) return;
    this.started = true;
    void this.loadAll();
  }

  byId(id: string): BundledBenchmark | undefined {
    return this.benchmarks.find((b) => b.entry.id === id);
  }

  private async loadAll(): Promise<void> {
    let entries: BundledEntry[];
    try {
      entries = parseIndex(await createHttpSource(STATIC_DATASETS_URL).readText('index.json'));
    } catch (e) {
      this.indexError = describeError(e);
      return;
    } finally {
      this.indexLoaded = true;
    }
    this.benchmarks = entries.map((entry) => ({
      entry,
      source: createHttpSource(`${STATIC_DATASETS_URL}/${entry.id}`),
      status: 'loading',
      result: null,
      error: null,
    }));
    await Promise.all(this.benchmarks.map((b) => this.loadOne(b)));
  }

  private async loadOne(b: BundledBenchmark): Promise<void> {
    let next: BundledBenchmark;
    try {
      next = { ...b, status: 'ready', result: await loadBenchmark(b.source, b.entry.id) };
    } catch (e) {
      next = { ...b, status: 'error', error: describeError(e) };
    }
    this.benchmarks = this.benchmarks.map((x) => (x.entry.id === b.entry.id ? next : x));
  }
}

export const bundled = new Bundled();

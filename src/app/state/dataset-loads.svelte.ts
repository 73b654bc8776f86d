// Datasets the user loads beside the bundled demo slices: from a URL, a picked or dropped folder, a picked .zip.
// Each load runs through the injected loader (the data worker in the page, the core directly in tests); the page
// reopens the same source from its spec to read images (cheap: a URL, a File or a handle). URLs are remembered
// (key-value port) and loaded again on start; the same URL + benchmark + variant is never loaded twice.
import { BENCHMARK_CATALOGUE } from '../../core/benchmarks/catalogue';
import type { Detection } from '../../core/benchmarks/detect';
import type { DatasetChoice, DatasetLoadProgress, DetectedLoad } from '../../core/benchmarks/load-detected';
import type { DatasetSource } from '../../core/ports';
import type { BenchmarkId, LoadResult } from '../../core/types';
import { describeSpec, type SourceSpec } from '../../data/source-spec';
import { describeError } from '../lib/pure/errors';
import type { KeyValueStore } from '../lib/pure/key-value';

export const REMEMBERED_URLS_KEY = 'medvlm.datasets.urls';

export interface DatasetsDeps {
  load(spec: SourceSpec, choice: DatasetChoice, onProgress: (p: DatasetLoadProgress) => void): Promise<DetectedLoad>;
  open(spec: SourceSpec): DatasetSource;
  kv: KeyValueStore;
}

export interface LoadedDataset {
  /** Unique within the page's list. */
  key: string;
  spec: SourceSpec;
  /** Where it came from, in the user's words. */
  origin: string;
  choice: DatasetChoice;
  status: 'loading' | 'ready' | 'error';
  progress: DatasetLoadProgress | null;
  benchmark: BenchmarkId | null;
  variant: string | null;
  title: string;
  detections: Detection[];
  result: LoadResult | null;
  error: string | null;
}

interface RememberedUrl {
  url: string;
  benchmark?: string;
  variant?: string;
}

function readRemembered(v: unknown): RememberedUrl[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((x: unknown): RememberedUrl[] => {
    const r = (x ?? {}) as Record<string, unknown>;
    if (typeof r['url'] !== 'string') return [];
    return [
      {
        url: r['url'],
        ...(typeof r['benchmark'] === 'string' ? { benchmark: r['benchmark'] } : {}),
        ...(typeof r['variant'] === 'string' ? { variant: r['variant'] } : {}),
      },
    ];
  });
}

const sameUrl = (a: RememberedUrl, b: RememberedUrl): boolean =>
  a.url === b.url && a.benchmark === b.benchmark && a.variant === b.variant;

export class Datasets {
  /** Replaced wholesale on each change: LoadResults are large and need no deep reactivity. */
  list = $state.raw<LoadedDataset[]>([]);
  private next = 0;
  private restored = false;
  // Sources reopened on the page, by key: bookkeeping, not state a page reads.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly sources = new Map<string, DatasetSource>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly loads = new Map<string, Promise<LoadedDataset>>();

  constructor(private readonly deps: DatasetsDeps) {}

  /** Loads a URL (remembered for the next visit); the same URL with the same choice returns the earlier load. */
  loadUrl(url: string, choice: DatasetChoice = {}): Promise<LoadedDataset> {
    const entry: RememberedUrl = { url, ...choice };
    const known = this.list.find(
      (d) => d.spec.kind === 'url' && sameUrl({ url: d.spec.url, ...d.choice }, entry) && d.status !== 'error',
    );
    if (known !== undefined) return this.loads.get(known.key) ?? Promise.resolve(known);
    const remembered = readRemembered(this.deps.kv.read(REMEMBERED_URLS_KEY));
    if (!remembered.some((r) => sameUrl(r, entry))) this.deps.kv.write(REMEMBERED_URLS_KEY, [...remembered, entry]);
    return this.add({ kind: 'url', url }, choice);
  }

  /** Loads the URLs remembered from earlier visits, once per page. */
  restore(): void {
    if (this.restored) return;
    this.restored = true;
    for (const r of readRemembered(this.deps.kv.read(REMEMBERED_URLS_KEY)))
      void this.loadUrl(r.url, {
        ...(r.benchmark ? { benchmark: r.benchmark } : {}),
        ...(r.variant ? { variant: r.variant } : {}),
      });
  }

  /** Starts a load of any source; resolves with the finished entry (status 'ready' or 'error', never throws). */
  add(spec: SourceSpec, choice: DatasetChoice = {}): Promise<LoadedDataset> {
    const key = `d${(this.next += 1)}`;
    const entry: LoadedDataset = {
      key,
      spec,
      origin: describeSpec(spec),
      choice,
      status: 'loading',
      progress: null,
      benchmark: null,
      variant: null,
      title: choice.benchmark !== undefined ? this.titleOf(choice.benchmark) : 'Dataset',
      detections: [],
      result: null,
      error: null,
    };
    this.list = [...this.list, entry];
    const done = this.run(entry);
    this.loads.set(key, done);
    return done;
  }

  /** Loads again with another benchmark or variant (after the detection message said what the data holds). */
  retry(key: string, choice: DatasetChoice): Promise<LoadedDataset> | null {
    const d = this.byKey(key);
    if (d === undefined) return null;
    this.remove(key);
    return d.spec.kind === 'url' ? this.loadUrl(d.spec.url, choice) : this.add(d.spec, choice);
  }

  /** Drops a dataset, and forgets its URL. */
  remove(key: string): void {
    const d = this.byKey(key);
    if (d === undefined) return;
    this.list = this.list.filter((x) => x.key !== key);
    this.sources.delete(key);
    this.loads.delete(key);
    if (d.spec.kind === 'url') {
      const gone: RememberedUrl = { url: d.spec.url, ...d.choice };
      const kept = readRemembered(this.deps.kv.read(REMEMBERED_URLS_KEY)).filter((r) => !sameUrl(r, gone));
      this.deps.kv.write(REMEMBERED_URLS_KEY, kept);
    }
  }

  byKey(key: string): LoadedDataset | undefined {
    return this.list.find((d) => d.key === key);
  }

  /** The source to read a loaded dataset's images from, reopened on the page from its spec (once). */
  sourceOf(key: string): DatasetSource {
    const d = this.byKey(key);
    if (d === undefined) throw new Error(`No loaded dataset ${key}.`);
    let s = this.sources.get(key);
    if (s === undefined) this.sources.set(key, (s = this.deps.open(d.spec)));
    return s;
  }

  private titleOf(id: string): string {
    return id in BENCHMARK_CATALOGUE ? BENCHMARK_CATALOGUE[id as BenchmarkId].title : id;
  }

  private update(entry: LoadedDataset, change: Partial<LoadedDataset>): LoadedDataset {
    const base = this.byKey(entry.key) ?? entry; // a removed entry updates only its own copy
    const out = { ...base, ...change };
    this.list = this.list.map((d) => (d.key === entry.key ? out : d));
    return out;
  }

  private async run(entry: LoadedDataset): Promise<LoadedDataset> {
    try {
      const got = await this.deps.load(entry.spec, entry.choice, (p) => this.update(entry, { progress: p }));
      return this.update(entry, {
        status: 'ready',
        benchmark: got.benchmark,
        variant: got.variant,
        title: this.titleOf(got.benchmark),
        detections: got.detections,
        result: got.result,
      });
    } catch (e) {
      return this.update(entry, { status: 'error', error: describeError(e) });
    }
  }
}

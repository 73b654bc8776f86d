// The benchmarks the Run page and the item browser offer: the bundled demo slices and every dataset loaded on the
// Benchmarks page, each named by the entry a run plan stores (lib/pure/bench-entry.ts). A run resolves its plan's
// entries here: bundled ids through the bundled loads, loaded entries through the datasets state (awaiting the
// URLs and folders a reload loads again). An entry whose dataset is not loaded is an error that says what to load,
// never the demo slice of the same benchmark in its place.
import { BENCHMARK_CATALOGUE } from '../../core/benchmarks/catalogue';
import type { DatasetSource } from '../../core/ports';
import type { BenchmarkId, Item, LoadResult } from '../../core/types';
import type { SourceSpec } from '../../data/source-spec';
import { describeEntry, describeOrigin, loadedEntry, parseLoadedEntry } from '../lib/pure/bench-entry';
import type { LoadedEntry } from '../lib/pure/bench-entry';
import type { Bundled, LoadedBenchmark } from './bundled.svelte';
import { heldInMemory, type HeldItems } from './dataset-items';
import type { Datasets, LoadedDataset } from './dataset-loads.svelte';
import type { SessionBenchmark } from './run-session.svelte';

export interface BenchChoice {
  /** What a plan stores and a link or the item browser names. */
  entry: string;
  benchmark: string;
  /** "VQA-RAD · demo slice (21)", "VQA-RAD · loaded from https://… (251)". */
  label: string;
  status: 'loading' | 'ready' | 'error';
  /** Kept items, once loaded. */
  count: number | null;
  error: string | null;
  loaded: boolean;
}

export interface BenchChoicesDeps {
  bundled: Pick<Bundled, 'benchmarks' | 'load'>;
  datasets: Pick<Datasets, 'list' | 'settled' | 'restore' | 'sourceOf' | 'items' | 'result'>;
}

const titleOf = (id: string): string => (id in BENCHMARK_CATALOGUE ? BENCHMARK_CATALOGUE[id as BenchmarkId].title : id);
const defaultVariantOf = (id: string): string | undefined =>
  id in BENCHMARK_CATALOGUE ? BENCHMARK_CATALOGUE[id as BenchmarkId].variants[0] : undefined;

/** "VQA-RAD" for a benchmark's default variant, "VQA-RAD closed" for another. */
function titleWithVariant(benchmark: string, variant: string): string {
  return variant === defaultVariantOf(benchmark) ? titleOf(benchmark) : `${titleOf(benchmark)} ${variant}`;
}

/** A source's stable key in a plan entry (lib/pure/bench-entry.ts). */
export function originKeyOf(spec: SourceSpec, folderId: string | null): string {
  switch (spec.kind) {
    case 'url':
      return `url:${spec.url}`;
    case 'directory':
      return folderId === null ? `folder-name:${spec.handle.name}` : `folder:${folderId}`;
    case 'files':
      return `files:${spec.name}`;
    case 'zip':
      return `zip:${spec.file.name}`;
  }
}

/** A loaded dataset's entry, once its load says which benchmark and variant it holds. */
export function entryOf(d: LoadedDataset): string | null {
  if (d.status !== 'ready' || d.benchmark === null || d.variant === null) return null;
  return loadedEntry({ benchmark: d.benchmark, variant: d.variant, origin: originKeyOf(d.spec, d.folderId) });
}

export class BenchChoices {
  // A demo slice's items, paged like a loaded dataset's (one pager per loaded slice).
  private readonly pagers = new WeakMap<readonly Item[], HeldItems>();

  constructor(private readonly deps: BenchChoicesDeps) {}

  /** Bundled slices first (in index order), then the loaded datasets that are ready. */
  get list(): BenchChoice[] {
    const bundled = this.deps.bundled.benchmarks.map((b): BenchChoice => ({
      entry: b.entry.id,
      benchmark: b.entry.id,
      label: `${b.entry.title} · demo slice${b.result ? ` (${b.result.items.length})` : ''}`,
      status: b.status,
      count: b.result?.items.length ?? null,
      error: b.error,
      loaded: false,
    }));
    const loaded = this.deps.datasets.list.flatMap((d): BenchChoice[] => {
      const entry = entryOf(d);
      if (entry === null || d.benchmark === null || d.variant === null) return [];
      const n = d.report?.kept ?? 0;
      return [
        {
          entry,
          benchmark: d.benchmark,
          label: `${titleWithVariant(d.benchmark, d.variant)} · loaded from ${d.origin} (${n})`,
          status: 'ready',
          count: n,
          error: null,
          loaded: true,
        },
      ];
    });
    return [...bundled, ...loaded];
  }

  byEntry(entry: string): BenchChoice | undefined {
    return this.list.find((c) => c.entry === entry);
  }

  /** Where an entry's images are read from (the bundled slice over HTTP, or the loaded dataset's source). */
  sourceOf(entry: string): DatasetSource | null {
    const b = this.deps.bundled.benchmarks.find((x) => x.entry.id === entry);
    if (b !== undefined) return b.source;
    const d = this.deps.datasets.list.find((x) => entryOf(x) === entry);
    return d === undefined ? null : this.deps.datasets.sourceOf(d.key);
  }

  /** An entry's kept items, read a page at a time (the item browser); null while it is not loaded. */
  itemsOf(entry: string): HeldItems | null {
    const b = this.deps.bundled.benchmarks.find((x) => x.entry.id === entry);
    if (b !== undefined) {
      const items = b.result?.items;
      if (items === undefined) return null;
      let pager = this.pagers.get(items);
      if (pager === undefined) this.pagers.set(items, (pager = heldInMemory(items)));
      return pager;
    }
    const d = this.deps.datasets.list.find((x) => entryOf(x) === entry);
    return (d === undefined ? undefined : this.deps.datasets.items(d.key)) ?? null;
  }

  /** An entry's whole LoadResult, every kept item read back in slices (scoring a predictions file); null while not loaded. */
  async resultOf(entry: string): Promise<LoadResult | null> {
    const b = this.deps.bundled.benchmarks.find((x) => x.entry.id === entry);
    if (b !== undefined) return b.result;
    const d = this.deps.datasets.list.find((x) => entryOf(x) === entry);
    return d === undefined ? null : this.deps.datasets.result(d.key);
  }

  /** The plan's entries, loaded, in the plan's order; throws with what to load for one that is not. */
  async load(entries: readonly string[]): Promise<SessionBenchmark[]> {
    // Two datasets of one benchmark (its demo slice and a full release) are two runs with stores of their own; only
    // the very same entry twice is a mistake.
    const twice = entries.find((e, i) => entries.indexOf(e) !== i);
    if (twice !== undefined) throw new Error(`${describeEntry(twice)} is chosen twice: pick it once.`);
    const bundledIds = entries.filter((e) => parseLoadedEntry(e) === null);
    const bundled = bundledIds.length > 0 ? await this.deps.bundled.load(bundledIds) : [];
    const out: SessionBenchmark[] = [];
    for (const e of entries) {
      const parsed = parseLoadedEntry(e);
      if (parsed === null) {
        const b = bundled.find((x: LoadedBenchmark) => x.id === e);
        if (b === undefined) throw new Error(`No bundled benchmark "${e}".`);
        out.push(b);
      } else out.push(await this.loadedOne(parsed));
    }
    return out;
  }

  private async loadedOne(want: LoadedEntry): Promise<SessionBenchmark> {
    const { datasets } = this.deps;
    await datasets.restore();
    const candidates = datasets.list.filter((d) => originKeyOf(d.spec, d.folderId) === want.origin);
    const settled = await Promise.all(candidates.map((d) => datasets.settled(d.key)));
    const hit = settled.find(
      (d) => d?.status === 'ready' && d.benchmark === want.benchmark && d.variant === want.variant,
    );
    const title = titleWithVariant(want.benchmark, want.variant);
    const loaded = hit === undefined ? null : await datasets.result(hit.key);
    if (hit !== undefined && loaded !== null) {
      return { id: want.benchmark, title: `${title} · loaded`, source: datasets.sourceOf(hit.key), loaded };
    }
    const why = settled.find((d) => d?.status === 'error')?.error;
    throw new Error(
      `${title} from ${describeOrigin(want.origin)} is not loaded${why ? ` (${why})` : ''}. Load it on the Benchmarks page, then run again; the demo slice is not run in its place.`,
    );
  }
}

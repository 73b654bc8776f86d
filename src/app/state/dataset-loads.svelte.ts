// Datasets the user loads beside the bundled demo slices: from a URL, a picked or dropped folder, a picked .zip.
// Each load runs through the injected loader (the data worker in the page, which keeps the items; the core directly
// in tests, held in memory): the list holds each load's report, and the items are read a slice at a time (the item
// browser) or all at once when a run starts (result). The page reopens the same source from its spec to read
// images (cheap: a URL, a File or a handle). URLs are remembered
// (key-value port) and loaded again on start; the same URL + benchmark + variant is never loaded twice. A picked
// folder's handle is kept (folder store port: IndexedDB in the page) and loaded again on start when the browser
// still grants read access; otherwise the entry waits for one click ("grant access again": requestPermission).
import { untrack } from 'svelte';
import { BENCHMARK_CATALOGUE } from '../../core/benchmarks/catalogue';
import type { Detection } from '../../core/benchmarks/detect';
import type { DatasetChoice, DatasetLoadProgress, DetectedLoad } from '../../core/benchmarks/load-detected';
import type { DatasetSource } from '../../core/ports';
import type { BenchmarkId, LoadReport, LoadResult } from '../../core/types';
import type { DirectoryHandleLike } from '../../data/browser-files';
import { describeSpec, type SourceSpec } from '../../data/source-spec';
import { describeError } from '../lib/pure/errors';
import type { KeyValueStore } from '../lib/pure/key-value';
import { allItems, holdLoaded, type HeldItems, type HeldLoad } from './dataset-items';
import { readRemembered, sameUrl, type RememberedUrl } from './dataset-urls';

export const REMEMBERED_URLS_KEY = 'medvlm.datasets.urls';

export interface DatasetsDeps {
  /** A load that keeps its items where it ran (HeldLoad), or one that brings them along (held in memory). */
  load(
    spec: SourceSpec,
    choice: DatasetChoice,
    onProgress: (p: DatasetLoadProgress) => void,
  ): Promise<HeldLoad | DetectedLoad>;
  open(spec: SourceSpec): DatasetSource;
  kv: KeyValueStore;
  /** Picked folders kept across reloads (absent: none kept). */
  folders?: FolderStore;
  /** The browser's read permission on a kept handle; `ask` prompts (needs a click). */
  permission?: (handle: DirectoryHandleLike, ask: boolean) => Promise<'granted' | 'denied' | 'prompt'>;
  /** Cache Storage name keeping URL datasets' range reads (worker and page alike), so nothing is fetched twice. */
  urlCache?: string;
  /** Throws (with what to do) for a URL the page may not fetch under the policy it loaded with. */
  ensureConnectable?: (url: string) => void;
}

export interface StoredFolder {
  id: string;
  handle: DirectoryHandleLike;
  choice: DatasetChoice;
}

export interface FolderStore {
  list(): Promise<StoredFolder[]>;
  put(folder: StoredFolder): Promise<void>;
  remove(id: string): Promise<void>;
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
  /** The load report (kept count, exclusions, protocol count); the items are read through `items`/`result`. */
  report: LoadReport | null;
  error: string | null;
  /** A kept folder whose read access must be granted again (one click: regrant). */
  needsAccess: boolean;
  /** Its id in the folder store, for a picked folder that is kept. */
  folderId: string | null;
}

export class Datasets {
  /** Replaced wholesale on each change: LoadResults are large and need no deep reactivity. */
  list = $state.raw<LoadedDataset[]>([]);
  private next = 0;
  private restoring: Promise<void> | null = null;
  // Sources reopened on the page, by key: bookkeeping, not state a page reads.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly sources = new Map<string, DatasetSource>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly loads = new Map<string, Promise<LoadedDataset>>();
  // Each ready load's items, where they are held (its data worker): ended when the dataset is removed.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly held = new Map<string, HeldItems>();

  constructor(private readonly deps: DatasetsDeps) {}

  /** Loads a URL (remembered for the next visit); the same URL with the same choice returns the earlier load. */
  loadUrl(url: string, choice: DatasetChoice = {}): Promise<LoadedDataset> {
    // An action, not a derivation: a page effect that calls it (a #/benchmarks?data= link) must not come to depend
    // on the list, or every change of it (a failed load) would start the link's load again.
    return untrack(() => this.loadUrlNow(url, choice));
  }

  private loadUrlNow(url: string, choice: DatasetChoice): Promise<LoadedDataset> {
    const entry: RememberedUrl = { url, ...choice };
    const known = this.list.find(
      (d) => d.spec.kind === 'url' && sameUrl({ url: d.spec.url, ...d.choice }, entry) && d.status !== 'error',
    );
    if (known !== undefined) return this.loads.get(known.key) ?? Promise.resolve(known);
    const remembered = readRemembered(this.deps.kv.read(REMEMBERED_URLS_KEY));
    if (!remembered.some((r) => sameUrl(r, entry))) this.deps.kv.write(REMEMBERED_URLS_KEY, [...remembered, entry]);
    const cache = this.deps.urlCache;
    return this.add(cache === undefined ? { kind: 'url', url } : { kind: 'url', url, cache }, choice);
  }

  /** Loads the URLs and folders remembered from earlier visits, once per page; resolves when all are started. */
  restore(): Promise<void> {
    this.restoring ??= this.restoreOnce();
    return this.restoring;
  }

  /** The entry once its load ended (ready or error); undefined for a key not in the list. */
  async settled(key: string): Promise<LoadedDataset | undefined> {
    await this.loads.get(key);
    return this.byKey(key);
  }

  private async restoreOnce(): Promise<void> {
    const { folders, permission } = this.deps;
    if (folders !== undefined) {
      for (const f of await folders.list().catch(() => [])) {
        const spec: SourceSpec = { kind: 'directory', handle: f.handle };
        const granted =
          permission === undefined || (await permission(f.handle, false).catch(() => 'prompt')) === 'granted';
        if (granted) void this.add(spec, f.choice, f.id);
        else
          this.list = [
            ...this.list,
            {
              ...this.fresh(spec, f.choice, f.id),
              status: 'error',
              needsAccess: true,
              error: `The browser needs your permission again to read the folder '${f.handle.name}'.`,
            },
          ];
      }
    }
    for (const r of readRemembered(this.deps.kv.read(REMEMBERED_URLS_KEY)))
      void this.loadUrl(r.url, {
        ...(r.benchmark ? { benchmark: r.benchmark } : {}),
        ...(r.variant ? { variant: r.variant } : {}),
      });
  }

  /** Starts a load of any source; resolves with the finished entry (status 'ready' or 'error', never throws). */
  add(spec: SourceSpec, choice: DatasetChoice = {}, keptAs: string | null = null): Promise<LoadedDataset> {
    let folderId = keptAs;
    if (spec.kind === 'directory' && folderId === null && this.deps.folders !== undefined) {
      folderId = crypto.randomUUID();
      void this.deps.folders.put({ id: folderId, handle: spec.handle, choice }).catch(() => undefined);
    }
    const entry = this.fresh(spec, choice, folderId);
    this.list = [...this.list, entry];
    return this.start(entry);
  }

  /** Asks the browser again for read access to a kept folder (call from a click), then loads it. */
  async regrant(key: string): Promise<LoadedDataset | null> {
    const d = this.byKey(key);
    if (d === undefined || d.spec.kind !== 'directory' || this.deps.permission === undefined) return null;
    const state = await this.deps.permission(d.spec.handle, true).catch(() => 'denied' as const);
    if (state !== 'granted')
      return this.update(d, { error: `Read access to '${d.spec.handle.name}' was not granted.` });
    return this.start(this.update(d, { status: 'loading', needsAccess: false, error: null }));
  }

  /** Loads again with another benchmark or variant (after the detection message said what the data holds). */
  retry(key: string, choice: DatasetChoice): Promise<LoadedDataset> | null {
    const d = this.byKey(key);
    if (d === undefined) return null;
    this.remove(key);
    return d.spec.kind === 'url' ? this.loadUrl(d.spec.url, choice) : this.add(d.spec, choice);
  }

  private fresh(spec: SourceSpec, choice: DatasetChoice, folderId: string | null): LoadedDataset {
    return {
      key: `d${(this.next += 1)}`,
      spec,
      origin: describeSpec(spec),
      choice,
      status: 'loading',
      progress: null,
      benchmark: null,
      variant: null,
      title: choice.benchmark !== undefined ? this.titleOf(choice.benchmark) : 'Dataset',
      detections: [],
      report: null,
      error: null,
      needsAccess: false,
      folderId,
    };
  }

  private start(entry: LoadedDataset): Promise<LoadedDataset> {
    const done = this.run(entry);
    this.loads.set(entry.key, done);
    return done;
  }

  /** Drops a dataset, and forgets its URL or kept folder. */
  remove(key: string): void {
    const d = this.byKey(key);
    if (d === undefined) return;
    this.list = this.list.filter((x) => x.key !== key);
    this.sources.delete(key);
    this.loads.delete(key);
    this.release(key);
    if (d.folderId !== null) void this.deps.folders?.remove(d.folderId).catch(() => undefined);
    if (d.spec.kind === 'url') {
      const gone: RememberedUrl = { url: d.spec.url, ...d.choice };
      const kept = readRemembered(this.deps.kv.read(REMEMBERED_URLS_KEY)).filter((r) => !sameUrl(r, gone));
      this.deps.kv.write(REMEMBERED_URLS_KEY, kept);
    }
  }

  /** A ready dataset's items, read a slice at a time (the item browser); undefined when it is not ready. */
  items(key: string): HeldItems | undefined {
    return this.held.get(key);
  }

  /** A ready dataset's whole LoadResult (what a run takes), its items read back in slices; null when not ready. */
  async result(key: string): Promise<LoadResult | null> {
    const report = this.byKey(key)?.report;
    const held = this.held.get(key);
    if (report == null || held === undefined) return null;
    return { items: await allItems(held), report };
  }

  private release(key: string): void {
    this.held.get(key)?.close();
    this.held.delete(key);
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
      // The page reads the dataset's images itself: a URL outside its policy would load and then show no image.
      if (entry.spec.kind === 'url') this.deps.ensureConnectable?.(entry.spec.url);
      const loaded = await this.deps.load(entry.spec, entry.choice, (p) => this.update(entry, { progress: p }));
      const got = 'result' in loaded ? holdLoaded(loaded) : loaded;
      const change: Partial<LoadedDataset> = {
        status: 'ready',
        benchmark: got.benchmark,
        variant: got.variant,
        title: this.titleOf(got.benchmark),
        detections: got.detections,
        report: got.report,
      };
      this.release(entry.key);
      if (this.byKey(entry.key) === undefined) {
        got.items.close(); // removed while it loaded: nothing will read its items
        return { ...entry, ...change };
      }
      this.held.set(entry.key, got.items);
      return this.update(entry, change);
    } catch (e) {
      return this.update(entry, { status: 'error', error: describeError(e) });
    }
  }
}

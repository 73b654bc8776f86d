// The inspector: one run (stored in this browser or imported) as a filterable list of items, each joined to the
// dataset's item when a matching dataset is loaded (a demo slice or one loaded on the Benchmarks page), and the
// same item across every run that answered it (side by side). Filtering runs in time slices (lib/pure/inspect-index).
import type { DatasetSource } from '../../core/ports';
import type { ResultRun } from '../../core/results';
import type { Item, ItemResult } from '../../core/types';
import { buildInspectIndex, byId, filterIndex, NO_FILTER, positionsById, warmSearch } from '../lib/pure/inspect-index';
import type { InspectFilter, InspectIndex } from '../lib/pure/inspect-index';
import { formatRunRef, runRefOf } from '../lib/pure/inspect-ref';
import type { RunOrigin, RunRef } from '../lib/pure/inspect-ref';
import type { BenchChoice } from './bench-choices.svelte';

export interface InspectorDeps {
  stored: { readonly runs: readonly ResultRun[]; readonly loaded: boolean };
  imported: { readonly runs: readonly ResultRun[] };
  choices: { readonly list: readonly BenchChoice[]; sourceOf(entry: string): DatasetSource | null };
  host: { yieldToHost(): Promise<void>; now(): number };
}

export interface RunOption {
  ref: RunRef;
  /** formatRunRef(ref): the link's run= value. */
  key: string;
  label: string;
  run: ResultRun;
}

/** The loaded dataset a run's items are read from. */
export interface InspectDataset {
  label: string;
  source: DatasetSource | null;
  /** How many of the run's results it has the item for. */
  matched: number;
}

export interface SideBySideRow {
  option: RunOption;
  result: ItemResult;
}

/** Longest stretch of filtering between yields to the page (the bench's target is 50 ms per task). */
const SLICE_MS = 12;
/** Ids sampled to pick the loaded dataset that holds a run's items. */
const PROBE_IDS = 200;

export class Inspector {
  filter = $state<InspectFilter>({ ...NO_FILTER });
  index = $state.raw<InspectIndex | null>(null);
  /** Result indices passing the filter, in stored order. */
  visible = $state.raw<Int32Array>(new Int32Array(0));
  filtering = $state(false);
  /** How long the last complete filter took (ms, wall time including yields). */
  filterMs = $state<number | null>(null);
  dataset = $state.raw<InspectDataset | null>(null);
  private shownRun: ResultRun | null = null;
  private shownItems: ReadonlyMap<string, Item> | null = null;
  private rows: ReadonlyMap<string, number> = positionsById([]);
  private generation = 0;
  private itemMaps = new WeakMap<readonly Item[], ReadonlyMap<string, Item>>();
  private resultMaps = new WeakMap<ResultRun, ReadonlyMap<string, ItemResult>>();

  constructor(private readonly deps: InspectorDeps) {}

  /** Every run there is to inspect: stored ones first, then imported ones. */
  get runs(): RunOption[] {
    const opt = (origin: RunOrigin, run: ResultRun): RunOption => {
      const ref = runRefOf(origin, run.manifest);
      const where = origin === 'stored' ? 'stored in this browser' : 'imported';
      return {
        ref,
        key: formatRunRef(ref),
        label: `${run.manifest.model} · ${run.manifest.benchmark} (${run.manifest.variant}) · ${run.results.length} items · ${where}`,
        run,
      };
    };
    return [
      ...this.deps.stored.runs.map((r) => opt('stored', r)),
      ...this.deps.imported.runs.map((r) => opt('imported', r)),
    ];
  }

  get storedLoaded(): boolean {
    return this.deps.stored.loaded;
  }

  find(key: string | null): RunOption | null {
    return key === null ? null : (this.runs.find((o) => o.key === key) ?? null);
  }

  /** The loaded dataset with the most of the run's items (same benchmark and variant), or null. */
  private datasetOf(run: ResultRun): { choice: BenchChoice; items: ReadonlyMap<string, Item>; matched: number } | null {
    const { benchmark, variant } = run.manifest;
    const probe = run.results.slice(0, PROBE_IDS);
    let best: { choice: BenchChoice; items: ReadonlyMap<string, Item>; matched: number } | null = null;
    for (const choice of this.deps.choices.list) {
      const items = choice.result?.items;
      if (choice.benchmark !== benchmark || items === undefined || items[0]?.variant !== variant) continue;
      let map = this.itemMaps.get(items);
      if (map === undefined) {
        map = byId(items);
        this.itemMaps.set(items, map);
      }
      const lookup = map;
      const matched = probe.filter((r) => lookup.has(r.id)).length;
      if (matched > 0 && (best === null || matched > best.matched)) best = { choice, items: map, matched };
    }
    return best;
  }

  /** Shows a run (null: none); rebuilds only when the run or its dataset changed, then filters. */
  show(option: RunOption | null): void {
    const run = option?.run ?? null;
    const found = run === null ? null : this.datasetOf(run);
    const items = found?.items ?? null;
    if (run === this.shownRun && items === this.shownItems) return;
    this.shownRun = run;
    this.shownItems = items;
    if (run === null) {
      this.index = null;
      this.dataset = null;
      this.visible = new Int32Array(0);
      this.rows = positionsById([]);
      return;
    }
    const index = buildInspectIndex(run.results, items);
    this.rows = positionsById(run.results);
    this.index = index;
    this.dataset =
      found === null
        ? null
        : {
            label: found.choice.label,
            source: this.deps.choices.sourceOf(found.choice.entry),
            matched: index.items.filter((i) => i !== undefined).length,
          };
    void this.refilter().then(() => {
      // Search text is lowercased ahead of the first search, in slices, while the page is idle.
      if (this.index === index) void warmSearch(index, this.slicing(), () => this.index !== index);
    });
  }

  /** The row of an item id in the shown run (-1 when absent). */
  rowOf(id: string | null): number {
    return id === null ? -1 : (this.rows.get(id) ?? -1);
  }

  setFilter(patch: Partial<InspectFilter>): Promise<void> {
    this.filter = { ...this.filter, ...patch };
    return this.refilter();
  }

  clearFilter(): Promise<void> {
    this.filter = { ...NO_FILTER };
    return this.refilter();
  }

  private slicing() {
    return { yieldToHost: this.deps.host.yieldToHost, now: this.deps.host.now, sliceMs: SLICE_MS };
  }

  private async refilter(): Promise<void> {
    const index = this.index;
    const generation = ++this.generation;
    if (index === null) return;
    this.filtering = true;
    const t0 = this.deps.host.now();
    const filter = $state.snapshot(this.filter);
    const out = await filterIndex(index, filter, {
      ...this.slicing(),
      superseded: () => generation !== this.generation,
    });
    if (out === null || generation !== this.generation) return;
    this.visible = out;
    this.filterMs = this.deps.host.now() - t0;
    this.filtering = false;
  }

  /** The same item in every run of its benchmark and variant that has it (the shown run among them). */
  sideBySide(result: ItemResult): SideBySideRow[] {
    const rows: SideBySideRow[] = [];
    for (const option of this.runs) {
      const m = option.run.manifest;
      if (m.benchmark !== result.benchmark || m.variant !== result.variant) continue;
      let found = this.resultMaps.get(option.run);
      if (found === undefined) {
        found = byId(option.run.results);
        this.resultMaps.set(option.run, found);
      }
      const other = found.get(result.id);
      if (other !== undefined) rows.push({ option, result: other });
    }
    return rows;
  }
}

// The inspector: one run (stored in this browser or imported) as a filterable list of items, each joined to the
// dataset's item when a matching dataset is loaded (a demo slice or one loaded on the Benchmarks page), and the
// same item across every run that answered it (side by side). Filtering runs in time slices (lib/pure/inspect-index).
import type { DatasetSource } from '../../core/ports';
import type { ResultRun } from '../../core/results';
import type { TagSet } from '../../core/classify';
import type { BenchmarkId, Item, ItemResult } from '../../core/types';
import { describeError } from '../lib/pure/errors';
import {
  buildInspectIndex,
  byId,
  filterIndex,
  NO_FILTER,
  positionsById,
  probeIds,
  tagsOf,
} from '../lib/pure/inspect-index';
import type { InspectFilter, InspectIndex, TagLookup } from '../lib/pure/inspect-index';
import { runChoices } from '../lib/pure/run-choices';
import type { RunChoice } from '../lib/pure/run-choices';
import { resolveRunRef } from '../lib/pure/run-ref';
import type { BenchChoice } from './bench-choices.svelte';
import { allItems, findEach, type HeldItems } from './dataset-items';

export interface InspectorDeps {
  stored: { readonly runs: readonly ResultRun[]; readonly loaded: boolean };
  /** `reading`: the first lines of a large file being imported, shown before the rest arrive (imports.svelte.ts). */
  imported: { readonly runs: readonly ResultRun[]; readonly reading?: readonly ResultRun[] };
  choices: {
    readonly list: readonly BenchChoice[];
    itemsOf(entry: string): HeldItems | null;
    sourceOf(entry: string): DatasetSource | null;
  };
  host: { yieldToHost(): Promise<void>; now(): number };
  /** The active classifier's tags (the Classifier page): items without a tag of their own are filtered by these. */
  tags?: { readonly tagSet: TagSet | undefined };
}

/** A run to inspect: its key is the link's run= value (lib/pure/run-ref.ts). */
export type RunOption = RunChoice;

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

interface Candidate {
  choice: BenchChoice;
  held: HeldItems;
}

/** Longest stretch of filtering between yields to the page (the bench's target is 50 ms per task). */
const SLICE_MS = 12;
/** Ids looked up (spread over the run) to pick the loaded dataset that holds a run's items. */
const PROBE_IDS = 8;
/** Up to this many results, their items are looked up one by one; above, the dataset is read whole, in slices. */
const FIND_EACH_UP_TO = 256;
/** A long run's first rows whose items are read before the rest (the list's first screen, and more). */
const FIRST_SCREEN = 64;

const sameCandidates = (a: readonly Candidate[], b: readonly Candidate[]): boolean =>
  a.length === b.length && a.every((c, i) => c.held === b[i]?.held && c.choice.entry === b[i]?.choice.entry);

export class Inspector {
  filter = $state<InspectFilter>({ ...NO_FILTER });
  index = $state.raw<InspectIndex | null>(null);
  /** Result indices passing the filter, in stored order. */
  visible = $state.raw<Int32Array>(new Int32Array(0));
  filtering = $state(false);
  /** How long the last complete filter took (ms, wall time including yields). */
  filterMs = $state<number | null>(null);
  dataset = $state.raw<InspectDataset | null>(null);
  /** True while the loaded datasets are searched for the shown run's items and those are read. */
  joining = $state(false);
  /** Why the run's items could not be read (e.g. the dataset was removed meanwhile); the outputs still show. */
  joinError = $state<string | null>(null);
  private shownRun: ResultRun | null = null;
  private shownCandidates: readonly Candidate[] = [];
  private shown: Promise<void> = Promise.resolve();
  private showGeneration = 0;
  /** The shown run's row per id, built on the first lookup by id (a link's item=), not for every first paint. */
  private rows: ReadonlyMap<string, number> | null = null;
  private generation = 0;
  private wholeReads = new WeakMap<HeldItems, Promise<ReadonlyMap<string, Item>>>();
  private resultMaps = new WeakMap<ResultRun, ReadonlyMap<string, ItemResult>>();

  constructor(private readonly deps: InspectorDeps) {}

  /**
   * Every run there is to inspect: stored ones first, then imported ones, then those of a file still being read (under
   * the key the whole run will have, so a page showing one goes on showing it once the file is read).
   */
  get runs(): RunOption[] {
    const { runs, reading = [] } = this.deps.imported;
    return runChoices(this.deps.stored.runs, reading.length === 0 ? runs : [...runs, ...reading]);
  }

  /** Whether the option is a run of a file still being read (its first lines only). */
  isPartial(option: RunOption | null): boolean {
    return option !== null && (this.deps.imported.reading ?? []).includes(option.run);
  }

  get storedLoaded(): boolean {
    return this.deps.stored.loaded;
  }

  /** The run a link's run= names (old links without data and sample included), or null. */
  find(key: string | null): RunOption | null {
    return resolveRunRef(this.runs, key);
  }

  /** Ready datasets of the run's benchmark whose items can be read (read now, so an effect showing a run tracks them). */
  private candidatesOf(run: ResultRun): Candidate[] {
    return this.deps.choices.list.flatMap((choice) => {
      if (choice.status !== 'ready' || choice.benchmark !== run.manifest.benchmark) return [];
      const held = this.deps.choices.itemsOf(choice.entry);
      return held === null ? [] : [{ choice, held }];
    });
  }

  /**
   * Shows a run (null: none): its outputs and scores at once, then the loaded dataset's items for it once found and
   * read (`focus`, the linked item, among the first). Resolves when both are shown. Rebuilds only when the run or the
   * datasets on offer changed.
   */
  show(option: RunOption | null, focus: string | null = null): Promise<void> {
    const run = option?.run ?? null;
    const candidates = run === null ? [] : this.candidatesOf(run);
    if (run === this.shownRun && sameCandidates(candidates, this.shownCandidates)) return this.shown;
    this.shownRun = run;
    this.shownCandidates = candidates;
    const generation = ++this.showGeneration;
    this.dataset = null;
    this.joinError = null;
    this.joining = false;
    this.rows = null;
    if (run === null) {
      this.index = null;
      this.visible = new Int32Array(0);
      this.shown = Promise.resolve();
      return this.shown;
    }
    const first = this.setIndex(run, null);
    this.shown = candidates.length === 0 ? first : this.join(run, candidates, generation, focus);
    return this.shown;
  }

  /** Finds which candidate holds the run's ids (a few probes each), reads the items the run needs, shows them. */
  private async join(
    run: ResultRun,
    candidates: readonly Candidate[],
    generation: number,
    focus: string | null,
  ): Promise<void> {
    const current = (): boolean => generation === this.showGeneration;
    this.joining = true;
    try {
      const probe = probeIds(run.results, PROBE_IDS);
      const { variant } = run.manifest;
      let best: (Candidate & { matched: number }) | null = null;
      for (const c of candidates) {
        const hits = await Promise.all(probe.map((id) => c.held.find(id)));
        if (!current()) return;
        const matched = hits.filter((h) => h !== null && h.item.variant === variant).length;
        if (matched > 0 && (best === null || matched > best.matched)) best = { ...c, matched };
      }
      if (!current()) return;
      if (best === null) return;
      const source = this.deps.choices.sourceOf(best.choice.entry);
      if (run.results.length > FIND_EACH_UP_TO) {
        // A long run: the first screen's items (and the linked one) first, the rest with the whole dataset's read.
        const wanted = [...run.results.slice(0, FIRST_SCREEN).map((r) => r.id), ...(focus === null ? [] : [focus])];
        const first = await findEach(best.held, wanted);
        if (!current()) return;
        void this.setIndex(run, first);
        this.dataset = { label: best.choice.label, source, matched: first.size };
      }
      const items = await this.itemsFor(run, best.held);
      if (!current()) return;
      const shown = this.setIndex(run, items);
      this.dataset = {
        label: best.choice.label,
        source,
        matched: this.index?.items.filter((i) => i !== undefined).length ?? 0,
      };
      await shown;
    } catch (e) {
      if (!current()) return;
      this.joinError = describeError(e);
    } finally {
      if (current()) this.joining = false;
    }
  }

  /** The run's items by id: looked up one by one for a small run, else the whole dataset read once, in slices. */
  private async itemsFor(run: ResultRun, held: HeldItems): Promise<ReadonlyMap<string, Item>> {
    if (run.results.length <= FIND_EACH_UP_TO)
      return findEach(
        held,
        run.results.map((r) => r.id),
      );
    let whole = this.wholeReads.get(held);
    if (whole === undefined) {
      whole = allItems(held).then(byId);
      this.wholeReads.set(held, whole);
      void whole.catch(() => this.wholeReads.delete(held));
    }
    return whole;
  }

  /** Indexes the run (with its dataset's items, when read) and filters it. */
  private setIndex(run: ResultRun, items: ReadonlyMap<string, Item> | null): Promise<void> {
    this.index = buildInspectIndex(run.results, items, this.tagLookup());
    return this.refilter();
  }

  /** The active classifier's tag of a result's item, when there is a classifier. */
  private tagLookup(): TagLookup | undefined {
    const tagSet = this.deps.tags?.tagSet;
    return tagSet === undefined ? undefined : (r) => tagSet.tagOf(r.benchmark as BenchmarkId, r.id);
  }

  /**
   * The active classifier's tags changed (applied, imported, another classifier): the shown run is tagged again and
   * filtered again; its outputs and items are not read again.
   */
  retag(): Promise<void> {
    const index = this.index;
    if (index === null) return Promise.resolve();
    const tags = tagsOf(index.results, this.tagLookup());
    if (tags.every((t, i) => t === index.tags[i])) return Promise.resolve();
    this.index = { ...index, tags };
    return this.refilter();
  }

  /** The row of an item id in the shown run (-1 when absent). */
  rowOf(id: string | null): number {
    return id === null ? -1 : ((this.rows ??= positionsById(this.shownRun?.results ?? [])).get(id) ?? -1);
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

  /** The same item in every run of its benchmark and variant that has it (the shown run's at `row`, if given). */
  sideBySide(result: ItemResult, row = -1): SideBySideRow[] {
    const rows: SideBySideRow[] = [];
    for (const option of this.runs) {
      const { run } = option;
      if (run.manifest.benchmark !== result.benchmark || run.manifest.variant !== result.variant) continue;
      let found = run === this.shownRun ? null : this.resultMaps.get(run);
      if (found === undefined) this.resultMaps.set(run, (found = byId(run.results)));
      const other =
        found !== null ? found.get(result.id) : run.results[run.results[row] === result ? row : this.rowOf(result.id)];
      if (other !== undefined) rows.push({ option, result: other });
    }
    return rows;
  }
}

// A loaded dataset's kept items, held where they were loaded and read a slice at a time. In the page the data
// worker that loaded them keeps them (src/app/workers.ts): cloning ≈89k OmniMedVQA items to the page took longer
// than the rest of the load, and the page shows a count, a report and one page of the item browser. A run reads
// them all (allItems) when it starts. In tests the core's load is held in memory the same way.
import type { DetectedLoad } from '../../core/benchmarks/load-detected';
import type { Detection } from '../../core/benchmarks/detect';
import type { BenchmarkId, Item, LoadReport, LoadResult } from '../../core/types';

export interface HeldItems {
  readonly count: number;
  /** Items [start, end), clamped to the kept ones. */
  slice(start: number, end: number): Promise<Item[]>;
  /** The item with this id and its position; null when none is kept under it. */
  find(id: string): Promise<{ index: number; item: Item } | null>;
  /** Frees what holds them (ends the data worker); later reads reject. */
  close(): void;
}

/** A load whose items stay where they were loaded. */
export interface HeldLoad {
  benchmark: BenchmarkId;
  variant: string;
  detections: Detection[];
  report: LoadReport;
  items: HeldItems;
  /** Resolves once what the load fetched is kept (Cache Storage), written after it answered; absent: nothing to keep. */
  settled?: () => Promise<void>;
}

const closedError = (): Error => new Error('This dataset was removed; load it again to read its items.');

export function heldInMemory(items: readonly Item[]): HeldItems {
  let closed = false;
  let index: Map<string, number> | null = null;
  return {
    count: items.length,
    slice: async (start, end) => {
      if (closed) throw closedError();
      return items.slice(start, end);
    },
    find: async (id) => {
      if (closed) throw closedError();
      index ??= new Map(items.map((it, i) => [it.id, i]));
      const at = index.get(id);
      const item = at === undefined ? undefined : items[at];
      return at === undefined || item === undefined ? null : { index: at, item };
    },
    close: () => {
      closed = true;
    },
  };
}

/** Items read through `reader` (a data worker), refused once closed: an ended worker would never answer. */
export function heldBy(count: number, reader: Pick<HeldItems, 'slice' | 'find'>, end: () => void): HeldItems {
  let closed = false;
  const open = <T>(read: () => Promise<T>): Promise<T> => (closed ? Promise.reject(closedError()) : read());
  return {
    count,
    slice: (start, stop) => open(() => reader.slice(start, stop)),
    find: (id) => open(() => reader.find(id)),
    close: () => {
      if (closed) return;
      closed = true;
      end();
    },
  };
}

/** A load that brought its items along (the core called directly), held in memory. */
export function holdLoaded(got: DetectedLoad): HeldLoad {
  return {
    benchmark: got.benchmark,
    variant: got.variant,
    detections: got.detections,
    report: got.result.report,
    items: heldInMemory(got.result.items),
  };
}

/** Every held item, read in slices: from a worker each slice is its own message, so no long task on the page. */
export async function allItems(held: HeldItems, batch = 2000): Promise<Item[]> {
  const out: Item[] = [];
  for (let i = 0; i < held.count; i += batch) for (const item of await held.slice(i, i + batch)) out.push(item);
  if (out.length !== held.count) throw new Error(`Read ${out.length} of ${held.count} kept items.`);
  return out;
}

/** The whole LoadResult (what a run takes), its items read back from where they are held. */
export async function resultOf(held: HeldLoad): Promise<LoadResult> {
  return { items: await allItems(held.items), report: held.report };
}

/** The load as the core gives it, every item read back; then what held them is freed. */
export async function readAllAndClose(held: HeldLoad): Promise<DetectedLoad> {
  try {
    const { benchmark, variant, detections } = held;
    const result = await resultOf(held);
    await held.settled?.();
    return { benchmark, variant, detections, result };
  } finally {
    held.items.close();
  }
}

/** The items under these ids (those kept), one `find` each. */
export async function findEach(held: HeldItems, ids: readonly string[]): Promise<ReadonlyMap<string, Item>> {
  const hits = await Promise.all(ids.map((id) => held.find(id)));
  const found = new Map<string, Item>();
  for (const h of hits) if (h !== null) found.set(h.item.id, h.item);
  return found;
}

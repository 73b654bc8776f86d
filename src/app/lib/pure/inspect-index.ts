// The inspector's view of one run: its results in stored order, joined to the dataset's items when loaded, with
// the filters (outcome, extraction status, tag, one metadata field = value, text over question and output) run in
// time slices so that 89k items never hold the page for one long task. The text search is a case-insensitive
// regular expression over each field as it is: no lowercased copy of every output is kept (at 89k outputs that copy
// doubled the page's heap, and the garbage collector's pauses with it), and V8 runs /literal/i over 100 MB in about
// 65 ms.
import type { ExtractStatus, Item, ItemResult, MetaValue, Tag } from '../../../core/types';

export type Outcome = 'all' | 'correct' | 'wrong' | 'failed';

export interface InspectFilter {
  outcome: Outcome;
  status: ExtractStatus | 'all';
  /** 'none': items without a tag. */
  tag: Tag | 'none' | 'all';
  /** A metadata field and the value it must have (as text); empty field: no metadata filter. */
  metaField: string;
  metaValue: string;
  /** Case-insensitive substring of the question (when the dataset is loaded), the output or the id. */
  text: string;
}

export const NO_FILTER: InspectFilter = Object.freeze({
  outcome: 'all',
  status: 'all',
  tag: 'all',
  metaField: '',
  metaValue: '',
  text: '',
});

/** Distinct values per field beyond which a field's picker stops listing them (free ids, numbers). */
const MAX_META_VALUES = 200;

export interface InspectIndex {
  results: readonly ItemResult[];
  /** The dataset's item per result (same index), or undefined where the dataset is not loaded or lacks the id. */
  items: readonly (Item | undefined)[];
  /** Each field's distinct values (sorted), or null when it has more than MAX_META_VALUES. */
  metaValues: ReadonlyMap<string, readonly string[] | null>;
  /** Each result's tag: the one it carries (MedXpertQA's gold), else the active classifier's, else undefined. */
  tags: readonly (Tag | undefined)[];
}

/** The active classifier's tag of a result's item (app/state/classifier: its tags files), when it has one. */
export type TagLookup = (r: ItemResult) => Tag | undefined;

export const metaText = (v: MetaValue | undefined): string => (v === undefined || v === null ? '' : String(v));

/** Builds the index; `itemsById` is the loaded dataset's items (null when none is loaded). */
export function buildInspectIndex(
  results: readonly ItemResult[],
  itemsById: ReadonlyMap<string, Item> | null,
  tagOf: TagLookup = () => undefined,
): InspectIndex {
  // Plain loops, no per-item arrays ([key, value] pairs, a mapped copy): at 89k results each one is a pause for
  // the garbage collector during the first paint.
  const items = new Array<Item | undefined>(results.length);
  const values = new Map<string, Set<string> | null>();
  for (let i = 0; i < results.length; i++) {
    const r = results[i];
    if (r === undefined) continue;
    const item = itemsById?.get(r.id);
    items[i] = item;
    const meta = r.meta ?? item?.meta;
    if (meta === undefined) continue;
    for (const k in meta) {
      let set = values.get(k);
      if (set === null) continue;
      if (set === undefined) values.set(k, (set = new Set<string>()));
      set.add(metaText(meta[k]));
      if (set.size > MAX_META_VALUES) values.set(k, null);
    }
  }
  const metaValues = new Map<string, readonly string[] | null>();
  for (const k of [...values.keys()].sort()) {
    const set = values.get(k);
    metaValues.set(k, set === null || set === undefined ? null : [...set].sort());
  }
  return {
    results,
    items,
    metaValues,
    tags: tagsOf(results, tagOf),
  };
}

/** Each result's own tag, else the lookup's (the active classifier's). */
export function tagsOf(results: readonly ItemResult[], tagOf: TagLookup = () => undefined): (Tag | undefined)[] {
  const tags = new Array<Tag | undefined>(results.length);
  for (let i = 0; i < results.length; i++) {
    const r = results[i];
    if (r !== undefined) tags[i] = r.tag ?? tagOf(r);
  }
  return tags;
}

/** `n` ids spread evenly over the results (all of them when there are fewer). */
export function probeIds(results: readonly ItemResult[], n: number): string[] {
  if (results.length <= n) return results.map((r) => r.id);
  const step = results.length / n;
  return Array.from({ length: n }, (_, i) => results[Math.floor(i * step)]?.id ?? '');
}

function outcomeOf(r: ItemResult): Exclude<Outcome, 'all'> {
  if (r.error !== undefined) return 'failed';
  return r.correct ? 'correct' : 'wrong';
}

/** A case-insensitive test for the filter's text (trimmed); null when there is none. */
export type TextMatcher = ((text: string) => boolean) | null;

export function textMatcher(text: string): TextMatcher {
  const needle = text.trim();
  if (needle === '') return null;
  // Without cased letters (digits, punctuation) a plain substring test is the same test, and quicker.
  if (needle.toLowerCase() === needle.toUpperCase()) return (s) => s.includes(needle);
  const re = new RegExp(needle.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'i');
  return (s) => re.test(s);
}

function textMatches(index: InspectIndex, i: number, r: ItemResult, match: (text: string) => boolean): boolean {
  const question = index.items[i]?.question;
  return match(r.id) || (question !== undefined && match(question)) || match(r.output);
}

/** Whether result `i` passes the filter; `match` tests the filter's text. */
function passes(index: InspectIndex, i: number, f: InspectFilter, match: TextMatcher): boolean {
  const r = index.results[i];
  if (r === undefined) return false;
  if (f.outcome !== 'all' && outcomeOf(r) !== f.outcome) return false;
  if (f.status !== 'all' && (r.error !== undefined || r.status !== f.status)) return false;
  if (f.tag !== 'all' && (index.tags[i] ?? 'none') !== f.tag) return false;
  if (f.metaField !== '') {
    const meta = r.meta ?? index.items[i]?.meta;
    if (metaText(meta?.[f.metaField]) !== f.metaValue) return false;
  }
  return match === null || textMatches(index, i, r, match);
}

export interface Slicing {
  /** Ends the current task (the page passes scheduler.yield or a macrotask). */
  yieldToHost: () => Promise<void>;
  now: () => number;
  /** Longest stretch of work between yields. */
  sliceMs: number;
  /** True once a newer filter has started: this one stops at its next yield. */
  superseded: () => boolean;
}

/** Indices of the results that pass, in stored order; null when superseded before it finished. */
export async function filterIndex(index: InspectIndex, f: InspectFilter, s: Slicing): Promise<Int32Array | null> {
  const n = index.results.length;
  const out = new Int32Array(n);
  const match = textMatcher(f.text);
  let count = 0;
  let sliceStart = s.now();
  for (let i = 0; i < n; i++) {
    if (passes(index, i, f, match)) out[count++] = i;
    // Checking the clock every 256 items keeps its cost out of the loop.
    if ((i & 255) === 255 && s.now() - sliceStart > s.sliceMs) {
      await s.yieldToHost();
      if (s.superseded()) return null;
      sliceStart = s.now();
    }
  }
  return out.slice(0, count);
}

/** The visible position after a key press (arrows, Page keys, Home/End); null for other keys. */
export function movedPosition(key: string, at: number, count: number, page: number): number | null {
  if (count === 0) return null;
  const clamp = (x: number): number => Math.max(0, Math.min(count - 1, x));
  switch (key) {
    case 'ArrowDown':
    case 'j':
      return clamp(at + 1);
    case 'ArrowUp':
    case 'k':
      return clamp(at - 1);
    case 'PageDown':
      return clamp(at + page);
    case 'PageUp':
      return clamp(at - page);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** A lookup by id (the last of a repeated id wins, as in a results file). */
export function byId<T extends { id: string }>(list: readonly T[]): ReadonlyMap<string, T> {
  const map = new Map<string, T>();
  for (const x of list) map.set(x.id, x);
  return map;
}

/** Each id's position in the list. */
export function positionsById(list: readonly { id: string }[]): ReadonlyMap<string, number> {
  const map = new Map<string, number>();
  for (let i = 0; i < list.length; i++) map.set(list[i]?.id ?? '', i);
  return map;
}

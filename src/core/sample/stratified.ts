// A seeded, stratified sample of a benchmark's items: strata by metadata fields, proportional allocation with
// largest-remainder rounding, at least one item per stratum when the size allows, then the items of each stratum
// taken in a seeded random order. The draw depends on the seed and the item ids only, never on input order.
import { SAMPLE_GOLD } from '../benchmarks/catalogue';
import { EvalError } from '../errors';
import type { Item } from '../types';
import { compareSeeded } from './random';
import { sampleCount } from './size';
import type { SampleSize } from './size';

export interface SampleOptions {
  size: SampleSize;
  seed: number;
  /** Item.meta keys (or SAMPLE_GOLD) whose value combination makes a stratum; none: one stratum, a simple sample. */
  strata: readonly string[];
}

export interface StratumCount {
  /** The stratum's values joined with " / " ("(none)" for a missing value). */
  label: string;
  population: number;
  sampled: number;
}

export interface DrawnSample {
  /** The sampled items in the order given: a load's order, which is the release's (the paper's) item order. */
  items: Item[];
  size: SampleSize;
  seed: number;
  strata: string[];
  /** Items drawn from. */
  population: number;
  /** The size covers every item: this is the full set, not a sample. */
  complete: boolean;
  /** Per stratum, largest first. */
  counts: StratumCount[];
}

interface Stratum {
  key: string;
  label: string;
  items: Item[];
}

const NONE = '(none)';

export function drawSample(items: readonly Item[], options: SampleOptions): DrawnSample {
  const strata = [...options.strata];
  checkFields(items, strata);
  const n = sampleCount(options.size, items.length);
  const groups = groupStrata(items, strata);
  const allocation = allocate(
    groups.map((g) => g.items.length),
    n,
    groups.map((g) => g.key),
    options.seed,
  );
  const byId = compareSeeded(options.seed);
  const chosen = new Set<Item>();
  groups.forEach((g, s) => {
    const order = [...g.items].sort((a, b) => byId(a.id, b.id));
    for (const item of order.slice(0, allocation[s] ?? 0)) chosen.add(item);
  });
  const counts = groups
    .map((g, s) => ({ label: g.label, population: g.items.length, sampled: allocation[s] ?? 0 }))
    .sort((a, b) => b.population - a.population || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return {
    items: items.filter((i) => chosen.has(i)),
    size: options.size,
    seed: options.seed,
    strata,
    population: items.length,
    complete: n === items.length,
    counts,
  };
}

/** The value of one strata field for an item: its gold letter for SAMPLE_GOLD, else its metadata value. */
function stratumValue(item: Item, field: string): string {
  const value = field === SAMPLE_GOLD ? item.answer : item.meta[field];
  return value === undefined || value === null || value === '' ? NONE : String(value);
}

/** A field no item carries is a typo, not a stratum: every item would fall into "(none)". */
function checkFields(items: readonly Item[], strata: readonly string[]): void {
  if (items.length === 0) return;
  for (const field of strata) {
    if (field === SAMPLE_GOLD) continue;
    if (items.some((i) => Object.hasOwn(i.meta, field))) continue;
    const known = [...new Set(items.flatMap((i) => Object.keys(i.meta)))].sort();
    throw new EvalError(
      'config/sample',
      `No item has the strata field '${field}': choose among ${[...known, SAMPLE_GOLD].join(', ')} (${SAMPLE_GOLD} = the gold letter).`,
    );
  }
}

function groupStrata(items: readonly Item[], strata: readonly string[]): Stratum[] {
  const byKey = new Map<string, Stratum>();
  for (const item of items) {
    const values = strata.map((f) => stratumValue(item, f));
    const key = JSON.stringify(values);
    let s = byKey.get(key);
    if (s === undefined) {
      s = { key, label: values.length === 0 ? 'all' : values.join(' / '), items: [] };
      byKey.set(key, s);
    }
    s.items.push(item);
  }
  // Keyed order, so that allocation never sees the input order.
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * Splits n over strata of the given sizes in proportion (Hamilton: floors, then the largest remainders), then, when
 * n is at least the number of strata, moves one item to every empty stratum from the stratum most over its quota.
 * Integer arithmetic throughout (quota × total), so no rounding error decides a tie; ties go by a seeded order.
 */
export function allocate(sizes: readonly number[], n: number, keys: readonly string[], seed: number): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total === 0 || n <= 0) return sizes.map(() => 0);
  const scaled = sizes.map((size) => n * size); // quota × total
  const alloc = scaled.map((q) => Math.floor(q / total));
  const seeded = compareSeeded(seed);
  const tie = (a: number, b: number): number => seeded(keys[a] ?? '', keys[b] ?? '');
  const at = (xs: readonly number[], i: number): number => xs[i] ?? 0;
  const order = sizes.map((_, i) => i);
  let left = n - alloc.reduce((a, b) => a + b, 0);
  for (const i of [...order].sort((a, b) => (at(scaled, b) % total) - (at(scaled, a) % total) || tie(a, b))) {
    if (left <= 0) break;
    alloc[i] = at(alloc, i) + 1;
    left -= 1;
  }
  if (n >= sizes.length) {
    const empty = order.filter((i) => at(alloc, i) === 0).sort((a, b) => at(scaled, b) - at(scaled, a) || tie(a, b));
    for (const i of empty) {
      // the donor is the stratum furthest above its quota that can spare one
      const surplus = (j: number): number => at(alloc, j) * total - at(scaled, j);
      const donor = order
        .filter((j) => at(alloc, j) >= 2)
        .sort((a, b) => surplus(b) - surplus(a) || at(alloc, b) - at(alloc, a) || tie(a, b))[0];
      if (donor === undefined) break;
      alloc[donor] = at(alloc, donor) - 1;
      alloc[i] = 1;
    }
  }
  return alloc;
}

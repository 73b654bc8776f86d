// How every page names one run (a select's value, a link's run=, #/inspect?run=…&item=…): where it is kept
// (stored in this browser or imported) and its identity, model × benchmark × variant × data × sample
// (core/run/compat.ts), as one short, stable string:
//   <stored|imported>:<model>|<benchmark>|<variant>|<data>|<sample>[#n]
// <data> is the data hash's first 8 hex digits (or what stands in for a hash, e.g. "unknown"); <sample> is "all"
// for every item, else 8 hex digits hashed from the sample's key. "#n" (n ≥ 2) tells apart runs whose key is the
// same (two imported files kept apart by a conflict). Links written before the data and sample were part of the
// key (`<origin>:<model>|<benchmark>|<variant>[#n]` and `<origin>|<model>|<benchmark>|<variant>`) still parse, and
// open the n-th run of that model × benchmark × variant.
import type { RunIdentity } from '../../../core/run/compat';

export type RunOrigin = 'stored' | 'imported';

export interface RunRef {
  origin: RunOrigin;
  model: string;
  benchmark: string;
  variant: string;
  /** Short data token; null in an old link that did not carry it. */
  data: string | null;
  /** Short sample token; null in an old link that did not carry it. */
  sample: string | null;
  /** 1 for the first run under this key, n for the n-th. */
  copy: number;
}

const ALL_ITEMS = 'all items';
const DATA_TOKEN = /^[a-z0-9-]{1,16}$/;
const SAMPLE_TOKEN = /^(all|[0-9a-f]{8})$/;

/** FNV-1a, 32 bits, as 8 hex digits: short and stable, not a security hash (a key, not a proof). */
function hash8(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function dataToken(dataHash: string): string {
  if (/^[0-9a-f]{64}$/.test(dataHash)) return dataHash.slice(0, 8);
  const t = dataHash
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 16);
  return t === '' ? 'none' : t;
}

/** `sample` is core/sample's sampleKey: "all items" or a text naming n, seed, strata and the ids' hash. */
export const sampleToken = (sample: string): string => (sample === ALL_ITEMS ? 'all' : hash8(sample));

export function runRefOf(origin: RunOrigin, id: RunIdentity, copy = 1): RunRef {
  return {
    origin,
    model: id.model,
    benchmark: id.benchmark,
    variant: id.variant,
    data: dataToken(id.data),
    sample: sampleToken(id.sample),
    copy,
  };
}

export function formatRunRef(ref: RunRef): string {
  const parts = [ref.model, ref.benchmark, ref.variant];
  if (ref.data !== null && ref.sample !== null) parts.push(ref.data, ref.sample);
  return `${ref.origin}:${parts.join('|')}${ref.copy > 1 ? `#${ref.copy}` : ''}`;
}

/** Null for a string that is not a run ref (the page then says which runs there are). */
export function parseRunRef(text: string | null): RunRef | null {
  if (text === null) return null;
  const head = /^(stored|imported)([:|])/.exec(text);
  if (head === null) return null;
  const origin = head[1] as RunOrigin;
  let rest = text.slice(head[0].length);
  let copy = 1;
  const numbered = head[2] === ':' ? /#([1-9]\d*)$/.exec(rest) : null;
  if (numbered !== null) {
    copy = Number(numbered[1]);
    rest = rest.slice(0, numbered.index);
  }
  // Benchmark ids, variants and the tokens never hold the separator; an imported file's model name might.
  const parts = rest.split('|');
  const [data, sample] = parts.slice(-2);
  const full = head[2] === ':' && parts.length >= 5 && DATA_TOKEN.test(data ?? '') && SAMPLE_TOKEN.test(sample ?? '');
  const named = full ? parts.slice(0, -2) : parts;
  if (named.length < 3) return null;
  const variant = named[named.length - 1];
  const benchmark = named[named.length - 2];
  const model = named.slice(0, -2).join('|');
  if (!model || !benchmark || !variant) return null;
  return {
    origin,
    model,
    benchmark,
    variant,
    data: full ? (data ?? null) : null,
    sample: full ? (sample ?? null) : null,
    copy,
  };
}

/**
 * The run a ref names among `options` (each with its own ref), or null. A full ref names its run exactly; an old
 * one without data and sample names the copy-th run of its origin × model × benchmark × variant.
 */
export function resolveRunRef<T extends { ref: RunRef }>(options: readonly T[], text: string | null): T | null {
  const want = parseRunRef(text);
  if (want === null) return null;
  const same = (r: RunRef): boolean =>
    r.origin === want.origin && r.model === want.model && r.benchmark === want.benchmark && r.variant === want.variant;
  if (want.data !== null) {
    const key = formatRunRef(want);
    return options.find((o) => formatRunRef(o.ref) === key) ?? null;
  }
  return options.filter((o) => same(o.ref))[want.copy - 1] ?? null;
}

/** `#/inspect?run=…&item=…`: the inspector opened on one run (and one item of it). */
export function inspectHref(ref: RunRef | string, item?: string): string {
  const q = new URLSearchParams({ run: typeof ref === 'string' ? ref : formatRunRef(ref) });
  if (item !== undefined) q.set('item', item);
  return `#/inspect?${q.toString()}`;
}

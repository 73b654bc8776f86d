// How the inspector names a run in a link (#/inspect?run=…&item=…): where it is kept (stored in this browser or
// imported) and its model × benchmark × variant, as one URL-safe string.
import type { RunManifest } from '../../../core/types';

export type RunOrigin = 'stored' | 'imported';

export interface RunRef {
  origin: RunOrigin;
  model: string;
  benchmark: string;
  variant: string;
}

const SEP = '|';

export function formatRunRef(ref: RunRef): string {
  return [ref.origin, ref.model, ref.benchmark, ref.variant].join(SEP);
}

export function runRefOf(origin: RunOrigin, m: Pick<RunManifest, 'model' | 'benchmark' | 'variant'>): RunRef {
  return { origin, model: m.model, benchmark: m.benchmark, variant: m.variant };
}

/** Null for a string that is not a run ref (the page then says which runs there are). */
export function parseRunRef(text: string | null): RunRef | null {
  if (text === null) return null;
  const parts = text.split(SEP);
  if (parts.length < 4) return null;
  // Benchmark ids and variants never hold the separator; an imported file's model name might.
  const origin = parts[0];
  const variant = parts[parts.length - 1];
  const benchmark = parts[parts.length - 2];
  const model = parts.slice(1, -2).join(SEP);
  if ((origin !== 'stored' && origin !== 'imported') || !model || !benchmark || !variant) return null;
  return { origin, model, benchmark, variant };
}

/** `#/inspect?run=…&item=…`: the inspector opened on one item of one run. */
export function inspectHref(ref: RunRef, item?: string): string {
  const q = new URLSearchParams({ run: formatRunRef(ref) });
  if (item !== undefined) q.set('item', item);
  return `#/inspect?${q.toString()}`;
}

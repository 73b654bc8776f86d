// Which run a manifest belongs to, and whether a stored run may be resumed by a new one: shared by every ResultStore
// so they all key and refuse the same things.
import { sampleKey } from '../sample/describe';
import type { RunManifest } from '../types';

/**
 * A run's identity: model × benchmark × variant × data × sample. Two runs that differ in any part are different
 * runs that may live side by side (a demo slice and the full release; a sample and every item); two that agree
 * are one run, resumed, and must then agree on every setting (manifestMismatches).
 * `data` is the manifest's dataHash (the sha256 of the raw data files, whatever they were loaded from: the same
 * release from a folder, a zip or a URL is the same data); `sample` is sampleKey (the rule that keeps samples from
 * merging in tables), so a store keeps apart exactly what the tables keep apart. Stored as keys in IndexedDB:
 * changing either derivation needs a database upgrade (storage/idb-schema.ts).
 */
export interface RunIdentity {
  model: string;
  benchmark: string;
  variant: string;
  data: string;
  sample: string;
}

export const runIdentityOf = (m: RunManifest): RunIdentity => ({
  model: m.model,
  benchmark: m.benchmark,
  variant: m.variant,
  data: m.dataHash,
  sample: sampleKey(m.sample),
});

export const sameRunIdentity = (a: RunIdentity, b: RunIdentity): boolean =>
  a.model === b.model &&
  a.benchmark === b.benchmark &&
  a.variant === b.variant &&
  a.data === b.data &&
  a.sample === b.sample;

/** A short text for the data part: the first 8 hex digits of its hash, or what stands in for one ("unknown"). */
export const dataLabel = (data: string): string =>
  /^[0-9a-f]{64}$/.test(data) ? `data ${data.slice(0, 8)}` : `data ${data}`;

/** "qwen2.5-vl-7b × vqa-rad (yesno, data 1a2b3c4d, all items)". */
export const describeRunIdentity = (k: RunIdentity): string =>
  `${k.model} × ${k.benchmark} (${k.variant}, ${dataLabel(k.data)}, ${k.sample})`;

/** One string per identity (map keys, keyed lists); parts joined by a character no part holds. */
export const runIdentityText = (k: RunIdentity): string =>
  [k.model, k.benchmark, k.variant, k.data, k.sample].join('\u0000');

/**
 * What differs between a stored run and the one about to resume it, as readable lines; empty when compatible.
 * The app version, endpoints and timestamps may change between sessions; anything that changes outputs may not.
 */
export function manifestMismatches(stored: RunManifest, wanted: RunManifest): string[] {
  const fields: [string, unknown, unknown][] = [
    ['benchmark', stored.benchmark, wanted.benchmark],
    ['benchmark version', stored.benchmarkVersion, wanted.benchmarkVersion],
    ['variant', stored.variant, wanted.variant],
    ['model', stored.model, wanted.model],
    ['backend', stored.backend, wanted.backend],
    ['backend model', stored.backendModel, wanted.backendModel],
    ['prompt version', stored.promptVersion, wanted.promptVersion],
    ['extractor version', stored.extractorVersion, wanted.extractorVersion],
    ['data hash', stored.dataHash, wanted.dataHash],
    ['item ids hash', stored.itemIdsHash, wanted.itemIdsHash],
    ['max new tokens', stored.generation.maxNewTokens, wanted.generation.maxNewTokens],
    ['temperature', stored.generation.temperature, wanted.generation.temperature],
    ['max pixels', stored.generation.maxPixels ?? null, wanted.generation.maxPixels ?? null],
    ['sample', sampleKey(stored.sample), sampleKey(wanted.sample)],
  ];
  return fields
    .filter(([, a, b]) => a !== b)
    .map(([name, a, b]) => `${name}: stored ${JSON.stringify(a)}, now ${JSON.stringify(b)}${whyOf(name)}`);
}

/** What a difference means, where the field's name alone does not say it. */
function whyOf(field: string): string {
  if (field === 'data hash') return ' (other data: a demo slice and a full release, or another release or copy)';
  return '';
}

// What a results manifest records about a sample (seed, size as given, strata, n, population, item-id hash), how
// that reads in table notes, and when two runs hold the same sample — the rule that keeps samples from merging.
import { hashItemIds } from '../hash';
import type { SampleInfo } from '../types';
import type { DrawnSample } from './stratified';
import { formatSampleSize } from './size';

/** The manifest's record of a draw; null when the draw covers every item (then it is a full run, not a sample). */
export async function describeSample(drawn: DrawnSample): Promise<SampleInfo | null> {
  if (drawn.complete) return null;
  return {
    seed: drawn.seed,
    size: formatSampleSize(drawn.size),
    strata: [...drawn.strata],
    n: drawn.items.length,
    population: drawn.population,
    itemIdsHash: await hashItemIds(drawn.items.map((i) => i.id)),
  };
}

/**
 * Runs may merge only when this key is equal: every item, or the same draw (the same items by the same rule).
 * The size as given is left out: "10" and "4%" that both draw the same 10 items are the same sample.
 */
export function sampleKey(sample: SampleInfo | undefined): string {
  if (sample === undefined) return 'all items';
  return `sample n=${sample.n} seed ${sample.seed} by ${strataLabel(sample.strata)} ids ${sample.itemIdsHash.slice(0, 12)}`;
}

/** "a sample of 10 of 251 items (seed 0, stratified by image_organ + question_type)". */
export function describeSampleInfo(sample: SampleInfo): string {
  return `a sample of ${sample.n} of ${sample.population} items (${sample.size === String(sample.n) ? '' : `${sample.size}, `}seed ${sample.seed}, stratified by ${strataLabel(sample.strata)})`;
}

/** A short text for a run's sample, or "all items". */
export function sampleSummary(sample: SampleInfo | undefined): string {
  return sample === undefined ? 'all items' : `sample n=${sample.n} seed ${sample.seed}`;
}

function strataLabel(strata: readonly string[]): string {
  return strata.length === 0 ? 'nothing (simple random)' : strata.join(' + ');
}

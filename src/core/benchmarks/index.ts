// The benchmark registry: one frozen table from id to definition, and the two entry points that load raw
// files into items. Front door of src/core/benchmarks.
//
// Version rule: bump a benchmark's `version` whenever anything changes the items it yields from the same raw
// files — which records are kept, filtered or excluded, question or option text, option order, gold letter,
// ids, image references. The version is stored with every result; results of different versions are not
// merged. Changes that only touch error messages or report wording do not bump it.
import { EvalError, didYouMean } from '../errors';
import type { DatasetSource } from '../ports';
import { BENCHMARK_IDS, type BenchmarkId, type LoadResult } from '../types';
import type { BenchmarkDef } from './def';
import { medXpertQa } from './medxpertqa';
import { mmmuMed } from './mmmu-med';
import { omniMedVqa } from './omnimedvqa';
import { pathVqa } from './path-vqa';
import { pmcVqa } from './pmc-vqa';
import { slake } from './slake';
import { vqaRad } from './vqa-rad';

export type { BenchmarkDef } from './def';
export { BUNDLE_DATASETS, BUNDLE_VARIANT, benchmarkOfBundleDataset, loadMcqBundle } from './mcq-bundle';

/** The seven benchmarks, in the paper's column order. */
export const BENCHMARKS: Readonly<Record<BenchmarkId, BenchmarkDef>> = Object.freeze({
  medxpertqa: Object.freeze(medXpertQa),
  omnimedvqa: Object.freeze(omniMedVqa),
  'pmc-vqa': Object.freeze(pmcVqa),
  pathvqa: Object.freeze(pathVqa),
  'mmmu-med': Object.freeze(mmmuMed),
  slake: Object.freeze(slake),
  'vqa-rad': Object.freeze(vqaRad),
});

function isBenchmarkId(id: string): id is BenchmarkId {
  return (BENCHMARK_IDS as readonly string[]).includes(id);
}

/** The definition of a benchmark; an unknown id fails with "did you mean …" and the list of ids. */
export function getBenchmark(id: string): BenchmarkDef {
  if (isBenchmarkId(id)) return BENCHMARKS[id];
  const guess = didYouMean(id, BENCHMARK_IDS);
  throw new EvalError(
    'config/unknown-benchmark',
    `Unknown benchmark '${id}'.${guess ? ` Did you mean '${guess}'?` : ''} Known benchmarks: ${BENCHMARK_IDS.join(', ')}.`,
  );
}

/** Loads one benchmark variant (its default when omitted) from raw files into items plus a load report. */
export async function loadBenchmark(source: DatasetSource, id: string, variant?: string): Promise<LoadResult> {
  const def = getBenchmark(id);
  return def.load(source, variant ?? def.defaultVariant);
}

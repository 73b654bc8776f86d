// The benchmark registry: each catalogue entry (catalogue.ts) joined to its adapter's load function, and the two
// entry points that load raw files into items. Front door of src/core/benchmarks.
import { EvalError, didYouMean } from '../errors';
import type { DatasetSource } from '../ports';
import type { LoadResult } from '../types';
import {
  BENCHMARK_CATALOGUE,
  BENCHMARK_IDS,
  type BenchmarkId,
  defaultVariantOf,
  expectedCount,
  isBenchmarkId,
  variantsOf,
} from './catalogue';
import type { BenchmarkDef, BenchmarkLoader } from './def';
import { assertVariant } from './load-errors';
import { addListingProblems } from './source-files';
import { loadMedXpertQa } from './medxpertqa';
import { loadMmmu } from './mmmu-med';
import { loadOmniMedVqa } from './omnimedvqa';
import { loadPathVqa } from './path-vqa';
import { loadPmcVqa } from './pmc-vqa';
import { loadSlake } from './slake';
import { loadVqaRad } from './vqa-rad';

export type { BenchmarkDef, BenchmarkLoader } from './def';
export {
  BENCHMARK_CATALOGUE,
  BENCHMARK_IDS,
  BUNDLE_VARIANT,
  SAMPLE_GOLD,
  defaultSampleStrata,
  defaultVariantOf,
  describeExpected,
  expectedCount,
  isBenchmarkId,
  variantsOf,
} from './catalogue';
export type { BenchmarkFacts, ExpectedCount, BenchmarkId, VariantOf } from './catalogue';
export { BUNDLE_DATASETS, benchmarkOfBundleDataset, loadMcqBundle } from './mcq-bundle';

function define<B extends BenchmarkId>(id: B, load: BenchmarkLoader<B>): BenchmarkDef<B> {
  const facts = BENCHMARK_CATALOGUE[id];
  return Object.freeze({
    id,
    title: facts.title,
    paperColumn: facts.paperColumn,
    version: facts.version,
    variants: variantsOf(id),
    defaultVariant: defaultVariantOf(id),
    officialSource: facts.officialSource,
    license: facts.license,
    load,
  });
}

// Every catalogued benchmark with its loader, in the paper's column order: a benchmark without one does not
// compile, and each loader is checked against its own benchmark's variants.
const REGISTRY: { readonly [B in BenchmarkId]: BenchmarkDef<B> } = {
  medxpertqa: define('medxpertqa', loadMedXpertQa),
  omnimedvqa: define('omnimedvqa', loadOmniMedVqa),
  'pmc-vqa': define('pmc-vqa', loadPmcVqa),
  pathvqa: define('pathvqa', loadPathVqa),
  'mmmu-med': define('mmmu-med', loadMmmu),
  slake: define('slake', loadSlake),
  'vqa-rad': define('vqa-rad', loadVqaRad),
};

/** The benchmarks, in the paper's column order (variants typed per benchmark: see VariantOf, variantsOf). */
export const BENCHMARKS: Readonly<Record<BenchmarkId, BenchmarkDef>> = Object.freeze(REGISTRY);

/** The definition of a benchmark; an unknown id fails with "did you mean …" and the list of ids. */
export function getBenchmark(id: string): BenchmarkDef {
  if (isBenchmarkId(id)) return BENCHMARKS[id];
  const guess = didYouMean(id, BENCHMARK_IDS);
  throw new EvalError(
    'config/unknown-benchmark',
    `Unknown benchmark '${id}'.${guess ? ` Did you mean '${guess}'?` : ''} Known benchmarks: ${BENCHMARK_IDS.join(', ')}.`,
  );
}

/**
 * Loads one benchmark variant (its default when omitted) from raw files into items plus a load report.
 * An unknown variant fails here, before anything is read.
 */
export async function loadBenchmark(source: DatasetSource, id: string, variant?: string): Promise<LoadResult> {
  const def = getBenchmark(id);
  const chosen = variant ?? def.defaultVariant;
  assertVariant(def.id, chosen, def.variants);
  const loaded = await def.load(source, chosen);
  const expected = expectedCount(def.id, chosen);
  if (expected !== null) loaded.report.expected = expected;
  addListingProblems(loaded.report, source.listProblems?.() ?? []);
  return loaded;
}

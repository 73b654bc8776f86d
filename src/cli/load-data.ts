// Loading for the CLI: a benchmark that finds none of its files, or keeps no item, is an error (exit 2) that
// says what the data looks like instead ("this looks like SLAKE: test.json + imgs/; pass --benchmark slake").
import { loadBenchmark } from '../core/benchmarks';
import type { BenchmarkDef } from '../core/benchmarks/def';
import { detectSource, noItemsError } from '../core/benchmarks/detect-source';
import { isEvalError } from '../core/errors';
import type { DatasetSource } from '../core/ports';
import type { LoadReport, LoadResult } from '../core/types';

function tally(report: LoadReport): string {
  const reasons = Object.entries(report.excludedByReason)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([code, n]) => `${n} ${code}`);
  return (
    `No ${report.benchmark} item kept (variant ${report.variant}): ${report.records} records read, ` +
    `${report.filtered} outside the split or filter, ${report.excluded} excluded${reasons.length > 0 ? ` (${reasons.join(', ')})` : ''}`
  );
}

export async function loadData(source: DatasetSource, def: BenchmarkDef, variant?: string): Promise<LoadResult> {
  const chosen = variant ?? def.defaultVariant;
  let result: LoadResult;
  try {
    result = await loadBenchmark(source, def.id, chosen);
  } catch (e) {
    if (isEvalError(e) && e.code === 'dataset/no-files')
      throw noItemsError(def.id, chosen, source.root, await detectSource(source), e.message);
    throw e;
  }
  if (result.report.kept === 0)
    throw noItemsError(def.id, chosen, source.root, await detectSource(source), tally(result.report));
  return result;
}

// A plan's optional sample (N items or P%, and a seed), drawn per benchmark the way the CLI's --sample draws it
// (core/sample: stratified by the benchmark variant's default strata): the run then sees only the drawn items, and
// the manifest records the sample, so a sampled cell says so and never merges with a full run or another sample.
import { defaultSampleStrata } from '../../../core/benchmarks/catalogue';
import { describeSample, drawSample, parseSampleSize } from '../../../core/sample';
import type { SampleInfo } from '../../../core/types';
import type { PlannedBenchmark } from './run-specs';

export interface PlanSample {
  /** As the user typed it: "200" or "5%". */
  size: string;
  seed: number;
}

/** The benchmarks with their drawn items and the sample each records; unchanged without a sample or when it is all. */
export async function sampleBenchmarks<B extends PlannedBenchmark>(
  benchmarks: readonly B[],
  sample: PlanSample | undefined,
): Promise<B[]> {
  if (sample === undefined) return [...benchmarks];
  const size = parseSampleSize(sample.size);
  const out: B[] = [];
  for (const b of benchmarks) {
    const { benchmark, variant } = b.loaded.report;
    const strata = [...defaultSampleStrata(benchmark, variant)];
    const drawn = drawSample(b.loaded.items, { size, seed: sample.seed, strata });
    const info: SampleInfo | null = await describeSample(drawn);
    out.push(info === null ? b : { ...b, loaded: { ...b.loaded, items: drawn.items }, sample: info });
  }
  return out;
}

/** A saved plan's sample, or undefined when it has none or it is not one. */
export function parsePlanSample(v: unknown): PlanSample | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const r = v as Record<string, unknown>;
  return typeof r['size'] === 'string' && typeof r['seed'] === 'number'
    ? { size: r['size'], seed: r['seed'] }
    : undefined;
}

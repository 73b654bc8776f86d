// Picks, for one model and benchmark, the run a table cell is computed from: the requested variant, else the
// default one; among runs kept apart by a merge conflict (other data, another sample, other versions), the largest
// (then the newest). Every choice is noted, naming the run used and the runs left out.
import { defaultVariantOf } from '../benchmarks/catalogue';
import type { ResultRun } from '../results';
import { dataLabel } from '../run/compat';
import { sampleSummary } from '../sample/describe';
import type { BenchmarkId } from '../types';

export interface VariantChoice {
  /** Explicit choice per benchmark (wins over everything). */
  variantOf?: Partial<Record<BenchmarkId, string>>;
  /** Overrides of each benchmark's default variant (otherwise the benchmark catalogue's default). */
  defaultVariantOf?: Partial<Record<BenchmarkId, string>>;
}

export function selectRun(
  model: string,
  benchmark: BenchmarkId,
  runs: readonly ResultRun[],
  choice: VariantChoice,
  notes: string[],
): ResultRun | null {
  if (runs.length === 0) return null;
  const variants = [...new Set(runs.map((r) => r.manifest.variant))].sort();
  const wanted = choice.variantOf?.[benchmark];
  let variant: string | undefined;
  if (wanted !== undefined) {
    if (!variants.includes(wanted)) {
      notes.push(
        `${model} / ${benchmark}: no run of variant "${wanted}" (has ${variants.join(', ')}) — cell left empty`,
      );
      return null;
    }
    variant = wanted;
  } else {
    const preferred = choice.defaultVariantOf?.[benchmark] ?? defaultVariantOf(benchmark);
    variant = variants.includes(preferred) ? preferred : variants[0];
    if (variants.length > 1 && variant !== preferred) {
      notes.push(
        `${model} / ${benchmark}: variants ${variants.join(', ')} and no default among them — used "${variant}" (choose with variantOf)`,
      );
    }
  }
  const candidates = runs.filter((r) => r.manifest.variant === variant);
  const best = [...candidates].sort(
    (a, b) => b.results.length - a.results.length || stamp(b).localeCompare(stamp(a)),
  )[0];
  if (best !== undefined && candidates.length > 1) {
    // Runs of other data (a demo slice beside its full release) or other samples are stored side by side, so the
    // note names each candidate by what sets it apart: the cell can be traced to one run, and the others found.
    const others = candidates.filter((r) => r !== best).map(whichRun);
    notes.push(
      `${model} / ${benchmark} / ${variant}: ${candidates.length} incompatible runs — used the one with ${whichRun(best)} created ${stamp(best)}; not used: ${others.join('; ')}`,
    );
  }
  return best ?? null;
}

/** "251 items (all items, data 1a2b3c4d)". */
function whichRun(run: ResultRun): string {
  return `${run.results.length} items (${sampleSummary(run.manifest.sample)}, ${dataLabel(run.manifest.dataHash)})`;
}

function stamp(run: ResultRun): string {
  return run.manifest.updatedAt ?? run.manifest.createdAt;
}

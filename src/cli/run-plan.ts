// What `run` evaluates: one or more benchmarks (--benchmark a,b or repeated), each with its --data (and --variant)
// in the same order, loaded, sampled and limited before any request is sent; and where each one's results go:
// --out <file> for one benchmark, or --out-dir with one file per model × benchmark named by resultsFileName.
import { join, resolve } from 'node:path';
import { getBenchmark } from '../core/benchmarks';
import type { BenchmarkDef } from '../core/benchmarks/def';
import type { DatasetSource } from '../core/ports';
import type { Item, LoadResult, SampleInfo } from '../core/types';
import { resolveDataSource } from '../data/resolve-source';
import { optionalString } from './args';
import type { Parsed } from './args';
import type { CliIO } from './io';
import { usageError } from './io';
import { loadData } from './load-data';
import { formatLoadReport } from './report';
import { applySample } from './sample-args';
import type { SampleRequest } from './sample-args';

/** One benchmark of the plan, as asked for on the command line. */
export interface BenchmarkArg {
  def: BenchmarkDef;
  data: string;
  variant: string | undefined;
}

/** One benchmark of the plan, loaded and ready to run. */
export interface PlannedRun {
  def: BenchmarkDef;
  source: DatasetSource;
  loaded: LoadResult;
  items: Item[];
  sample: SampleInfo | undefined;
  outPath: string;
}

const listOf = (p: Parsed, name: string): string[] => {
  const v = p.values[name];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
};

/** Pairs each --benchmark with its --data and --variant, by position. */
export function parseBenchmarkArgs(p: Parsed): BenchmarkArg[] {
  const ids = listOf(p, 'benchmark')
    .flatMap((b) => b.split(','))
    .map((b) => b.trim())
    .filter((b) => b !== '');
  if (ids.length === 0) throw usageError("run: --benchmark is required; run 'medvlm-bench --help' for usage.");
  const defs = ids.map((id) => getBenchmark(id));
  const data = listOf(p, 'data');
  if (data.length === 0) throw usageError("run: --data is required; run 'medvlm-bench --help' for usage.");
  if (data.length !== defs.length)
    throw usageError(
      `run: ${defs.length} benchmarks (${ids.join(', ')}) but ${data.length} --data: give one --data per benchmark, in the same order.`,
    );
  const variants = listOf(p, 'variant');
  if (variants.length > 0 && variants.length !== defs.length)
    throw usageError(
      `run: ${defs.length} benchmarks but ${variants.length} --variant: give one per benchmark, in the same order, or none for the defaults.`,
    );
  const args = defs.map((def, i) => ({ def, data: data[i] ?? '', variant: variants[i] }));
  const seen = new Set<string>();
  for (const a of args) {
    const key = `${a.def.id} (${a.variant ?? a.def.defaultVariant})`;
    if (seen.has(key))
      throw usageError(
        `run: ${key} is in the plan twice (both would write one results file); name each benchmark once.`,
      );
    seen.add(key);
  }
  return args;
}

/** Safe in a file name on every OS: a served name like "Qwen/Qwen2.5-VL-7B" keeps its shape without the slash. */
function fileSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]+/g, '_');
}

/** `<model-id>__<benchmark>__<variant>[__sample-<n>-seed-<s>].jsonl` */
export function resultsFileName(modelId: string, benchmark: string, variant: string, sample?: SampleInfo): string {
  const tail = sample === undefined ? '' : `__sample-${sample.n}-seed-${sample.seed}`;
  return `${fileSafe(modelId)}__${fileSafe(benchmark)}__${fileSafe(variant)}${tail}.jsonl`;
}

export interface OutTarget {
  kind: 'file' | 'dir';
  path: string;
}

export function parseOutTarget(p: Parsed, benchmarks: number, cwd: string): OutTarget {
  const file = optionalString(p, 'out');
  const dir = optionalString(p, 'out-dir');
  if (file !== undefined && dir !== undefined) throw usageError('run: give --out <file> or --out-dir <dir>, not both.');
  if (dir !== undefined && dir !== '') return { kind: 'dir', path: resolve(cwd, dir) };
  if (file === undefined || file === '')
    throw usageError(
      'run: --out <results.jsonl> (one benchmark) or --out-dir <dir> (one file per benchmark) is required.',
    );
  if (benchmarks > 1)
    throw usageError(
      `run: --out names one file but ${benchmarks} benchmarks were given: use --out-dir <dir> for one file each.`,
    );
  return { kind: 'file', path: resolve(cwd, file) };
}

export interface PlanOptions {
  modelId: string;
  sampling: SampleRequest | null;
  limit: number | undefined;
  out: OutTarget;
}

/** Loads every benchmark first, so a wrong folder fails (exit 2) before any endpoint is called. */
export async function planRuns(args: readonly BenchmarkArg[], options: PlanOptions, io: CliIO): Promise<PlannedRun[]> {
  const plan: PlannedRun[] = [];
  for (const arg of args) {
    const source = resolveDataSource(arg.data, io.cwd);
    const loaded = await loadData(source, arg.def, arg.variant);
    io.stderr(formatLoadReport(loaded.report));
    const sampled = await applySample('run', loaded, options.sampling, io);
    const items = options.limit === undefined ? sampled.items : sampled.items.slice(0, options.limit);
    const variant = loaded.report.variant;
    const outPath =
      options.out.kind === 'file'
        ? options.out.path
        : join(options.out.path, resultsFileName(options.modelId, arg.def.id, variant, sampled.sample));
    const twin = plan.find((r) => r.outPath === outPath);
    if (twin !== undefined)
      throw usageError(
        `run: ${arg.def.id} (${variant}) is in the plan twice (both would write ${outPath}); name each benchmark once.`,
      );
    plan.push({ def: arg.def, source, loaded, items, sample: sampled.sample, outPath });
  }
  return plan;
}

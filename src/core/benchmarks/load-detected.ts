// One dataset load as the app does it (in its data worker): list the source, recognise which benchmark it holds,
// load the chosen one (or the recognised one when none was chosen), and turn "found nothing" into a message that
// says what the data looks like — the CLI's rule (cli/load-data.ts) plus the preselection, with advice in the app's
// words (the pickers, not the CLI's flags). Progress counts the files listed and the bytes read, through a wrapper
// around the source.
import { isEvalError } from '../errors';
import type { DatasetSource } from '../ports';
import type { LoadResult } from '../types';
import { defaultVariantOf, isBenchmarkId, type BenchmarkId } from './catalogue';
import type { Detection } from './detect';
import { APP_ADVICE, detectSource, noItemsError } from './detect-source';
import { loadBenchmark } from './index';

export interface DatasetLoadProgress {
  phase: 'listing' | 'detecting' | 'loading' | 'done';
  files: number;
  bytes: number;
  items: number;
}

export interface DatasetChoice {
  benchmark?: string;
  variant?: string;
}

export interface DetectedLoad {
  benchmark: BenchmarkId;
  variant: string;
  /** What the data looks like: every benchmark recognised in it. */
  detections: Detection[];
  result: LoadResult;
}

/** The source, listed once, counting files listed and bytes read into `counts` (and telling `tick` after each read). */
export function countingSource(
  source: DatasetSource,
  counts: { files: number; bytes: number },
  tick: () => void = () => {},
): DatasetSource {
  const add = <T extends Uint8Array | string>(v: T): T => {
    counts.bytes += typeof v === 'string' ? v.length : v.byteLength;
    tick();
    return v;
  };
  // Listed once per load: detection and the adapter see the same files (and the same array, one Listing).
  let listed: Promise<string[]> | null = null;
  return {
    root: source.root,
    list: () =>
      (listed ??= source.list().then(
        (paths) => {
          counts.files = paths.length;
          tick();
          return paths;
        },
        (e: unknown) => {
          listed = null;
          throw e;
        },
      )),
    readText: async (p) => add(await source.readText(p)),
    readBytes: async (p) => add(await source.readBytes(p)),
    size: (p) => source.size(p),
    readRange: async (p, s, e) => add(await source.readRange(p, s, e)),
    willRead: (paths) => source.willRead?.(paths),
  };
}

function firstBenchmark(detections: readonly Detection[]): BenchmarkId | null {
  for (const d of detections) if (isBenchmarkId(d.id)) return d.id;
  return null;
}

/** Detects, loads, and fails with what the data looks like when the chosen benchmark keeps no item. */
export async function loadDetected(
  raw: DatasetSource,
  choice: DatasetChoice,
  onProgress: (p: DatasetLoadProgress) => void = () => {},
): Promise<DetectedLoad> {
  const counts = { files: 0, bytes: 0 };
  let phase: DatasetLoadProgress['phase'] = 'listing';
  const report = (items = 0): void => onProgress({ phase, files: counts.files, bytes: counts.bytes, items });
  const source = countingSource(raw, counts, () => report());
  const found = await detectSource(source);
  phase = 'detecting';
  report();
  const detected = firstBenchmark(found.detections);
  const benchmark = choice.benchmark ?? detected;
  if (benchmark === null || !isBenchmarkId(benchmark))
    throw noItemsError(
      choice.benchmark ?? 'any',
      choice.variant ?? 'default',
      raw.root,
      found,
      'No benchmark recognised',
      APP_ADVICE,
    );
  // The variant the files fit (PMC-VQA test_2) when the user named none.
  const fits = found.detections.find((d) => d.id === benchmark)?.variant;
  const variant = choice.variant ?? fits ?? defaultVariantOf(benchmark);
  phase = 'loading';
  report();
  let result: LoadResult;
  try {
    result = await loadBenchmark(source, benchmark, variant);
  } catch (e) {
    if (isEvalError(e) && e.code === 'dataset/no-files')
      throw noItemsError(benchmark, variant, raw.root, found, e.message, APP_ADVICE);
    throw e;
  }
  if (result.report.kept === 0)
    throw noItemsError(
      benchmark,
      variant,
      raw.root,
      found,
      `No ${benchmark} item kept (variant ${variant})`,
      APP_ADVICE,
    );
  phase = 'done';
  report(result.report.kept);
  return { benchmark, variant, detections: found.detections, result };
}

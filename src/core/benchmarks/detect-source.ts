// Detection on a live source: list once, read only the first few kB of candidate .json files (to spot an MCQ
// bundle under any name), then turn "the chosen benchmark found nothing" into a message that says what the
// data looks like instead — never a silent 0 items.
import { EvalError } from '../errors';
import type { DatasetSource } from '../ports';
import { BENCHMARK_CATALOGUE, isBenchmarkId } from './catalogue';
import { isRecord } from './fields';
import { type Detection, bundleCandidates, describeFolder, detectBenchmarks } from './detect';
import { listSource } from './source-files';

/** How much of each candidate .json is read: enough for a bundle's first record. */
export const HEAD_BYTES = 4096;

/** The first complete `{…}` after the opening `[`, by brace depth outside strings; null when the head cuts it. */
function firstRecordText(head: string): string | null {
  const open = head.search(/\S/);
  if (open < 0 || head.charAt(open) !== '[') return null;
  const start = head.indexOf('{', open);
  if (start < 0) return null;
  let depth = 0;
  let inString = false;
  for (let i = start; i < head.length; i++) {
    const ch = head.charAt(i);
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return head.slice(start, i + 1);
  }
  return null;
}

/** True when the head of a .json file starts an array of MCQ-bundle records {question, options[], answer, dataset}. */
export function isBundleHead(head: string): boolean {
  const text = head.charCodeAt(0) === 0xfeff ? head.slice(1) : head;
  const record = firstRecordText(text);
  if (record !== null) {
    try {
      const r: unknown = JSON.parse(record);
      return (
        isRecord(r) &&
        typeof r['question'] === 'string' &&
        Array.isArray(r['options']) &&
        'answer' in r &&
        typeof r['dataset'] === 'string'
      );
    } catch {
      return false;
    }
  }
  // A first record longer than the head: fall back to its keys.
  return (
    /^\s*\[\s*\{/.test(text) &&
    /"options"\s*:\s*\[/.test(text) &&
    /"dataset"\s*:\s*"/.test(text) &&
    /"question"\s*:/.test(text)
  );
}

export interface SourceDetection {
  paths: string[];
  bundleFiles: string[];
  detections: Detection[];
}

/** Lists the source and reads at most 16 × 4 kB of heads: cheap even over HTTP or inside a multi-GB zip. */
export async function detectSource(source: DatasetSource): Promise<SourceDetection> {
  const { paths } = await listSource(source);
  const decoder = new TextDecoder();
  const bundleFiles: string[] = [];
  for (const file of bundleCandidates(paths)) {
    const head = await source.readRange(file, 0, HEAD_BYTES).catch(() => null);
    if (head !== null && isBundleHead(decoder.decode(head))) bundleFiles.push(file);
  }
  return { paths, bundleFiles, detections: detectBenchmarks(paths, bundleFiles) };
}

/** What the reader should do instead, for one detection, in the words of where they are (flags or pickers). */
export type Advice = (d: Detection) => string;

/** The CLI's: which flags to pass. */
export const CLI_ADVICE: Advice = (d) => {
  if (d.id === 'mcq-bundle') return 'pass --variant bundle with the benchmark whose records you want';
  return `pass --benchmark ${d.id}${d.variant !== undefined ? ` --variant ${d.variant}` : ''}`;
};

/** The app's: what to choose in the Benchmarks page's pickers (DatasetLoader.svelte), then load again. */
export const APP_ADVICE: Advice = (d) => {
  if (d.id === 'mcq-bundle')
    return 'choose the benchmark whose records you want and the variant "bundle" in the pickers, then load it again';
  const title = isBenchmarkId(d.id) ? BENCHMARK_CATALOGUE[d.id].title : d.id;
  const variant = d.variant !== undefined ? ` and the variant "${d.variant}"` : '';
  return `choose ${title}${variant} in the pickers (or "recognise from the files"), then load it again`;
};

/**
 * The error for a load of `benchmark` that kept no item or found none of its files. When the data looks like
 * another benchmark (or another variant), say so and what to pass; else `reason` (the adapter's own message,
 * or the load report's tally) plus a picture of what the data holds.
 */
export function noItemsError(
  benchmark: string,
  variant: string,
  root: string,
  found: SourceDetection,
  reason: string,
  advice: Advice = CLI_ADVICE,
): EvalError {
  const others = found.detections.filter((d) => d.id !== benchmark);
  const own = found.detections.find((d) => d.id === benchmark);
  const head = `No ${benchmark} items (variant ${variant}) in '${root}'`;
  if (own === undefined && others.length > 0) {
    const looks = others.map((d) => `${d.description}; ${advice(d)}`).join('. Or ');
    return new EvalError('dataset/wrong-benchmark', `${head}: this looks like ${looks}.`);
  }
  if (own?.variant !== undefined && own.variant !== variant)
    return new EvalError('dataset/no-items', `${head}: this looks like ${own.description}; ${advice(own)}.`);
  const picture =
    own !== undefined ? `it looks like ${own.description}` : describeFolder(found.paths, found.bundleFiles);
  return new EvalError('dataset/no-items', `${reason.replace(/\.?\s*$/, '')} (${picture}).`);
}

// How big a sample is, as the user gives it: a count of items ("200") or a share of them ("5%", "0.5%"), and the
// seed. Parsed here once so the CLI and the app refuse the same inputs with the same advice.
import { EvalError } from '../errors';

/** A sample size as given: N items, or P percent of the items. */
export type SampleSize = { count: number } | { percent: number };

/** Seeds are 32-bit (the hash takes them modulo 2^32): a larger one would silently equal a smaller one. */
export const MAX_SAMPLE_SEED = 0xffff_ffff;

const HOW = 'give a whole number of items ≥ 1 (e.g. 200) or a percentage above 0 and at most 100 (e.g. 5%)';

export function parseSampleSize(text: string): SampleSize {
  const raw = text.trim();
  const percent = /^(\d+(?:\.\d+)?|\.\d+)\s*%$/.exec(raw);
  if (percent !== null) {
    const p = Number(percent[1]);
    if (p <= 0) throw sampleError(`Sample size '${text}' asks for no items: ${HOW}.`);
    if (p > 100)
      throw sampleError(
        `Sample size '${text}' is more than all the items: use at most 100%, or run without a sample for every item.`,
      );
    return { percent: p };
  }
  if (/^\d+$/.test(raw)) {
    const n = Number(raw);
    if (n === 0) throw sampleError(`Sample size '${text}' asks for no items: ${HOW}.`);
    if (!Number.isSafeInteger(n)) throw sampleError(`Sample size '${text}' is too large: ${HOW}.`);
    return { count: n };
  }
  throw sampleError(`Sample size '${text}' is neither a count nor a percentage: ${HOW}.`);
}

export function parseSampleSeed(text: string): number {
  const raw = text.trim();
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n > MAX_SAMPLE_SEED)
    throw sampleError(`Seed '${text}' is not a whole number from 0 to ${MAX_SAMPLE_SEED} (e.g. 0 or 42).`);
  return n;
}

/** The size as it is written back: "200" or "5%". */
export function formatSampleSize(size: SampleSize): string {
  return 'count' in size ? String(size.count) : `${size.percent}%`;
}

/** Items a size asks for out of `population`: never more than there are, at least one of a non-empty set. */
export function sampleCount(size: SampleSize, population: number): number {
  if (population <= 0) return 0;
  const wanted = 'count' in size ? size.count : Math.round((population * size.percent) / 100);
  return Math.min(population, Math.max(1, wanted));
}

function sampleError(message: string): EvalError {
  return new EvalError('config/sample', message);
}

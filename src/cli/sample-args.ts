// --sample / --seed / --strata for items, score and run: parsed once, applied to a load the same way by each
// command, with one stderr line on what was drawn (and per stratum) so a user can see the sample is stratified.
import { defaultSampleStrata } from '../core/benchmarks/catalogue';
import { isEvalError } from '../core/errors';
import { describeSample, drawSample, parseSampleSeed, parseSampleSize } from '../core/sample';
import type { SampleSize } from '../core/sample';
import type { Item, LoadResult, SampleInfo } from '../core/types';
import { optionalString } from './args';
import type { Parsed } from './args';
import type { CliIO } from './io';
import { usageError } from './io';

/** The options every sampling command accepts (for parseCommandArgs). */
export const SAMPLE_OPTIONS = {
  sample: { type: 'string' },
  seed: { type: 'string' },
  strata: { type: 'string' },
} as const;

export const SAMPLE_USAGE = `  --sample <N|P%>         a seeded sample stratified by the benchmark's main metadata: N items or P% of them
  --seed <int>            the sample's seed, 0 to 4294967295 (default 0); the same seed draws the same items
  --strata <field,…>      fields to stratify by (default per benchmark, e.g. modality,question_type; gold = the gold letter)
`;

export interface SampleRequest {
  size: SampleSize;
  seed: number;
  /** Absent: the benchmark variant's default strata (catalogue). */
  strata?: string[];
}

/** null when --sample is absent; --seed or --strata without it is a mistake worth saying, not ignoring. */
export function parseSampleArgs(command: string, p: Parsed): SampleRequest | null {
  const size = optionalString(p, 'sample');
  const seed = optionalString(p, 'seed');
  const strata = optionalString(p, 'strata');
  if (size === undefined) {
    const stray = seed !== undefined ? '--seed' : strata !== undefined ? '--strata' : null;
    if (stray !== null)
      throw usageError(`${command}: ${stray} only applies with --sample <N|P%>; add --sample or drop ${stray}.`);
    return null;
  }
  return {
    size: flagged(command, '--sample', () => parseSampleSize(size)),
    seed: seed === undefined ? 0 : flagged(command, '--seed', () => parseSampleSeed(seed)),
    ...(strata !== undefined
      ? {
          strata: strata
            .split(',')
            .map((f) => f.trim())
            .filter((f) => f !== ''),
        }
      : {}),
  };
}

/** The core's advice, prefixed with the command and the flag it is about. */
function flagged<T>(command: string, flag: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (isEvalError(e)) throw usageError(`${command}: ${flag}: ${e.message}`);
    throw e;
  }
}

export interface SampledItems {
  items: Item[];
  /** For the manifest; undefined when no sample was asked for or it covers every item. */
  sample: SampleInfo | undefined;
}

const STRATA_SHOWN = 12;

export async function applySample(
  command: string,
  loaded: LoadResult,
  request: SampleRequest | null,
  io: CliIO,
): Promise<SampledItems> {
  if (request === null) return { items: loaded.items, sample: undefined };
  const { benchmark, variant } = loaded.report;
  const strata = request.strata ?? [...defaultSampleStrata(benchmark, variant)];
  let drawn: ReturnType<typeof drawSample>;
  try {
    drawn = drawSample(loaded.items, { size: request.size, seed: request.seed, strata });
  } catch (e) {
    if (isEvalError(e)) throw usageError(`${command}: --strata: ${e.message}`);
    throw e;
  }
  const sample = await describeSample(drawn);
  if (sample === null) {
    io.stderr(
      `note: the sample covers all ${drawn.population} ${benchmark} items: every item is used and no sample is recorded.\n`,
    );
    return { items: drawn.items, sample: undefined };
  }
  const by = strata.length === 0 ? 'no strata' : strata.join(' + ');
  io.stderr(
    `${benchmark} (${variant}) sample: ${sample.n} of ${sample.population} items (${sample.size}, seed ${sample.seed}), stratified by ${by} over ${drawn.counts.length} strata\n`,
  );
  const shown = drawn.counts.slice(0, STRATA_SHOWN).map((c) => `${c.label} ${c.sampled}/${c.population}`);
  const more = drawn.counts.length > STRATA_SHOWN ? `, … ${drawn.counts.length - STRATA_SHOWN} more` : '';
  io.stderr(`  strata: ${shown.join(', ')}${more}\n`);
  return { items: drawn.items, sample };
}

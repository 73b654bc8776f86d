// Scores one output against its item and builds the stored result line (protocol §3.6):
// everything needed to re-score or regroup later without the model or the dataset.

import { extractAnswer } from '../extract';
import { plausibleLatencyMs, plausibleTokens } from '../results/checks';
import type { Extraction, ExtractMode, Item, ItemResult } from '../types';

export function scoreOutput(
  item: Item,
  output: string,
  mode: ExtractMode = 'paper',
): { extraction: Extraction; correct: boolean } {
  const extraction = extractAnswer(output, item.options, mode);
  const correct = extraction.letter !== null && extraction.letter === item.answer.toUpperCase();
  return { extraction, correct };
}

export interface ItemResultOptions {
  model: string;
  mode?: ExtractMode;
  promptTokens?: number | null;
  completionTokens?: number | null;
  latencyMs?: number | null;
  truncated?: boolean;
  /** Generation failed: the item counts as no_answer and wrong, and is retried on resume. */
  error?: { code: string; message: string };
  /** Longer outputs are stored cut to this many characters, status 'truncated', unscored (a runaway answer). */
  maxOutputChars?: number;
}

export function toItemResult(item: Item, output: string, opts: ItemResultOptions): ItemResult {
  const mode = opts.mode ?? 'paper';
  const capped = opts.maxOutputChars !== undefined && output.length > opts.maxOutputChars;
  const scored: { extraction: Extraction; correct: boolean } =
    opts.error !== undefined
      ? { extraction: { extracted: null, letter: null, status: 'no_answer' }, correct: false }
      : capped
        ? { extraction: { extracted: null, letter: null, status: 'truncated' }, correct: false }
        : scoreOutput(item, output, mode);
  const result: ItemResult = {
    type: 'result',
    id: item.id,
    benchmark: item.benchmark,
    variant: item.variant,
    model: opts.model,
    output: capped ? output.slice(0, opts.maxOutputChars) : output,
    extracted: scored.extraction.extracted,
    letter: scored.extraction.letter,
    status: scored.extraction.status,
    mode,
    gold: item.answer,
    correct: scored.correct,
    // A server's usage is remote data: an implausible count (1e308) is unknown, never a rate of Infinity tok/s.
    promptTokens: plausibleTokens(opts.promptTokens),
    completionTokens: plausibleTokens(opts.completionTokens),
    latencyMs: plausibleLatencyMs(opts.latencyMs),
    truncated: capped || (opts.truncated ?? false),
    tag: item.tag ?? null,
    tagSource: item.tagSource ?? null,
    meta: { ...item.meta },
  };
  if (opts.error !== undefined) result.error = { code: opts.error.code, message: opts.error.message };
  if (capped) result.outputLength = output.length;
  return result;
}

/**
 * An item of the benchmark that has no prediction, as the paper counts it: wrong, with status `missing`, so that
 * accuracy is over all the benchmark's items. Not an error: nothing was attempted, so nothing is retried.
 */
export function toMissingResult(item: Item, opts: { model: string; mode?: ExtractMode }): ItemResult {
  return {
    type: 'result',
    id: item.id,
    benchmark: item.benchmark,
    variant: item.variant,
    model: opts.model,
    output: '',
    extracted: null,
    letter: null,
    status: 'missing',
    mode: opts.mode ?? 'paper',
    gold: item.answer,
    correct: false,
    promptTokens: null,
    completionTokens: null,
    latencyMs: null,
    truncated: false,
    tag: item.tag ?? null,
    tagSource: item.tagSource ?? null,
    meta: { ...item.meta },
  };
}

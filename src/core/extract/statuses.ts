// The extraction statuses, each with what it means and whether it counts as parsed (an answer found and mapped to
// one option). The ExtractStatus type, the results schema's picklist and the summaries' parse-failure count are all
// derived from this one list. It imports nothing, so core/types.ts can take its type from here.

export const EXTRACT_STATUS_CATALOGUE = Object.freeze([
  { status: 'boxed', parsed: true, meaning: 'the last \\boxed{}/\\fbox{} mapped to one option' },
  { status: 'tagged', parsed: true, meaning: 'lenient: <answer>…</answer> mapped to one option' },
  { status: 'answer-line', parsed: true, meaning: 'lenient: a final "Answer: X" / "answer is X"' },
  { status: 'bare', parsed: true, meaning: 'lenient: a bare final letter' },
  { status: 'no_answer', parsed: false, meaning: 'nothing to extract' },
  { status: 'ambiguous', parsed: false, meaning: 'two different letters' },
  {
    status: 'truncated',
    parsed: false,
    meaning: 'the output was cut off: an unbalanced box, or longer than a result keeps (its length in outputLength)',
  },
  { status: 'unmatched', parsed: false, meaning: 'an answer was found but maps to no option' },
  { status: 'missing', parsed: false, meaning: 'no prediction for this item of the benchmark: counted wrong' },
] as const);

for (const entry of EXTRACT_STATUS_CATALOGUE) Object.freeze(entry);

export type ExtractStatus = (typeof EXTRACT_STATUS_CATALOGUE)[number]['status'];

/** Every status, in catalogue order (the order summaries count them in). */
export const EXTRACT_STATUSES: readonly ExtractStatus[] = Object.freeze(EXTRACT_STATUS_CATALOGUE.map((s) => s.status));

/** Statuses where an answer was found and mapped to a letter. */
export const PARSED_STATUSES: ReadonlySet<ExtractStatus> = new Set(
  EXTRACT_STATUS_CATALOGUE.filter((s) => s.parsed).map((s) => s.status),
);

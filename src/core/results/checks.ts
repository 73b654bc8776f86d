// A result line is checked, not trusted: `correct` is recomputed from the extracted letter and the gold, and token
// counts and latencies that no real generation produces (1e308 tokens, a negative or infinite latency, NaN) become
// null ("unknown") — so no table, rate or ETA ever shows "Infinity tok/s". Each change is reported by the caller.
import type { ItemResult } from '../types';

/** More tokens than any model's context holds: a count above this is a server's or an editor's mistake. */
export const MAX_PLAUSIBLE_TOKENS = 10_000_000;
/** A week: a latency above this (or below 0) was not measured on one generation. */
export const MAX_PLAUSIBLE_LATENCY_MS = 7 * 24 * 3600 * 1000;

/** A token count as stored: a whole number in [0, MAX_PLAUSIBLE_TOKENS], else null (unknown). */
export function plausibleTokens(value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return Number.isSafeInteger(value) && value >= 0 && value <= MAX_PLAUSIBLE_TOKENS ? value : null;
}

/** A latency as stored: a finite number of ms in [0, MAX_PLAUSIBLE_LATENCY_MS], else null (unknown). */
export function plausibleLatencyMs(value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return Number.isFinite(value) && value >= 0 && value <= MAX_PLAUSIBLE_LATENCY_MS ? value : null;
}

/** What `correct` must be, from the stored letter and gold alone: a letter, and it is the gold. */
export function expectedCorrect(r: Pick<ItemResult, 'letter' | 'gold'>): boolean {
  return r.letter !== null && r.letter.trim().toUpperCase() === r.gold.trim().toUpperCase();
}

/** The numeric fields of a result line before checking: any number (the schema no longer rejects them). */
export interface RawNumbers {
  promptTokens: number | null;
  completionTokens: number | null;
  latencyMs: number | null;
}

export interface CheckedResult {
  result: ItemResult;
  /** Set when the stored `correct` disagreed with the letter and the gold (the result carries the recomputed one). */
  recounted: string | null;
  /** Set when a number was implausible and is now null. */
  clamped: string | null;
}

export function checkResult(raw: Omit<ItemResult, keyof RawNumbers> & RawNumbers): CheckedResult {
  const result: ItemResult = { ...raw };
  return { result, ...checkInPlace(result) };
}

/**
 * checkResult on a line the caller owns (the reader's freshly parsed one): corrected where it stands, so that an
 * 89k-line import makes no second object per line. Messages are built only for a line that needed a change.
 */
export function checkInPlace(line: ItemResult): Omit<CheckedResult, 'result'> {
  const { promptTokens, completionTokens, latencyMs } = line;
  line.promptTokens = plausibleTokens(promptTokens);
  line.completionTokens = plausibleTokens(completionTokens);
  line.latencyMs = plausibleLatencyMs(latencyMs);
  const stored = line.correct;
  line.correct = expectedCorrect(line);
  const recounted =
    stored === line.correct
      ? null
      : `item ${line.id} says correct: ${String(stored)} but ${describeAnswer(line)} — counted ${line.correct ? 'right' : 'wrong'}`;
  if (line.promptTokens === promptTokens && line.completionTokens === completionTokens && line.latencyMs === latencyMs)
    return { recounted, clamped: null };
  const raw: RawNumbers = { promptTokens, completionTokens, latencyMs };
  const odd = (Object.keys(raw) as (keyof RawNumbers)[]).filter((k) => raw[k] !== line[k]);
  const clamped = `item ${line.id}: implausible ${odd.map((k) => `${k} ${String(raw[k])}`).join(', ')} — stored as unknown`;
  return { recounted, clamped };
}

function describeAnswer(r: Pick<ItemResult, 'letter' | 'gold'>): string {
  if (r.letter === null) return `no letter was extracted (gold ${r.gold})`;
  return `letter ${r.letter} vs gold ${r.gold}`;
}

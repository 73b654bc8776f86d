// IndexedDB failures as EvalErrors that say what to do: a full quota, a database from a newer app version,
// IndexedDB blocked (private windows), or a plain write failure.
import { EvalError } from '../core/errors';

export const nameOf = (e: unknown): string | undefined =>
  typeof e === 'object' && e !== null ? ((e as { name?: unknown }).name as string | undefined) : undefined;

/** Of the errors one failed transaction produced, the one that explains it (a quota error over an AbortError). */
export function mostTelling(errors: unknown[]): unknown {
  const present = errors.filter((e) => e !== null && e !== undefined);
  return (
    present.find((e) => nameOf(e) === 'QuotaExceededError') ??
    present.find((e) => nameOf(e) !== 'AbortError') ??
    present[0]
  );
}

const QUOTA_ADVICE =
  'The browser refused to store more results: its storage quota for this site is full. Nothing stored so far was lost. ' +
  "Free space, then resume the run: export finished runs (JSONL) and delete old runs on the results page, or clear other sites' data.";

/** Translates IndexedDB failures into EvalErrors that say what to do. */
export function storeErrorOf(e: unknown, doing: string): EvalError {
  if (e instanceof EvalError) return e;
  const name = nameOf(e);
  const detail = e instanceof Error ? e.message : String(e);
  if (name === 'QuotaExceededError') return new EvalError('store/quota', `${QUOTA_ADVICE} (${doing}: ${detail})`, e);
  if (name === 'VersionError') {
    return new EvalError(
      'store/version',
      `The results database was written by a newer version of this app (${detail}). Update the app, or use another browser profile.`,
      e,
    );
  }
  if (name === 'InvalidStateError' || name === 'UnknownError') {
    return new EvalError(
      'store/unavailable',
      `IndexedDB is not available (${detail}): private windows and some browser settings block it. Use a normal window, or run from the CLI.`,
      e,
    );
  }
  return new EvalError('store/write', `${doing} failed: ${detail}`, e);
}

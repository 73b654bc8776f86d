// Stops a run that cannot succeed: when `limit` items in a row (no success between them) fail for good with the same
// error code, the server is answering every request the same bad way; going on would only write failed lines for
// hours. From then on every generate() fails at once with backend/stopped-early, one line naming the cause, which
// the run engine treats as fatal. Stored results stay; rerunning the same command resumes.
import { EvalError, isEvalError } from '../../core/errors';

export interface FailureBreaker {
  /** The stop error once tripped, else null. */
  stopped(): EvalError | null;
  succeeded(): void;
  /** Records an item's final failure; returns what generate() should throw (the stop error when this trips it). */
  failed(e: unknown): unknown;
}

export function createFailureBreaker(limit: number): FailureBreaker {
  let code: string | null = null;
  let inARow = 0;
  let tripped: EvalError | null = null;
  return {
    stopped: () => tripped,
    succeeded: () => {
      code = null;
      inARow = 0;
    },
    failed: (e) => {
      if (tripped !== null) return tripped;
      // only the server's answers count: an unreadable image is the item's own problem
      if (!isEvalError(e) || !e.code.startsWith('backend/') || e.code === 'backend/aborted' || limit < 1) return e;
      if (e.code === code) inARow += 1;
      else {
        code = e.code;
        inARow = 1;
      }
      if (inARow < limit) return e;
      tripped = new EvalError(
        'backend/stopped-early',
        `stopped early: ${inARow} items in a row failed the same way (${e.code}): ${e.message} — fix the server or the settings, then rerun the same command to resume.`,
        e,
      );
      return tripped;
    },
  };
}

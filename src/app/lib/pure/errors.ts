// One line for the UI from anything thrown: EvalErrors keep their code so users can search for it.
import { isEvalError } from '../../../core/errors';

export function describeError(e: unknown): string {
  if (isEvalError(e)) return `${e.message} [${e.code}]`;
  if (e instanceof Error) return e.message;
  return String(e);
}

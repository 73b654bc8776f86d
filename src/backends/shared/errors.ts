// Error helpers every backend uses when it wraps an engine's failure into an EvalError.

/** The message of whatever was thrown (engines throw Errors, strings and plain objects alike). */
export function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

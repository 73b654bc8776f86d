// The CLI's window on the process: injected so commands are testable in-process.
import { EvalError, errorDomain, isEvalError } from '../core/errors';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** True when stderr is a terminal (progress bars redraw in place). */
  isTTY: boolean;
}

export const processIO = (): CliIO => ({
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  env: process.env,
  cwd: process.cwd(),
  isTTY: Boolean(process.stderr.isTTY),
});

/** Exit code 2 with a one-line message for bad arguments, unknown ids and unreadable input. */
export function usageError(message: string): EvalError {
  return new EvalError('config/usage', message);
}

/** Prints an error as one line and returns the exit code: 2 for config/dataset errors, 1 otherwise. */
export function reportError(io: CliIO, e: unknown): number {
  if (isEvalError(e)) {
    io.stderr(`medvlm-bench: ${e.message.replace(/\s*\n\s*/g, ' ')}\n`);
    const domain = errorDomain(e.code);
    return domain === 'config' || domain === 'dataset' ? 2 : 1;
  }
  io.stderr(`medvlm-bench: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return 1;
}

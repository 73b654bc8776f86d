// An in-memory CliIO so commands run in-process in tests.
import type { CliIO } from '../../src/cli/io';

export interface CapturedIO extends CliIO {
  out: () => string;
  err: () => string;
}

export function captureIO(cwd: string, env: Record<string, string | undefined> = {}): CapturedIO {
  let out = '';
  let err = '';
  return {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    env,
    cwd,
    isTTY: false,
    out: () => out,
    err: () => err,
  };
}

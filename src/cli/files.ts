// Reading and writing user files with errors that say what to do (exit 2 for unreadable input).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EvalError } from '../core/errors';
import type { CliIO } from './io';

export async function readUserFile(io: CliIO, path: string, what: string): Promise<string> {
  const full = resolve(io.cwd, path);
  try {
    return await readFile(full, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : String(code ?? e);
    throw new EvalError('config/unreadable-file', `cannot read ${what} '${path}' (${why}); check the path.`, e);
  }
}

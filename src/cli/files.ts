// Reading user files with errors that say what to do (exit 2 for unreadable input). Results and predictions files
// are streamed in chunks (streamUserFile), never read into one string, so their size is not bounded by V8's string
// limit; a file that is too large to read whole is told apart from a wrong path.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EvalError } from '../core/errors';
import type { CliIO } from './io';

/** Chunk size of a streamed read: big enough for throughput, small next to any line-length limit. */
const CHUNK_BYTES = 1024 * 1024;

export async function readUserFile(io: CliIO, path: string, what: string): Promise<string> {
  const full = resolve(io.cwd, path);
  try {
    return await readFile(full, 'utf8');
  } catch (e) {
    throw unreadable(path, what, e);
  }
}

/** Reads a user file piece by piece (UTF-8, split safely between multi-byte characters) into `push`. */
export async function streamUserFile(
  io: CliIO,
  path: string,
  what: string,
  push: (chunk: string) => void,
): Promise<void> {
  const full = resolve(io.cwd, path);
  try {
    const info = await stat(full);
    if (info.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    const stream = createReadStream(full, { encoding: 'utf8', highWaterMark: CHUNK_BYTES });
    for await (const chunk of stream as AsyncIterable<string>) push(chunk);
  } catch (e) {
    throw unreadable(path, what, e);
  }
}

function unreadable(path: string, what: string, e: unknown): EvalError {
  const code = (e as NodeJS.ErrnoException).code;
  // Node refuses a buffer over 2 GiB (ERR_FS_FILE_TOO_LARGE) and a string over ~512 MiB (ERR_STRING_TOO_LONG): the
  // path is right, the file is just too big to hold at once.
  if (code === 'ERR_FS_FILE_TOO_LARGE' || code === 'ERR_STRING_TOO_LONG')
    return new EvalError(
      'config/file-too-large',
      `${what} '${path}' is too large to read at once (${code}); split it into smaller files.`,
      e,
    );
  const why =
    code === 'ENOENT'
      ? 'file not found'
      : code === 'EISDIR'
        ? 'is a directory'
        : code === 'EACCES'
          ? 'permission denied'
          : String(code ?? e);
  return new EvalError('config/unreadable-file', `cannot read ${what} '${path}' (${why}); check the path.`, e);
}

// DatasetSource over a local folder (Node CLI, tests): relative '/'-separated paths, reads confined to the root
// (folders reached through links must resolve inside it; a file link may point anywhere, like a Hugging Face cache
// snapshot's links into its blob store), text checked to be UTF-8.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { open, readFile, realpath, stat } from 'node:fs/promises';
import { dirname, resolve, sep } from 'node:path';
import { EvalError } from '../core/errors';
import type { DatasetSource, ListingProblem } from '../core/ports';
import { isInside, walkDataset } from './fs-walk';
import { readFileRange } from './node-file-reader';
import { decodeUtf8 } from './utf8';

export function createFsSource(root: string): DatasetSource {
  const abs = resolve(root);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    throw new EvalError(
      'dataset/missing-dir',
      `Data directory not found: '${abs}'. Pass --data <dir> pointing at the folder that holds the benchmark's raw files.`,
    );
  }
  const rootReal = realpathSync(abs);
  let problems: ListingProblem[] = [];
  /** Folders already checked to resolve inside the root (a run reads thousands of images from a few folders). */
  const insideDirs = new Set<string>([abs]);
  const resolveInside = async (path: string): Promise<string> => {
    const full = resolve(abs, path);
    if (full !== abs && !full.startsWith(abs + sep)) {
      throw new EvalError('dataset/bad-path', `Path '${path}' points outside the data directory '${abs}'.`);
    }
    const dir = dirname(full);
    if (!insideDirs.has(dir)) {
      const real = await realpath(dir);
      if (!isInside(rootReal, real))
        throw new EvalError(
          'dataset/bad-path',
          `Path '${path}' goes through a link to a folder outside the data directory '${abs}'; it is not read.`,
        );
      insideDirs.add(dir);
    }
    return full;
  };
  const read = async <T>(path: string, fn: (full: string) => Promise<T>): Promise<T> => {
    try {
      const full = await resolveInside(path);
      // a FIFO or a device would block or never end: only regular files (or links to them) are read
      if (!(await stat(full)).isFile()) throw Object.assign(new Error(`'${path}' is not a file`), { code: 'EISDIR' });
      return await fn(full);
    } catch (e) {
      if (e instanceof EvalError) throw e;
      const code = (e as { code?: unknown }).code;
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') {
        throw new EvalError('dataset/missing-file', `File '${path}' not found under '${abs}'.`, e);
      }
      throw new EvalError(
        'dataset/read-failed',
        `Could not read '${path}' under '${abs}': ${e instanceof Error ? e.message : String(e)}`,
        e,
      );
    }
  };
  return {
    root,
    async list() {
      try {
        const walked = await walkDataset(rootReal);
        problems = walked.problems;
        return walked.files;
      } catch (e) {
        throw new EvalError(
          'dataset/read-failed',
          `Cannot list the data directory '${abs}': ${e instanceof Error ? e.message : String(e)}`,
          e,
        );
      }
    },
    listProblems: () => problems,
    readText: (path) => read(path, async (full) => decodeUtf8(await readFile(full), path)),
    readBytes: (path) =>
      read(path, async (full) => {
        const buf = await readFile(full);
        return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
      }),
    size: (path) => read(path, async (full) => (await stat(full)).size),
    readRange: (path, start, endExclusive) =>
      read(path, async (full) => {
        const handle = await open(full, 'r');
        try {
          return await readFileRange(handle, start, endExclusive);
        } finally {
          await handle.close();
        }
      }),
  };
}

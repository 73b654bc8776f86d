// DatasetSource over a local folder (Node CLI, tests): relative '/'-separated paths, reads confined to the root.
import { existsSync, statSync } from 'node:fs';
import { open, readFile, readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { EvalError } from '../core/errors';
import type { DatasetSource } from '../core/ports';
import { readFileRange } from './node-file-reader';

/** Every file below `dir`, following symlinks (datasets are often linked in) but never the same folder twice. */
async function walk(dir: string, out: string[], seen: Set<string>): Promise<void> {
  const real = await realpath(dir);
  if (seen.has(real)) return;
  seen.add(real);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await stat(full).catch(() => null); // a dangling link is not a file
      isDir = target?.isDirectory() ?? false;
      isFile = target?.isFile() ?? false;
    }
    if (isDir) await walk(full, out, seen);
    else if (isFile) out.push(full);
  }
}

export function createFsSource(root: string): DatasetSource {
  const abs = resolve(root);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    throw new EvalError(
      'dataset/missing-dir',
      `Data directory not found: '${abs}'. Pass --data <dir> pointing at the folder that holds the benchmark's raw files.`,
    );
  }
  const resolveInside = (path: string): string => {
    const full = resolve(abs, path);
    if (full !== abs && !full.startsWith(abs + sep)) {
      throw new EvalError('dataset/bad-path', `Path '${path}' points outside the data directory '${abs}'.`);
    }
    return full;
  };
  const read = async <T>(path: string, fn: (full: string) => Promise<T>): Promise<T> => {
    const full = resolveInside(path);
    try {
      return await fn(full);
    } catch (e) {
      const code = (e as { code?: unknown }).code;
      if (code === 'ENOENT' || code === 'EISDIR') {
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
      const files: string[] = [];
      await walk(abs, files, new Set());
      return files.map((f) => relative(abs, f).split(sep).join('/')).sort();
    },
    readText: (path) => read(path, (full) => readFile(full, 'utf8')),
    readBytes: (path) =>
      read(path, async (full) => {
        const buf = await readFile(full);
        return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
      }),
    size: (path) =>
      read(path, async (full) => {
        const info = await stat(full);
        if (info.isDirectory()) throw Object.assign(new Error(`'${path}' is a folder`), { code: 'EISDIR' });
        return info.size;
      }),
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

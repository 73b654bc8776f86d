// DatasetSources over files the user gave the page: an `<input webkitdirectory>` FileList or dropped files
// (paths from webkitRelativePath or from walking the drop), and a folder picked with showDirectoryPicker
// (a FileSystemDirectoryHandle, walked once). Reads go through Blob.slice: only the bytes asked for are loaded.
import { EvalError } from '../core/errors';
import type { DatasetSource } from '../core/ports';
import { clampRange } from './range-reader';
import { stripCommonTopFolder } from './top-folder';
import { decodeUtf8 } from './utf8';

/** A file and the path it has inside the dataset. */
export interface PathedFile {
  path: string;
  file: File;
}

/** A DatasetSource over files resolved lazily by path (a File, or a handle's getFile()). */
function sourceOver(root: string, paths: () => Promise<Map<string, () => Promise<File>>>): DatasetSource {
  let table: Promise<Map<string, () => Promise<File>>> | null = null;
  const files = (): Promise<Map<string, () => Promise<File>>> => (table ??= paths());
  const fileOf = async (path: string): Promise<File> => {
    const get = (await files()).get(path);
    if (get === undefined) throw new EvalError('dataset/missing-file', `File '${path}' not found in ${root}.`);
    try {
      return await get();
    } catch (e) {
      throw new EvalError('dataset/read-failed', `Could not open '${path}' in ${root}: pick the folder again.`, e);
    }
  };
  const slice = async (path: string, start: number, end: number): Promise<Uint8Array> => {
    const file = await fileOf(path);
    const [s, e] = clampRange(file.size, start, end);
    try {
      return new Uint8Array(await file.slice(s, e).arrayBuffer());
    } catch (err) {
      // Chromium throws NotReadableError when the file changed on disk after it was picked.
      throw new EvalError(
        'dataset/read-failed',
        `Could not read '${path}' in ${root} (it may have changed): pick the folder again.`,
        err,
      );
    }
  };
  return {
    root,
    list: async () => [...(await files()).keys()].sort(),
    readBytes: async (path) => slice(path, 0, Number.MAX_SAFE_INTEGER),
    readText: async (path) => decodeUtf8(await slice(path, 0, Number.MAX_SAFE_INTEGER), path),
    size: async (path) => (await fileOf(path)).size,
    readRange: slice,
  };
}

/**
 * Files from `<input webkitdirectory>` (each with webkitRelativePath "<picked folder>/…", whose first segment
 * is dropped) or explicit {path, file} pairs from a drop. Junk like .DS_Store is skipped.
 */
export function createFileListSource(
  files: Iterable<File | PathedFile> | ArrayLike<File>,
  root = 'picked folder',
): DatasetSource {
  const list = Array.from(files as Iterable<File | PathedFile>);
  const raw = list.map((f) => (f instanceof File ? f.webkitRelativePath || f.name : f.path).replace(/^\/+/, ''));
  const paths = stripCommonTopFolder(raw);
  return sourceOver(root, async () => {
    const map = new Map<string, () => Promise<File>>();
    list.forEach((f, i) => {
      const path = paths[i];
      if (path === undefined || path === '' || isJunk(path)) return;
      const file = f instanceof File ? f : f.file;
      map.set(path, async () => file);
    });
    return map;
  });
}

function isJunk(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base === '.DS_Store' || base === 'Thumbs.db' || path.startsWith('__MACOSX/');
}

/** The parts of FileSystemDirectoryHandle / FileSystemFileHandle used here (structural, so tests can fake them). */
export interface FileHandleLike {
  readonly kind: 'file';
  readonly name: string;
  getFile(): Promise<File>;
}
export interface DirectoryHandleLike {
  readonly kind: 'directory';
  readonly name: string;
  values(): AsyncIterable<FileHandleLike | DirectoryHandleLike>;
}

/** A folder picked with showDirectoryPicker: walked once on first list; each file opened when first read. */
export function createDirectoryHandleSource(handle: DirectoryHandleLike): DatasetSource {
  return sourceOver(handle.name, async () => {
    const map = new Map<string, () => Promise<File>>();
    const walk = async (dir: DirectoryHandleLike, prefix: string): Promise<void> => {
      for await (const entry of dir.values()) {
        const path = prefix + entry.name;
        if (entry.kind === 'directory') await walk(entry, `${path}/`);
        else if (!isJunk(path)) {
          let file: Promise<File> | null = null;
          map.set(path, () => (file ??= entry.getFile()));
        }
      }
    };
    await walk(handle, '');
    return map;
  });
}

/** The parts of a dropped FileSystemEntry used here (webkitGetAsEntry()). */
export interface DroppedEntryLike {
  readonly isFile: boolean;
  readonly isDirectory: boolean;
  readonly name: string;
  file?(success: (file: File) => void, failure?: (e: unknown) => void): void;
  createReader?(): {
    readEntries(success: (entries: DroppedEntryLike[]) => void, failure?: (e: unknown) => void): void;
  };
}

/** Files and folders dropped on the page (DataTransferItem.webkitGetAsEntry()), with their paths, for createFileListSource. */
export async function collectDroppedFiles(entries: readonly DroppedEntryLike[]): Promise<PathedFile[]> {
  const out: PathedFile[] = [];
  const visit = async (entry: DroppedEntryLike, prefix: string): Promise<void> => {
    const path = prefix + entry.name;
    if (entry.isFile && entry.file !== undefined) {
      const read = entry.file.bind(entry);
      out.push({ path, file: await new Promise<File>((resolve, reject) => read(resolve, reject)) });
    } else if (entry.isDirectory && entry.createReader !== undefined) {
      const reader = entry.createReader();
      // readEntries returns at most 100 entries per call (Chromium): call until it returns none.
      for (;;) {
        const batch = await new Promise<DroppedEntryLike[]>((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        for (const child of batch) await visit(child, `${path}/`);
      }
    }
  };
  for (const entry of entries) await visit(entry, '');
  return out;
}

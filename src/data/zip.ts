// DatasetSource over a zip archive read by random access: the central directory once (zip-directory.ts, one range
// read), then only the entries asked for. A STORED entry (how images usually ship) is range-read in place; a
// deflated one is inflated with the platform's DecompressionStream('deflate-raw') and kept while it is the one
// being read (a parquet footer and its column chunks).
import { EvalError, isEvalError } from '../core/errors';
import type { DatasetSource } from '../core/ports';
import { clampRange, type RangeReader } from './range-reader';
import { stripCommonTopFolder } from './top-folder';
import { readZipDirectory, type ZipEntry } from './zip-directory';
import { decodeUtf8 } from './utf8';

const STORED = 0;
const DEFLATED = 8;
const LOCAL_HEADER = 30;
const LOCAL_SIGNATURE = 0x04034b50;
const HEADER_SLACK = 256;

async function inflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  // The view over its own ArrayBuffer (what Blob takes); a SharedArrayBuffer-backed one is copied.
  const own =
    bytes.buffer instanceof ArrayBuffer
      ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      : bytes.slice();
  const stream = new Blob([own]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export interface ZipSourceOptions {
  /** Drop one folder that holds everything (OmniMedVQA.zip → OmniMedVQA/…). Default true. */
  stripTopFolder?: boolean;
}

/** Skips what archivers add beside the data: macOS resource forks and Finder files. */
function isJunk(name: string): boolean {
  return name.startsWith('__MACOSX/') || name.endsWith('/.DS_Store') || name === '.DS_Store';
}

export function createZipSource(reader: RangeReader, options: ZipSourceOptions = {}): DatasetSource {
  let opened: Promise<Map<string, ZipEntry>> | null = null;
  const entries = (): Promise<Map<string, ZipEntry>> => {
    opened ??= openArchive(reader, options.stripTopFolder ?? true).catch((e: unknown) => {
      opened = null;
      throw e;
    });
    return opened;
  };
  const entryOf = async (path: string): Promise<ZipEntry> => {
    const entry = (await entries()).get(path);
    if (entry === undefined)
      throw new EvalError('dataset/missing-file', `File '${path}' not found in the archive ${reader.name}.`);
    return entry;
  };

  /** Where an entry's data starts, from the bytes at its local header. */
  const localDataStart = (entry: ZipEntry, h: Uint8Array): number => {
    const view = new DataView(h.buffer, h.byteOffset, h.byteLength);
    if (h.byteLength < LOCAL_HEADER || view.getUint32(0, true) !== LOCAL_SIGNATURE)
      throw new EvalError('dataset/read-failed', `The archive ${reader.name} is damaged at '${entry.name}'.`);
    return entry.offset + LOCAL_HEADER + view.getUint16(26, true) + view.getUint16(28, true);
  };

  /** Where an entry's bytes start: after its local header, whose extra field may differ from the directory's. */
  const dataStart = new Map<ZipEntry, Promise<number>>();
  const entryDataStart = (entry: ZipEntry): Promise<number> => {
    let start = dataStart.get(entry);
    if (start === undefined) {
      start = reader.read(entry.offset, entry.offset + LOCAL_HEADER).then((h) => localDataStart(entry, h));
      dataStart.set(entry, start);
    }
    return start;
  };

  const unpack = async (entry: ZipEntry): Promise<Uint8Array> => {
    if (entry.encrypted || (entry.method !== DEFLATED && entry.method !== STORED))
      throw new EvalError(
        'dataset/read-failed',
        `'${entry.name}' in ${reader.name} is ${entry.encrypted ? 'encrypted' : `compressed with method ${entry.method}`}, which cannot be read: unpack the archive and pass the folder.`,
      );
    // The local header and the data in one read (one request over HTTP), with slack for a longer local extra field.
    const span = LOCAL_HEADER + entry.headerHint + HEADER_SLACK + entry.compressedSize;
    const chunk = await reader.read(entry.offset, entry.offset + span);
    const at = localDataStart(entry, chunk) - entry.offset;
    if (!dataStart.has(entry)) dataStart.set(entry, Promise.resolve(entry.offset + at));
    const raw =
      at + entry.compressedSize <= chunk.byteLength
        ? chunk.subarray(at, at + entry.compressedSize)
        : await reader.read(entry.offset + at, entry.offset + at + entry.compressedSize);
    const bytes = entry.method === STORED ? raw : await inflateRaw(raw);
    if (bytes.byteLength !== entry.size) throw new Error(`${bytes.byteLength} bytes instead of ${entry.size}`);
    return bytes;
  };

  // The last inflated entry: hyparquet reads a file in several ranges; inflating it again for each is waste.
  let inflated: { entry: ZipEntry; bytes: Promise<Uint8Array> } | null = null;
  const inflate = (entry: ZipEntry): Promise<Uint8Array> => {
    if (inflated?.entry !== entry) {
      const bytes = unpack(entry).catch((e: unknown) => {
        if (isEvalError(e)) throw e;
        throw new EvalError(
          'dataset/read-failed',
          `Could not unpack '${entry.name}' from ${reader.name}: ${e instanceof Error ? e.message : String(e)}`,
          e,
        );
      });
      inflated = { entry, bytes };
    }
    return inflated.bytes;
  };

  const readRange = async (path: string, start: number, endExclusive: number): Promise<Uint8Array> => {
    const entry = await entryOf(path);
    const [s, e] = clampRange(entry.size, start, endExclusive);
    if (s === e) return new Uint8Array(0);
    if (entry.method === STORED && !entry.encrypted) {
      const at = await entryDataStart(entry);
      return reader.read(at + s, at + e);
    }
    return (await inflate(entry)).subarray(s, e);
  };

  return {
    root: reader.name,
    list: async () => [...(await entries()).keys()].sort(),
    readBytes: async (path) => readRange(path, 0, Number.MAX_SAFE_INTEGER),
    readText: async (path) => decodeUtf8(await readRange(path, 0, Number.MAX_SAFE_INTEGER), path),
    size: async (path) => (await entryOf(path)).size,
    readRange,
  };
}

async function openArchive(reader: RangeReader, strip: boolean): Promise<Map<string, ZipEntry>> {
  let all: ZipEntry[];
  try {
    all = await readZipDirectory(reader);
  } catch (e) {
    if (isEvalError(e)) throw e;
    throw new EvalError(
      'dataset/bad-archive',
      `${reader.name} is not a readable zip archive (${e instanceof Error ? e.message : String(e)}): download it again, or unpack it and pass the folder.`,
      e,
    );
  }
  const files = all.filter((e) => !e.directory).filter((e) => !isJunk(e.name.replace(/\\/g, '/')));
  const names = files.map((e) => e.name.replace(/\\/g, '/').replace(/^\/+/, ''));
  const paths = strip ? stripCommonTopFolder(names) : names;
  const map = new Map<string, ZipEntry>();
  files.forEach((entry, i) => {
    const path = paths[i];
    if (path !== undefined && path !== '' && !map.has(path)) map.set(path, entry);
  });
  return map;
}

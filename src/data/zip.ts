// DatasetSource over a zip archive read by random access (@zip.js/zip.js): the central directory once, then
// only the entries asked for. A STORED entry (how images usually ship) is range-read in place; a deflated one is
// inflated once and kept while it is the one being read (a parquet footer and its column chunks).
import {
  type Entry,
  type FileEntry,
  Reader,
  Uint8ArrayWriter,
  ZipReader,
  configure,
} from '@zip.js/zip.js/lib/zip-core-native.js';
import { EvalError } from '../core/errors';
import type { DatasetSource } from '../core/ports';
import { clampRange, type RangeReader } from './range-reader';
import { stripCommonTopFolder } from './top-folder';

// No zip.js workers (loading runs in our own worker), and the platform's DecompressionStream where it exists
// (zip.js falls back to its JS inflate elsewhere).
configure({ useWebWorkers: false, useCompressionStream: true });

const STORED = 0;
const LOCAL_HEADER = 30;
const LOCAL_SIGNATURE = 0x04034b50;
const decoder = new TextDecoder();

/** zip.js's Reader contract over our RangeReader, so every byte zip.js reads is counted there. */
class RangeZipReader extends Reader<RangeReader> {
  constructor(private readonly source: RangeReader) {
    super(source);
  }
  override async init(): Promise<void> {
    this.size = await this.source.size();
  }
  override readUint8Array(index: number, length: number): Promise<Uint8Array> {
    return this.source.read(index, index + length);
  }
}

export interface ZipSourceOptions {
  /** Drop one folder that holds everything (OmniMedVQA.zip → OmniMedVQA/…). Default true. */
  stripTopFolder?: boolean;
}

function isFileEntry(entry: Entry): entry is FileEntry {
  return !entry.directory;
}

/** Skips what archivers add beside the data: macOS resource forks and Finder files. */
function isJunk(name: string): boolean {
  return name.startsWith('__MACOSX/') || name.endsWith('/.DS_Store') || name === '.DS_Store';
}

export function createZipSource(reader: RangeReader, options: ZipSourceOptions = {}): DatasetSource {
  let opened: Promise<Map<string, FileEntry>> | null = null;
  const entries = (): Promise<Map<string, FileEntry>> => {
    opened ??= openArchive(reader, options.stripTopFolder ?? true).catch((e: unknown) => {
      opened = null;
      throw e;
    });
    return opened;
  };
  const entryOf = async (path: string): Promise<FileEntry> => {
    const entry = (await entries()).get(path);
    if (entry === undefined)
      throw new EvalError('dataset/missing-file', `File '${path}' not found in the archive ${reader.name}.`);
    return entry;
  };

  // The last inflated entry: hyparquet reads a file in several ranges; inflating it again for each is waste.
  let inflated: { entry: FileEntry; bytes: Promise<Uint8Array> } | null = null;
  const inflate = (entry: FileEntry): Promise<Uint8Array> => {
    if (inflated?.entry !== entry) {
      const bytes = entry.getData(new Uint8ArrayWriter()).catch((e: unknown) => {
        throw new EvalError(
          'dataset/read-failed',
          `Could not unpack '${entry.filename}' from ${reader.name}: ${e instanceof Error ? e.message : String(e)}`,
          e,
        );
      });
      inflated = { entry, bytes };
    }
    return inflated.bytes;
  };

  /** Where a STORED entry's bytes start: after its local header, whose extra field may differ from the directory's. */
  const dataStart = new Map<FileEntry, Promise<number>>();
  const storedStart = (entry: FileEntry): Promise<number> => {
    let start = dataStart.get(entry);
    if (start === undefined) {
      start = reader.read(entry.offset, entry.offset + LOCAL_HEADER).then((h) => {
        const view = new DataView(h.buffer, h.byteOffset, h.byteLength);
        if (h.byteLength < LOCAL_HEADER || view.getUint32(0, true) !== LOCAL_SIGNATURE)
          throw new EvalError('dataset/read-failed', `The archive ${reader.name} is damaged at '${entry.filename}'.`);
        return entry.offset + LOCAL_HEADER + view.getUint16(26, true) + view.getUint16(28, true);
      });
      dataStart.set(entry, start);
    }
    return start;
  };

  const readRange = async (path: string, start: number, endExclusive: number): Promise<Uint8Array> => {
    const entry = await entryOf(path);
    const [s, e] = clampRange(entry.uncompressedSize, start, endExclusive);
    if (s === e) return new Uint8Array(0);
    if (entry.compressionMethod === STORED && !entry.encrypted) {
      const at = await storedStart(entry);
      return reader.read(at + s, at + e);
    }
    return (await inflate(entry)).subarray(s, e);
  };

  return {
    root: reader.name,
    list: async () => [...(await entries()).keys()].sort(),
    readBytes: async (path) => readRange(path, 0, Number.MAX_SAFE_INTEGER),
    readText: async (path) => decoder.decode(await readRange(path, 0, Number.MAX_SAFE_INTEGER)),
    size: async (path) => (await entryOf(path)).uncompressedSize,
    readRange,
  };
}

async function openArchive(reader: RangeReader, strip: boolean): Promise<Map<string, FileEntry>> {
  let all: Entry[];
  try {
    all = await new ZipReader(new RangeZipReader(reader)).getEntries();
  } catch (e) {
    if ((e as { code?: unknown }).code !== undefined && String((e as { code: unknown }).code).includes('/')) throw e;
    throw new EvalError(
      'dataset/bad-archive',
      `${reader.name} is not a readable zip archive (${e instanceof Error ? e.message : String(e)}): download it again, or unpack it and pass the folder.`,
      e,
    );
  }
  const files = all.filter(isFileEntry).filter((e) => !isJunk(e.filename.replace(/\\/g, '/')));
  const names = files.map((e) => e.filename.replace(/\\/g, '/').replace(/^\/+/, ''));
  const paths = strip ? stripCommonTopFolder(names) : names;
  const map = new Map<string, FileEntry>();
  files.forEach((entry, i) => {
    const path = paths[i];
    if (path !== undefined && path !== '' && !map.has(path)) map.set(path, entry);
  });
  return map;
}

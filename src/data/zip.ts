// DatasetSource over a zip archive read by random access: the central directory once (zip-directory.ts, one range
// read), then only the entries asked for. A STORED entry (how images usually ship) is range-read in place; a
// deflated one is inflated with the platform's DecompressionStream('deflate-raw') and kept while it is the one
// being read (a parquet footer and its column chunks). Files announced together (willRead: OmniMedVQA's question
// files) are fetched in as few reads as their layout allows: neighbours less than COALESCE_GAP apart share one.
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
/**
 * Announced entries less than this apart are read as one range, gap included: over HTTP a round trip (and its Cache
 * Storage lookup and write) costs more than a MiB of bytes. 1 MiB is object_store's default coalescing gap.
 */
const COALESCE_GAP = 1024 * 1024;
/**
 * A coalesced read spans at most this: its first file is parsed only once all of it has arrived, and the next one
 * is fetched while this one is parsed (readAhead asks a few files ahead); its bytes are held until its last entry
 * has been read.
 */
const COALESCE_MAX = 2 * 1024 * 1024;

/** One read shared by several announced entries; `left` counts those not yet taken, its bytes dropped at 0. */
interface SharedRead {
  start: number;
  end: number;
  left: number;
  bytes: Promise<Uint8Array> | null;
}

/** Inflates raw deflate data on this thread (the platform's DecompressionStream). */
export async function inflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  // The view over its own ArrayBuffer (what the stream takes); a SharedArrayBuffer-backed one is copied.
  const own =
    bytes.buffer instanceof ArrayBuffer
      ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      : bytes.slice();
  // Handed to the decompressor as one chunk: through a Blob (to the browser's blob store and streamed back) each
  // inflate took ≈1.7× as long in Chromium (bench:data inflates ≈40 question files).
  const input = new ReadableStream<Uint8Array<ArrayBuffer>>({
    start(controller) {
      controller.enqueue(own);
      controller.close();
    },
  });
  return new Uint8Array(await new Response(input.pipeThrough(new DecompressionStream('deflate-raw'))).arrayBuffer());
}

export interface ZipSourceOptions {
  /** Drop one folder that holds everything (OmniMedVQA.zip → OmniMedVQA/…). Default true. */
  stripTopFolder?: boolean;
  /**
   * Inflates a deflated entry's bytes; default inflateRaw on this thread. The data worker passes one that runs in a
   * helper worker, so inflating the next question files overlaps with parsing this one.
   */
  inflate?: (deflated: Uint8Array) => Promise<Uint8Array>;
}

/** Skips what archivers add beside the data: macOS resource forks and Finder files. */
function isJunk(name: string): boolean {
  return name.startsWith('__MACOSX/') || name.endsWith('/.DS_Store') || name === '.DS_Store';
}

export function createZipSource(reader: RangeReader, options: ZipSourceOptions = {}): DatasetSource {
  const inflateWith = options.inflate ?? inflateRaw;
  let opened: Promise<Map<string, ZipEntry>> | null = null;
  const entries = (): Promise<Map<string, ZipEntry>> => {
    opened ??= openArchive(reader, options.stripTopFolder ?? true).catch((e: unknown) => {
      opened = null;
      throw e;
    });
    return opened;
  };
  // Sorted once per archive: a load lists it for detection and again in its adapter.
  let sorted: { of: Map<string, ZipEntry>; paths: string[] } | null = null;
  const sortedPaths = async (): Promise<string[]> => {
    const map = await entries();
    if (sorted?.of !== map) sorted = { of: map, paths: [...map.keys()].sort() };
    return sorted.paths;
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

  /** The local header and the data in one read, with slack for a longer local extra field. */
  const spanOf = (entry: ZipEntry): number => LOCAL_HEADER + entry.headerHint + HEADER_SLACK + entry.compressedSize;
  const readable = (entry: ZipEntry): boolean =>
    !entry.encrypted && (entry.method === DEFLATED || entry.method === STORED);

  // Announced entries → the read each shares with its neighbours; set once the announcement has been planned.
  const shared = new Map<ZipEntry, SharedRead>();
  let planning: Promise<void> = Promise.resolve();
  const willRead = (paths: readonly string[]): void => {
    planning = planning
      .then(async () => {
        const map = await entries();
        const wanted: ZipEntry[] = [];
        for (const path of paths) {
          const entry = map.get(path);
          if (entry !== undefined && readable(entry) && !shared.has(entry)) wanted.push(entry);
        }
        wanted.sort((a, b) => a.offset - b.offset);
        let run: SharedRead | null = null;
        for (const entry of wanted) {
          const end = entry.offset + spanOf(entry);
          if (run !== null && entry.offset - run.end <= COALESCE_GAP && end - run.start <= COALESCE_MAX) {
            run.end = Math.max(run.end, end);
            run.left++;
          } else run = { start: entry.offset, end, left: 1, bytes: null };
          shared.set(entry, run);
        }
      })
      .catch(() => undefined); // a listing failure surfaces on the read itself
  };

  /** The entry's bytes from its local header on: out of its shared read when it was announced, else its own. */
  const headerAndData = async (entry: ZipEntry): Promise<Uint8Array> => {
    await planning;
    const run = shared.get(entry);
    if (run === undefined) return reader.read(entry.offset, entry.offset + spanOf(entry));
    shared.delete(entry);
    run.bytes ??= reader.read(run.start, run.end);
    const bytes = run.bytes;
    if (--run.left === 0) run.bytes = null;
    return (await bytes).subarray(entry.offset - run.start);
  };

  const unpack = async (entry: ZipEntry): Promise<Uint8Array> => {
    if (!readable(entry))
      throw new EvalError(
        'dataset/read-failed',
        `'${entry.name}' in ${reader.name} is ${entry.encrypted ? 'encrypted' : `compressed with method ${entry.method}`}, which cannot be read: unpack the archive and pass the folder.`,
      );
    const chunk = await headerAndData(entry);
    const at = localDataStart(entry, chunk) - entry.offset;
    if (!dataStart.has(entry)) dataStart.set(entry, Promise.resolve(entry.offset + at));
    const raw =
      at + entry.compressedSize <= chunk.byteLength
        ? chunk.subarray(at, at + entry.compressedSize)
        : await reader.read(entry.offset + at, entry.offset + at + entry.compressedSize);
    const bytes = entry.method === STORED ? raw : await inflateWith(raw);
    if (bytes.byteLength !== entry.size) throw new Error(`${bytes.byteLength} bytes instead of ${entry.size}`);
    return bytes;
  };

  // The last inflated entry: hyparquet reads a file in several ranges; inflating it again for each is waste.
  let inflated: { entry: ZipEntry; bytes: Promise<Uint8Array> } | null = null;
  const inflate = (entry: ZipEntry): Promise<Uint8Array> => {
    if (inflated?.entry !== entry) {
      const bytes = unpack(entry).catch((e: unknown) => {
        // A failed read is not kept: reading the file again tries again.
        if (inflated?.entry === entry) inflated = null;
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
    await planning; // an entry announced just before is read out of its shared read
    const [s, e] = clampRange(entry.size, start, endExclusive);
    if (s === e) return new Uint8Array(0);
    if (entry.method === STORED && !entry.encrypted && !shared.has(entry)) {
      const at = await entryDataStart(entry);
      return reader.read(at + s, at + e);
    }
    return (await inflate(entry)).subarray(s, e);
  };

  return {
    root: reader.name,
    list: async () => (await sortedPaths()).slice(),
    readBytes: async (path) => readRange(path, 0, Number.MAX_SAFE_INTEGER),
    readText: async (path) => decodeUtf8(await readRange(path, 0, Number.MAX_SAFE_INTEGER), path),
    size: async (path) => (await entryOf(path)).size,
    readRange,
    willRead,
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
  const files: ZipEntry[] = [];
  const names: string[] = [];
  for (const entry of all) {
    if (entry.directory) continue;
    // Most names need no cleaning: the regexes only for those that do (a listing has tens of thousands).
    let name = entry.name.indexOf('\\') >= 0 ? entry.name.replace(/\\/g, '/') : entry.name;
    if (isJunk(name)) continue;
    if (name.charCodeAt(0) === 47 /* '/' */) name = name.replace(/^\/+/, '');
    files.push(entry);
    names.push(name);
  }
  const paths = strip ? stripCommonTopFolder(names) : names;
  const map = new Map<string, ZipEntry>();
  files.forEach((entry, i) => {
    const path = paths[i];
    if (path !== undefined && path !== '' && !map.has(path)) map.set(path, entry);
  });
  return map;
}

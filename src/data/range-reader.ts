// Random access to one large file (a zip archive, a parquet file) by byte ranges: the one primitive every
// source below builds on, so that nothing ever has to hold a multi-GB download in memory.
import { EvalError } from '../core/errors';

/** One file read by ranges. Counts what it read, so tests (and progress) can bound a source's traffic. */
export interface RangeReader {
  /** For messages: a path, a URL or a file name. */
  readonly name: string;
  size(): Promise<number>;
  /** Bytes [start, endExclusive), clamped to the end of the file. */
  read(start: number, endExclusive: number): Promise<Uint8Array>;
  /** Bytes delivered by read() so far. */
  readonly bytesRead: number;
}

/** [start, end) within [0, size], whole numbers; a reversed or empty range reads nothing. */
export function clampRange(size: number, start: number, endExclusive: number): [number, number] {
  const s = Math.min(Math.max(0, Math.floor(start)), size);
  const e = Math.min(Math.max(s, Math.floor(endExclusive)), size);
  return [s, e];
}

/**
 * A RangeReader from two primitives: the size (asked once) and a raw read of an in-bounds range.
 * Clamping and counting live here so every reader does them the same way.
 */
export function makeRangeReader(
  name: string,
  getSize: () => Promise<number>,
  readRaw: (start: number, endExclusive: number) => Promise<Uint8Array>,
): RangeReader {
  let size: Promise<number> | null = null;
  let bytesRead = 0;
  const sizeOnce = (): Promise<number> => {
    size ??= getSize().catch((e: unknown) => {
      size = null; // a transient failure may succeed on retry
      throw e;
    });
    return size;
  };
  return {
    name,
    size: sizeOnce,
    async read(start, endExclusive) {
      const [s, e] = clampRange(await sizeOnce(), start, endExclusive);
      if (e === s) return new Uint8Array(0);
      const bytes = await readRaw(s, e);
      if (bytes.byteLength !== e - s) {
        throw new EvalError(
          'dataset/read-failed',
          `Reading bytes ${s}–${e} of ${name} returned ${bytes.byteLength} bytes instead of ${e - s}: the file changed or was truncated; pick it again.`,
        );
      }
      bytesRead += bytes.byteLength;
      return bytes;
    },
    get bytesRead() {
      return bytesRead;
    },
  };
}

/** A Blob or File (a picked or dropped file, a fetched body) read by Blob.slice: only the slice is loaded. */
export function createBlobReader(blob: Blob, name = blob instanceof File ? blob.name : 'blob'): RangeReader {
  return makeRangeReader(
    name,
    async () => blob.size,
    async (s, e) => new Uint8Array(await blob.slice(s, e).arrayBuffer()),
  );
}

/** Bytes already in memory (tests, small downloads). */
export function createBytesReader(bytes: Uint8Array, name = 'memory'): RangeReader {
  return makeRangeReader(
    name,
    async () => bytes.byteLength,
    async (s, e) => bytes.slice(s, e),
  );
}

// Node only (CLI, tests): a local file read by positional FileHandle.read — a 10 GB zip costs only the ranges asked.
import { type FileHandle, open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { makeRangeReader, type RangeReader } from './range-reader';

/** Bytes [start, endExclusive) of an open file; shorter only when the file ends first. */
export async function readFileRange(handle: FileHandle, start: number, endExclusive: number): Promise<Uint8Array> {
  const length = Math.max(0, endExclusive - start);
  const out = new Uint8Array(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle.read(out, filled, length - filled, start + filled);
    if (bytesRead === 0) return out.subarray(0, filled);
    filled += bytesRead;
  }
  return out;
}

/**
 * A RangeReader over a local file. Each read opens, reads at its offset and closes: the DatasetSource port has
 * no close(), and a handle left to the garbage collector is a leak Node warns about. An open costs microseconds
 * next to the reads of a zip's central directory or an image.
 */
export function createNodeFileReader(path: string): RangeReader {
  return makeRangeReader(
    basename(path),
    async () => (await stat(path)).size,
    async (s, e) => {
      const handle = await open(path, 'r');
      try {
        return await readFileRange(handle, s, e);
      } finally {
        await handle.close();
      }
    },
  );
}

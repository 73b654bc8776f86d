// Reading HF parquet files (MMMU, PathVQA) with hyparquet: binary columns stay bytes (image structs),
// text columns are decoded whether or not the writer annotated them as UTF8.
import { gunzipSync } from 'fflate';
import { type AsyncBuffer, cachedAsyncBuffer, parquetReadObjects } from 'hyparquet';
import type { DatasetSource } from '../ports';
import type { LoadCollector } from './collector';

const decoder = new TextDecoder();

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) {
    return bytes.buffer;
  }
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}

/** All rows as objects. Throws on a file hyparquet cannot read (the caller turns it into an exclusion). */
export async function readParquetRows(file: Uint8Array | AsyncBuffer): Promise<Record<string, unknown>[]> {
  const rows = await parquetReadObjects({
    file: file instanceof Uint8Array ? toArrayBuffer(file) : file,
    // utf8: false keeps unannotated BYTE_ARRAY (image bytes) as Uint8Array; STRING columns still decode.
    utf8: false,
    // Snappy and uncompressed are built in; gzip comes from fflate. zstd/brotli files fail with a clear message.
    compressors: { GZIP: (input: Uint8Array) => gunzipSync(input) },
  });
  return rows as Record<string, unknown>[];
}

/** A text cell: strings as they are, unannotated binary decoded as UTF-8, numbers as text; else null. */
export function parquetText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return decoder.decode(value);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return null;
}

export interface ImageCell {
  bytes: Uint8Array | null;
  path: string | null;
}

/** An HF Image struct {bytes, path}; null when the cell is null or carries neither. */
export function parquetImage(value: unknown): ImageCell | null {
  if (value instanceof Uint8Array) return value.byteLength > 0 ? { bytes: value, path: null } : null;
  if (typeof value !== 'object' || value === null) return null;
  const cell = value as { bytes?: unknown; path?: unknown };
  const bytes = cell.bytes instanceof Uint8Array && cell.bytes.byteLength > 0 ? cell.bytes : null;
  const rawPath = parquetText(cell.path);
  const path = rawPath !== null && rawPath.trim() !== '' ? rawPath : null;
  return bytes === null && path === null ? null : { bytes, path };
}

/**
 * The file as hyparquet's AsyncBuffer over the source's byte ranges: the footer first, then only the column
 * chunks it names — never the whole file in one read (a parquet over HTTP or inside a zip may be GBs).
 * cachedAsyncBuffer keeps what was read, and reads a small file whole in one go.
 */
export async function parquetBuffer(source: DatasetSource, file: string): Promise<AsyncBuffer> {
  const byteLength = await source.size(file);
  return cachedAsyncBuffer({
    byteLength,
    slice: async (start, end) => toArrayBuffer(await source.readRange(file, start, end ?? byteLength)),
  });
}

/** Reads one parquet file for an adapter: registers the file and its record count, or records why it is unreadable. */
export async function readParquetFile(
  source: DatasetSource,
  c: LoadCollector,
  file: string,
): Promise<Record<string, unknown>[] | null> {
  c.addFile(file);
  try {
    const rows = await readParquetRows(await parquetBuffer(source, file));
    c.countRecords(rows.length);
    return rows;
  } catch (e) {
    c.exclude(file, -1, '', 'parse-error', `unreadable parquet (${e instanceof Error ? e.message : String(e)})`);
    return null;
  }
}

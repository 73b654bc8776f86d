// DatasetSource over HTTP: a bundled demo slice (static-datasets/<id>/) or any folder served with a manifest.json.
// The manifest's `files` list stands in for a directory listing, which plain HTTP cannot give.
import { EvalError } from '../core/errors';
import type { DatasetSource } from '../core/ports';
import { createHttpRangeReader, fetchOrExplain } from './http-range';
import type { RangeReader } from './range-reader';
import { decodeUtf8 } from './utf8';

/** Encodes each '/'-separated segment (VQA-RAD's "VQA_RAD Image Folder" has spaces), keeping the separators. */
export function encodePath(path: string): string {
  return path
    .split('/')
    .filter((s) => s !== '')
    .map(encodeURIComponent)
    .join('/');
}

interface ManifestFile {
  path: string;
  /** From the manifest's `bytes`, when it gives one: saves a HEAD per file. */
  bytes: number | null;
}

function parseManifestFiles(text: string, url: string): ManifestFile[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new EvalError(
      'dataset/http',
      `${url} is not valid JSON; regenerate it (node scripts/make-demo-slices.mjs).`,
      e,
    );
  }
  const files = (json as { files?: unknown } | null)?.files;
  if (!Array.isArray(files))
    throw new EvalError(
      'dataset/http',
      `${url} has no "files" array; a dataset manifest lists {path, sha256, bytes} per file.`,
    );
  return files.map((f, i) => {
    const entry = f as { path?: unknown; bytes?: unknown } | null;
    const path = typeof f === 'string' ? f : entry?.path;
    if (typeof path !== 'string' || path === '')
      throw new EvalError('dataset/http', `${url}: files[${i}] has no "path" string; fix or regenerate the manifest.`);
    const bytes = typeof entry?.bytes === 'number' && Number.isInteger(entry.bytes) ? entry.bytes : null;
    return { path, bytes };
  });
}

export function createHttpSource(baseUrl: string, fetchImpl: typeof fetch = (...a) => fetch(...a)): DatasetSource {
  const base = baseUrl.replace(/\/+$/, '');
  const urlOf = (path: string): string => `${base}/${encodePath(path)}`;

  const ctx = { fetchImpl };
  const get = (path: string): Promise<Response> => fetchOrExplain(urlOf(path), {}, ctx);
  // One range reader per file, so a server without Range support is found out (and its small body kept) once.
  const readers = new Map<string, RangeReader>();
  const readerOf = (path: string): RangeReader => {
    let reader = readers.get(path);
    if (reader === undefined) {
      reader = createHttpRangeReader(urlOf(path), ctx);
      readers.set(path, reader);
    }
    return reader;
  };

  let listing: Promise<ManifestFile[]> | null = null;
  const manifest = (): Promise<ManifestFile[]> => {
    listing ??= get('manifest.json')
      .then((r) => r.text())
      .then((t) => parseManifestFiles(t, urlOf('manifest.json')))
      .catch((e: unknown) => {
        listing = null; // let a later call retry
        throw e;
      });
    return listing;
  };
  return {
    root: base,
    list: async () => (await manifest()).map((f) => f.path),
    async readText(path) {
      return decodeUtf8(new Uint8Array(await (await get(path)).arrayBuffer()), path);
    },
    async readBytes(path) {
      return new Uint8Array(await (await get(path)).arrayBuffer());
    },
    async size(path) {
      const listed = (await manifest().catch(() => [])).find((f) => f.path === path)?.bytes;
      return listed ?? readerOf(path).size();
    },
    readRange: (path, start, endExclusive) => readerOf(path).read(start, endExclusive),
  };
}

// DatasetSource over HTTP: a bundled demo slice (static-datasets/<id>/) or any folder served with a manifest.json.
// The manifest's `files` list stands in for a directory listing, which plain HTTP cannot give.
import { EvalError } from '../core/errors';
import type { DatasetSource } from '../core/ports';

/** Encodes each '/'-separated segment (VQA-RAD's "VQA_RAD Image Folder" has spaces), keeping the separators. */
export function encodePath(path: string): string {
  return path
    .split('/')
    .filter((s) => s !== '')
    .map(encodeURIComponent)
    .join('/');
}

function parseManifestFiles(text: string, url: string): string[] {
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
    const path = typeof f === 'string' ? f : (f as { path?: unknown } | null)?.path;
    if (typeof path !== 'string' || path === '')
      throw new EvalError('dataset/http', `${url}: files[${i}] has no "path" string; fix or regenerate the manifest.`);
    return path;
  });
}

export function createHttpSource(baseUrl: string, fetchImpl: typeof fetch = (...a) => fetch(...a)): DatasetSource {
  const base = baseUrl.replace(/\/+$/, '');
  const urlOf = (path: string): string => `${base}/${encodePath(path)}`;

  async function get(path: string): Promise<Response> {
    const url = urlOf(path);
    let res: Response;
    try {
      res = await fetchImpl(url);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      throw new EvalError(
        'dataset/http',
        `Could not fetch ${url} (${why}). Check that the server is running and reachable.`,
        e,
      );
    }
    if (!res.ok) {
      const hint =
        res.status === 404
          ? 'The file is not on the server: check the dataset folder and its manifest.json.'
          : 'Check the server and try again.';
      const status = [res.status, res.statusText].filter((x) => x !== '').join(' ');
      throw new EvalError('dataset/http', `GET ${url} failed with HTTP ${status}. ${hint}`);
    }
    return res;
  }

  let listing: Promise<string[]> | null = null;
  return {
    root: base,
    list() {
      listing ??= get('manifest.json')
        .then((r) => r.text())
        .then((t) => parseManifestFiles(t, urlOf('manifest.json')))
        .catch((e: unknown) => {
          listing = null; // let a later call retry
          throw e;
        });
      return listing;
    },
    async readText(path) {
      return (await get(path)).text();
    },
    async readBytes(path) {
      return new Uint8Array(await (await get(path)).arrayBuffer());
    },
  };
}

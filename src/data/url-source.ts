// A dataset from a URL, picked by what the URL names: a .zip (read by HTTP ranges), a single data file
// (.parquet/.json/.jsonl/.csv, also by ranges), or a folder served with a manifest.json (http.ts).
// A Hugging Face dataset file URL is just a file URL; its web-page form (/blob/) is turned into /resolve/.
import { EvalError } from '../core/errors';
import type { DatasetSource } from '../core/ports';
import { createHttpSource } from './http';
import { createHttpRangeReader, type HttpRangeOptions } from './http-range';
import { createSingleFileSource } from './single-file';
import { createZipSource, type ZipSourceOptions } from './zip';

export type UrlKind =
  { kind: 'zip'; url: string } | { kind: 'file'; url: string; path: string } | { kind: 'folder'; url: string };

const DATA_FILE = /\.(parquet|jsonl?|csv)$/i;
/** /datasets/<owner>/<name>/(resolve|blob)/<revision>/<path…> */
const HF_FILE = /^\/datasets\/[^/]+\/[^/]+\/(resolve|blob)\/[^/]+\/(.+)$/;

function decodeSegments(path: string): string {
  return path
    .split('/')
    .filter((s) => s !== '')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    })
    .join('/');
}

/** What a URL points at, and the path its file gets inside the source. */
export function classifyUrl(raw: string): UrlKind {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (e) {
    throw new EvalError('config/bad-url', `'${raw}' is not a URL: give a full http(s):// address.`, e);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new EvalError('config/bad-url', `'${raw}' is not an http(s) URL: only http:// and https:// can be read.`);
  // The hub's path shape, on huggingface.co or a mirror of it (hf-mirror.com, a local test server).
  const hf = HF_FILE.exec(url.pathname);
  if (hf !== null && hf[1] === 'blob') url.pathname = url.pathname.replace('/blob/', '/resolve/');
  const href = url.toString();
  const pathname = url.pathname;
  if (/\.zip$/i.test(pathname)) return { kind: 'zip', url: href };
  if (DATA_FILE.test(pathname)) {
    // In an HF repo the repo-relative path is the path adapters know ('data/test-00000-of-00003.parquet');
    // elsewhere only the file name can be trusted.
    const path = hf?.[2] !== undefined ? decodeSegments(hf[2]) : decodeSegments(pathname).split('/').pop();
    if (path !== undefined && path !== '' && !pathname.endsWith('/manifest.json'))
      return { kind: 'file', url: href, path };
  }
  const folder = href
    .replace(/[?#].*$/, '')
    .replace(/\/manifest\.json$/i, '')
    .replace(/\/+$/, '');
  return { kind: 'folder', url: folder };
}

/** The source for a URL; nothing is fetched until it is listed or read. */
export function createUrlSource(
  url: string,
  options: HttpRangeOptions = {},
  zipOptions: ZipSourceOptions = {},
): DatasetSource {
  const target = classifyUrl(url);
  if (target.kind === 'zip') {
    const zip = createZipSource(createHttpRangeReader(target.url, options), zipOptions);
    return { ...zip, root: target.url };
  }
  if (target.kind === 'file')
    return createSingleFileSource(target.path, createHttpRangeReader(target.url, options), target.url);
  return createHttpSource(target.url, options.fetchImpl);
}

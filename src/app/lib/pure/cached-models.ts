// Model files in the browser's cache, grouped by model: which model a cached file's URL belongs to.

export const TRANSFORMERS_CACHE = 'transformers-cache';

export interface CachedModel {
  /** Hub repo id ("owner/name") or the base URL of a served export. */
  model: string;
  files: { url: string; bytes: number }[];
  bytes: number;
}

/** "https://huggingface.co/o/n/resolve/main/onnx/x.onnx" → "o/n"; "http://h/models/tiny/onnx/x.onnx" → "http://h/models/tiny". */
export function modelOfUrl(url: string): string {
  const hub = /^https?:\/\/[^/]+\/(.+?)\/resolve\/[^/]+\//.exec(url);
  if (hub?.[1] !== undefined) return hub[1];
  const dir = url.slice(0, url.lastIndexOf('/'));
  return dir.replace(/\/onnx$/, '');
}

// DatasetSource over in-memory files (tests, benches, files dropped into the page).
import { EvalError } from '../core/errors';
import type { DatasetSource } from '../core/ports';
import { clampRange } from './range-reader';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function bytesOf(content: string | Uint8Array): Uint8Array {
  return typeof content === 'string' ? encoder.encode(content) : content;
}

export function createMemorySource(files: Record<string, string | Uint8Array>, root = 'memory'): DatasetSource {
  const table = new Map<string, string | Uint8Array>(Object.entries(files));
  const get = (path: string): string | Uint8Array => {
    const content = table.get(path);
    if (content === undefined) throw new EvalError('dataset/missing-file', `File '${path}' not found in ${root}.`);
    return content;
  };
  return {
    root,
    list: async () => [...table.keys()].sort(),
    readText: async (path) => {
      const content = get(path);
      return typeof content === 'string' ? content : decoder.decode(content);
    },
    readBytes: async (path) => bytesOf(get(path)),
    size: async (path) => bytesOf(get(path)).byteLength,
    readRange: async (path, start, endExclusive) => {
      const bytes = bytesOf(get(path));
      const [s, e] = clampRange(bytes.byteLength, start, endExclusive);
      return bytes.subarray(s, e);
    },
  };
}

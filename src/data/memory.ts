// DatasetSource over in-memory files (tests, benches, files dropped into the page).
import { EvalError } from '../core/errors';
import type { DatasetSource } from '../core/ports';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

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
    readBytes: async (path) => {
      const content = get(path);
      return typeof content === 'string' ? encoder.encode(content) : content;
    },
  };
}

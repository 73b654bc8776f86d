// A DatasetSource holding one file read by ranges (a parquet or json URL): adapters find it by its path, so
// the path keeps the folders that matter to them (HF 'Clinical_Medicine/validation-….parquet').
import { EvalError } from '../core/errors';
import type { DatasetSource } from '../core/ports';
import type { RangeReader } from './range-reader';
import { decodeUtf8 } from './utf8';

export function createSingleFileSource(path: string, reader: RangeReader, root = reader.name): DatasetSource {
  const check = (p: string): void => {
    if (p !== path) throw new EvalError('dataset/missing-file', `File '${p}' not found: ${root} holds only '${path}'.`);
  };
  const whole = async (): Promise<Uint8Array> => reader.read(0, await reader.size());
  return {
    root,
    list: async () => [path],
    readText: async (p) => (check(p), decodeUtf8(await whole(), p)),
    readBytes: async (p) => (check(p), whole()),
    size: async (p) => (check(p), reader.size()),
    readRange: async (p, start, endExclusive) => (check(p), reader.read(start, endExclusive)),
  };
}

// Embedding vectors kept in IndexedDB by feature model and item content hash, with an in-memory map in front: a
// re-tag after a reload embeds nothing, and a re-tag in the same visit reads no IndexedDB at all.
import { openDB, type IDBPDatabase } from 'idb';
import type { VectorCache } from '../../../core/classify';

const DB = 'medvlm-vectors';
const STORE = 'vectors';

let db: Promise<IDBPDatabase> | null = null;
const open = (): Promise<IDBPDatabase> =>
  (db ??= openDB(DB, 1, {
    upgrade(d) {
      d.createObjectStore(STORE);
    },
  }));

export function idbVectorCache(): VectorCache {
  const memory = new Map<string, Float32Array>();
  return {
    peek: (key) => memory.get(key),
    async get(key) {
      const hit = memory.get(key);
      if (hit !== undefined) return hit;
      // A store that cannot be opened (private mode, quota) only costs the embedding again.
      const stored: unknown = await open()
        .then((d) => d.get(STORE, key))
        .catch(() => undefined);
      if (!(stored instanceof Float32Array)) return undefined;
      memory.set(key, stored);
      return stored;
    },
    async set(key, vector) {
      memory.set(key, vector);
      await open()
        .then((d) => d.put(STORE, vector, key))
        .catch(() => undefined);
    },
  };
}

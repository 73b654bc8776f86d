// The KeyValueStore over Web Storage (localStorage / sessionStorage) that never throws: unavailable or full storage
// just keeps state in memory for this page.
import type { KeyValueStore } from '../pure/key-value';

type Area = 'local' | 'session';

function storageOf(area: Area): Storage | undefined {
  try {
    return area === 'local' ? globalThis.localStorage : globalThis.sessionStorage;
  } catch {
    return undefined; // some privacy settings throw on access
  }
}

export function webStorage(area: Area = 'local'): KeyValueStore {
  return {
    read(key) {
      try {
        const text = storageOf(area)?.getItem(key);
        return text ? (JSON.parse(text) as unknown) : undefined;
      } catch {
        return undefined;
      }
    },
    write(key, value) {
      try {
        const storage = storageOf(area);
        if (storage === undefined) return false;
        if (value === undefined) storage.removeItem(key);
        else storage.setItem(key, JSON.stringify(value));
        return true;
      } catch {
        return false;
      }
    },
    remove(key) {
      try {
        storageOf(area)?.removeItem(key);
      } catch {
        // nothing to clean up where storage is unavailable
      }
    },
  };
}

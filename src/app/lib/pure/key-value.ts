// Small JSON settings kept by key (the page's localStorage / sessionStorage, a Map in tests): the port the app's
// state classes persist through. Implementations never throw: storage that is unavailable or full keeps nothing.

export interface KeyValueStore {
  /** The value stored under key, parsed; undefined when absent or unreadable. */
  read(key: string): unknown;
  /** Stores a JSON-serialisable value (undefined removes it); false when it could not be stored. */
  write(key: string, value: unknown): boolean;
  remove(key: string): void;
}

/** A KeyValueStore in memory (tests; pages whose storage is blocked). */
export function createMemoryKeyValue(initial: Record<string, unknown> = {}): KeyValueStore & {
  readonly entries: Map<string, string>;
} {
  const entries = new Map(Object.entries(initial).map(([k, v]) => [k, JSON.stringify(v)]));
  return {
    entries,
    read: (key) => {
      const text = entries.get(key);
      return text === undefined ? undefined : (JSON.parse(text) as unknown);
    },
    write: (key, value) => {
      if (value === undefined) entries.delete(key);
      else entries.set(key, JSON.stringify(value));
      return true;
    },
    remove: (key) => void entries.delete(key),
  };
}

export const asRecord = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

// vitest 5 targets Node ≥ 22; on Node 20 its reporter calls Map.groupBy/Object.groupBy (ES2024) when a test fails.
// Loaded by vite.config.ts in the main process, before any reporter runs.
type GroupBy = <K, T>(items: Iterable<T>, key: (item: T, index: number) => K) => Map<K, T[]>;
const mapCtor = Map as unknown as { groupBy?: GroupBy };
if (typeof mapCtor.groupBy !== 'function') {
  mapCtor.groupBy = <K, T>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> => {
    const out = new Map<K, T[]>();
    let i = 0;
    for (const item of items) {
      const k = key(item, i++);
      const list = out.get(k);
      if (list) list.push(item);
      else out.set(k, [item]);
    }
    return out;
  };
}
const objectCtor = Object as unknown as {
  groupBy?: <T>(items: Iterable<T>, key: (item: T, index: number) => PropertyKey) => Record<PropertyKey, T[]>;
};
if (typeof objectCtor.groupBy !== 'function') {
  objectCtor.groupBy = <T>(
    items: Iterable<T>,
    key: (item: T, index: number) => PropertyKey,
  ): Record<PropertyKey, T[]> => {
    const out: Record<PropertyKey, T[]> = Object.create(null) as Record<PropertyKey, T[]>;
    let i = 0;
    for (const item of items) (out[key(item, i++)] ??= []).push(item);
    return out;
  };
}
export {};

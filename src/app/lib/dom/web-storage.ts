// Small JSON persistence in Web Storage that never throws: unavailable or full storage just keeps state in memory.

type Area = 'local' | 'session';

function storageOf(area: Area): Storage | undefined {
  try {
    return area === 'local' ? globalThis.localStorage : globalThis.sessionStorage;
  } catch {
    return undefined; // some privacy settings throw on access
  }
}

export function readJson(key: string, area: Area = 'local'): unknown {
  try {
    const text = storageOf(area)?.getItem(key);
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return undefined;
  }
}

export function writeJson(key: string, value: unknown, area: Area = 'local'): boolean {
  try {
    const storage = storageOf(area);
    if (storage === undefined) return false;
    if (value === undefined) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function removeKey(key: string, area: Area = 'local'): void {
  try {
    storageOf(area)?.removeItem(key);
  } catch {
    // nothing to clean up where storage is unavailable
  }
}

export const asRecord = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

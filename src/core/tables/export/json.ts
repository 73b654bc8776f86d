// JSON export: the whole table with a format tag and version, keys sorted so equal tables give equal bytes.
import { TABLE_FORMAT_VERSION } from '../types';
import type { Table } from '../types';

export const TABLE_JSON_FORMAT = 'medvlm-bench/table';

export function toJson(table: Table): string {
  return `${JSON.stringify(sortKeys({ format: TABLE_JSON_FORMAT, version: TABLE_FORMAT_VERSION, table }), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

// Reading fields of untrusted raw records: numbers where strings were expected, "NULL" strings, wrong types.
// Each reader returns a value or a problem code; adapters turn problems into exclusions.
import type { MetaValue } from '../types';

export type RawRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is RawRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Why a field could not be read: absent (missing, null, "NULL", blank) or of the wrong type. */
export type FieldProblem = 'missing-field' | 'bad-type';

export function isProblem(value: unknown): value is FieldProblem {
  return value === 'missing-field' || value === 'bad-type';
}

/**
 * A text field, trimmed. Numbers become their decimal text (VQA-RAD answers and qids are sometimes numbers).
 * Returns a FieldProblem for absent, blank or "NULL" values and for objects, arrays and booleans.
 */
export function readText(record: RawRecord, field: string): string | FieldProblem {
  const value = record[field];
  if (typeof value === 'string') {
    const text = value.trim();
    return text === '' || text === 'NULL' ? 'missing-field' : text;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (value === undefined || value === null) return 'missing-field';
  return 'bad-type';
}

/** An optional text field: null when absent, blank or "NULL" (never a problem). */
export function optionalText(record: RawRecord, field: string): string | null {
  const text = readText(record, field);
  return isProblem(text) ? null : text;
}

/** A metadata value: scalars kept, "NULL" and absent become null, lists joined with ', ' (SLAKE triples). */
export function readMeta(record: RawRecord, field: string): MetaValue {
  const value = record[field];
  if (typeof value === 'string') {
    const text = value.trim();
    return text === '' || text === 'NULL' ? null : text;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map((v) => String(v)).join(', ');
  return null;
}

/** Metadata object from a list of field names (absent fields become null so every item has the same keys). */
export function pickMeta(record: RawRecord, fields: readonly string[]): Record<string, MetaValue> {
  const meta: Record<string, MetaValue> = {};
  for (const field of fields) meta[field] = readMeta(record, field);
  return meta;
}

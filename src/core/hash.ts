// SHA-256 fingerprints stored in every run manifest: of the raw data files and of the item ids.
// Web Crypto only (globalThis.crypto.subtle), so the same code runs in page, worker and Node.
import type { DatasetSource } from './ports';

const encoder = new TextEncoder();

function hex(buffer: ArrayBuffer): string {
  let out = '';
  for (const b of new Uint8Array(buffer)) out += b.toString(16).padStart(2, '0');
  return out;
}

export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === 'string' ? encoder.encode(data) : data;
  // subtle.digest wants an ArrayBuffer-backed view; copy only when the bytes live elsewhere (SharedArrayBuffer).
  const view = bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  return hex(await globalThis.crypto.subtle.digest('SHA-256', view));
}

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Stable over the set of paths: sha256 of "path<TAB>sha256(bytes)" lines in sorted path order. */
export async function hashDataFiles(source: DatasetSource, paths: string[]): Promise<string> {
  const sorted = [...new Set(paths)].sort(byCodeUnit);
  const lines: string[] = [];
  for (const path of sorted) lines.push(`${path}\t${await sha256Hex(await source.readBytes(path))}\n`);
  return sha256Hex(lines.join(''));
}

/** sha256 of the ids sorted (by code unit, not locale) and joined with newlines. */
export async function hashItemIds(ids: string[]): Promise<string> {
  return sha256Hex([...ids].sort(byCodeUnit).join('\n'));
}

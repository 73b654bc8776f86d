// A ResultStore wrapper that lets the Run page see every result as it is stored, with the API key scrubbed from it
// first (a server may echo a wrong key in an error message, and results are exported and shared).
import { redact } from '../../../backends/openai';
import type { ResultStore } from '../../../core/ports';
import type { ItemResult } from '../../../core/types';

export interface StoreTapHooks {
  onOpened(stored: ItemResult[]): void;
  onStored(result: ItemResult): void;
}

/** Scrubs a secret from everything a result carries as text. */
function scrub(result: ItemResult, secret: string): ItemResult {
  if (secret.length < 4) return result;
  const out: ItemResult = { ...result, output: redact(result.output, secret) };
  if (result.error !== undefined)
    out.error = { code: result.error.code, message: redact(result.error.message, secret) };
  return out;
}

export function tapStore(inner: ResultStore, secret: string, hooks: StoreTapHooks): ResultStore {
  return {
    async open(manifest) {
      const stored = await inner.open(manifest);
      hooks.onOpened(stored);
      return stored;
    },
    async put(result) {
      const clean = scrub(result, secret);
      await inner.put(clean);
      hooks.onStored(clean);
    },
    results: () => inner.results(),
    close: () => inner.close(),
  };
}

// Wrappers that let the Run page watch a run without touching the engine: the backend tap streams the output of
// the item being watched, the store tap sees every result as it is stored (and scrubs the API key from it).
import { redact } from '../../backends/openai';
import type { ModelBackend, ResultStore } from '../../core/ports';
import type { GenerateRequest, ItemResult } from '../../core/types';

export interface BackendTapHooks {
  /** A generation starts for this prompt text; return a token listener to stream it, or undefined. */
  onStart(promptText: string): { onToken?: (piece: string) => void; onEnd: () => void };
}

/** The text part of a request: the prompt the engine built (buildPromptText). */
export function promptTextOf(request: GenerateRequest): string {
  for (const m of request.messages) for (const p of m.content) if (p.type === 'text') return p.text;
  return '';
}

export function tapBackend(inner: ModelBackend, hooks: BackendTapHooks): ModelBackend {
  return {
    get capabilities() {
      return inner.capabilities;
    },
    load: (onProgress) => inner.load(onProgress),
    async generate(request, onToken) {
      const watch = hooks.onStart(promptTextOf(request));
      const listener =
        watch.onToken === undefined && onToken === undefined
          ? undefined
          : (piece: string): void => {
              watch.onToken?.(piece);
              onToken?.(piece);
            };
      try {
        return await inner.generate(request, listener);
      } finally {
        watch.onEnd();
      }
    },
    interrupt: () => inner.interrupt(),
    dispose: () => inner.dispose(),
  };
}

export interface StoreTapHooks {
  onOpened(stored: ItemResult[]): void;
  onStored(result: ItemResult): void;
}

/** Scrubs a secret from everything a result carries as text (a server may echo a wrong key in an error). */
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

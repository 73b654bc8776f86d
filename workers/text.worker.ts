// The text worker: decodes a large imported results file (UTF-8) a block at a time off the page's thread, so that
// the page only parses (src/app/state/imports.svelte.ts). Decoding an 89k-item, 100 MB file took about a quarter of
// the page's time to open it in the inspector (`npm run bench:inspector`). Created only by src/app/workers.ts.
import type { TextWorkerReply, TextWorkerRequest } from './api';

/** Bytes gathered before one decode and post: a few dozen messages for 100 MB, and each arrives soon. */
const BLOCK_BYTES = 2 * 1024 * 1024;
/** Blocks posted ahead of the page's `more`: the page never holds more than this much text it has not parsed. */
const AHEAD = 3;

let credits = AHEAD;
let wake: (() => void) | null = null;

const reply = (message: TextWorkerReply): void => self.postMessage(message);

async function read(file: Blob, ignoreBOM: boolean): Promise<void> {
  // A streaming decoder: a character split between two blocks decodes whole.
  const decoder = new TextDecoder('utf-8', { ignoreBOM });
  const reader = file.stream().getReader();
  let parts: Uint8Array[] = [];
  let size = 0;
  const post = async (bytes: Uint8Array | null): Promise<void> => {
    while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
    credits -= 1;
    reply({ kind: 'text', text: bytes === null ? decoder.decode() : decoder.decode(bytes, { stream: true }) });
  };
  const flush = async (): Promise<void> => {
    const block = parts.length === 1 ? parts[0] : concat(parts, size);
    parts = [];
    size = 0;
    if (block !== undefined) await post(block);
  };
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    size += value.length;
    if (size >= BLOCK_BYTES) await flush();
  }
  await flush();
  await post(null);
  reply({ kind: 'done' });
}

function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

self.onmessage = (event: MessageEvent<TextWorkerRequest>) => {
  const message = event.data;
  if (message.kind === 'more') {
    credits += 1;
    wake?.();
    wake = null;
    return;
  }
  read(message.file, message.ignoreBOM).catch((e: unknown) =>
    reply({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
  );
};

// Embeddings keyed by a hash of what was embedded (model, instruction, text, image bytes), so an item
// is embedded once however many times it is asked for.

export interface EmbeddingCache {
  get(key: string): Promise<Float32Array | undefined>;
  set(key: string, vector: Float32Array): Promise<void>;
}

/** In-memory cache; oldest entries go first past `maxEntries`. */
export class MemoryEmbeddingCache implements EmbeddingCache {
  private readonly entries = new Map<string, Float32Array>();
  constructor(private readonly maxEntries = 50_000) {}

  async get(key: string): Promise<Float32Array | undefined> {
    return this.entries.get(key);
  }

  async set(key: string, vector: Float32Array): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, vector);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

/** SHA-256 (hex) over length-prefixed parts: text and bytes can never run into each other. */
export async function contentHash(parts: readonly (string | Uint8Array)[]): Promise<string> {
  const enc = new TextEncoder();
  const chunks = parts.map((p) => (typeof p === 'string' ? enc.encode(p) : p));
  const total = chunks.reduce((n, c) => n + 9 + c.length, 0);
  const buf = new Uint8Array(total);
  const view = new DataView(buf.buffer);
  let at = 0;
  parts.forEach((p, i) => {
    const c = chunks[i] ?? new Uint8Array(0);
    buf[at] = typeof p === 'string' ? 1 : 2;
    view.setBigUint64(at + 1, BigInt(c.length));
    buf.set(c, at + 9);
    at += 9 + c.length;
  });
  const digest = await crypto.subtle.digest('SHA-256', buf);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

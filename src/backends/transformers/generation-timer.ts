// A streamer that times generation (prefill = generate start → first new token; decode rate after it),
// keeps the new token ids, and forwards decoded text pieces when the caller wants streaming.

import { BaseStreamer, TextStreamer } from '@huggingface/transformers';
import type { TokenizerLike } from './prepare-inputs';

export interface GenerationTiming {
  prefillMs: number;
  decodeTokensPerS: number | undefined;
  tokenIds: number[];
}

export class GenerationTimer extends BaseStreamer {
  private readonly startedAt = performance.now();
  private firstTokenAt: number | null = null;
  private lastTokenAt: number | null = null;
  private promptSeen = false;
  private readonly ids: number[] = [];
  private readonly text: TextStreamer | null;

  constructor(tokenizer: TokenizerLike, onToken?: (piece: string) => void) {
    super();
    this.text = onToken
      ? new TextStreamer(tokenizer as unknown as ConstructorParameters<typeof TextStreamer>[0], {
          skip_prompt: true,
          skip_special_tokens: true,
          callback_function: (piece: string) => {
            if (piece.length > 0) onToken(piece);
          },
        })
      : null;
  }

  override put(value: bigint[][]): void {
    this.text?.put(value);
    if (!this.promptSeen) {
      this.promptSeen = true; // generate() first reports the prompt itself
      return;
    }
    const now = performance.now();
    this.firstTokenAt ??= now;
    this.lastTokenAt = now;
    for (const id of value[0] ?? []) this.ids.push(Number(id));
  }

  override end(): void {
    this.text?.end();
  }

  timing(): GenerationTiming {
    const first = this.firstTokenAt ?? performance.now();
    const decodeMs = (this.lastTokenAt ?? first) - first;
    const decoded = this.ids.length - 1;
    return {
      prefillMs: first - this.startedAt,
      decodeTokensPerS: decoded > 0 && decodeMs > 0 ? (decoded * 1000) / decodeMs : undefined,
      tokenIds: [...this.ids],
    };
  }
}
